import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { azureOpenAIApiRef } from '../api/AzureOpenAIApi';
import type { Scan, ScanRequest } from '@pavedai/plugin-azure-openai-common';

/** Progress of a "Scan now" request. */
export interface ScanNowState {
  /** True from the click until the scan finished (or failed). */
  scanning: boolean;
  /** The scan as last polled. */
  scan?: Scan;
  /** Why the scan could not be requested, or why it failed. */
  error?: Error;
  /** Requests the scan and polls it. */
  start: () => void;
}

/**
 * Requests a scan, polls it every `intervalMs` until it completes or fails, then calls
 * `onFinished`.
 */
export function useScanNow(
  request: ScanRequest,
  onFinished: () => void,
  intervalMs = 1000,
): ScanNowState {
  const api = useApi(azureOpenAIApiRef);
  const [scanning, setScanning] = useState(false);
  const [scan, setScan] = useState<Scan>();
  const [error, setError] = useState<Error>();
  const mounted = useRef(true);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = useCallback(() => {
    setScanning(true);
    setError(undefined);
    const run = async () => {
      let current = await api.createScan(JSON.parse(requestKey));
      while (mounted.current) {
        setScan(current);
        if (current.status === 'completed' || current.status === 'failed') {
          break;
        }
        await new Promise(resolve => setTimeout(resolve, intervalMs));
        current = await api.getScan(current.id);
      }
      if (!mounted.current) return;
      if (current.status === 'failed') {
        setError(new Error(current.error ?? 'The scan failed'));
      }
      setScanning(false);
      finished.current();
    };
    run().catch(e => {
      if (!mounted.current) return;
      setError(e instanceof Error ? e : new Error(String(e)));
      setScanning(false);
    });
  }, [api, requestKey, intervalMs]);

  return { scanning, scan, error, start };
}
