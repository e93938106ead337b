/**
 * The part of `AbortSignal` this package uses (also the Azure SDK's `AbortSignalLike`).
 *
 * @public
 */
export interface SignalLike {
  /** Whether the signal has aborted. */
  readonly aborted: boolean;
  /** Registers the abort listener. */
  addEventListener(type: 'abort', listener: () => void): void;
  /** Removes the abort listener. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason (an
 * `AbortError`) as soon as `signal` aborts.
 */
export function abortableDelay(ms: number, signal?: SignalLike): Promise<void> {
  if (signal?.aborted) {
    return Promise.reject(abortError());
  }
  if (ms <= 0) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}

/** An `Error` named `AbortError`, the shape the Azure SDK throws on abort. */
export function abortError(message = 'The operation was aborted.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}
