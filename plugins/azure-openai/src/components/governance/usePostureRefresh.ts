import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntityPosture } from '@pavedai/plugin-azure-openai-common';

/** Whether the posture is being polled after a governance change. */
export interface PostureRefresh {
  refreshing: boolean;
  /** Reloads the posture until a new evaluation of any account arrives (or gives up). */
  start: () => void;
}

function evaluations(posture: EntityPosture | undefined): string {
  return (posture?.accounts ?? []).map(a => a.posture.resultId).join(',');
}

/**
 * After an approval or an attestation the backend scans the accounts again; this reloads the
 * posture every `intervalMs` until one of its accounts has a new evaluation, at most
 * `maxAttempts` times.
 */
export function usePostureRefresh(
  posture: EntityPosture | undefined,
  reload: () => void,
  intervalMs = 1000,
  maxAttempts = 30,
): PostureRefresh {
  const [waitingFrom, setWaitingFrom] = useState<string>();
  const attempts = useRef(0);
  const current = evaluations(posture);

  useEffect(() => {
    if (waitingFrom === undefined) return undefined;
    const timer = setInterval(() => {
      attempts.current += 1;
      if (attempts.current > maxAttempts) setWaitingFrom(undefined);
      else reload();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [waitingFrom, reload, intervalMs, maxAttempts]);

  useEffect(() => {
    if (waitingFrom !== undefined && current !== waitingFrom) {
      setWaitingFrom(undefined);
    }
  }, [waitingFrom, current]);

  const start = useCallback(() => {
    attempts.current = 0;
    setWaitingFrom(current);
  }, [current]);

  return { refreshing: waitingFrom !== undefined, start };
}
