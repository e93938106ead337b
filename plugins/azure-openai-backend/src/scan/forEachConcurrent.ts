/**
 * Runs `fn` over an async iterable with at most `concurrency` calls in flight, pulling items
 * lazily so memory stays bounded by `concurrency` however long the iterable is.
 *
 * @remarks
 * `fn` must handle its own errors; an error thrown by the iterable stops the pulling (calls in
 * flight finish) and is rethrown. Stops pulling when `signal` is aborted.
 */
export async function forEachConcurrent<T>(
  items: AsyncIterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let stopped = false;
  let failure: { error: unknown } | undefined;

  const worker = async () => {
    while (!stopped && !signal?.aborted) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        stopped = true;
        failure ??= { error };
        return;
      }
      if (next.done) {
        stopped = true;
        return;
      }
      await fn(next.value);
    }
  };

  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, () => worker()),
  );
  if (failure) throw failure.error;
}
