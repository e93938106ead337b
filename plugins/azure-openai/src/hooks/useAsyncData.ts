import { useCallback, useEffect, useState } from 'react';

/** State of data loaded asynchronously. */
export interface AsyncData<T> {
  loading: boolean;
  error?: Error;
  value?: T;
  /** Loads again; the previous value stays visible while it loads. */
  retry: () => void;
}

/**
 * Loads data with `load` whenever `deps` change, dropping answers that arrive after a newer
 * request or after unmount.
 */
export function useAsyncData<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): AsyncData<T> {
  const [state, setState] = useState<Omit<AsyncData<T>, 'retry'>>({
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState(s => ({ ...s, loading: true, error: undefined }));
    load().then(
      value => {
        if (current) setState({ loading: false, value });
      },
      error => {
        if (current) setState({ loading: false, error: toError(error) });
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
