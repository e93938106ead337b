/**
 * Reorders a stream of accounts so that consecutive accounts come from different subscriptions,
 * looking at most `window` accounts ahead.
 *
 * @remarks
 * Discovery lists accounts sorted by ARM id, so the accounts of one subscription arrive together;
 * scanned in that order, every account in flight competes for the same subscription's ARM slots
 * (`azureOpenAI.azure.concurrency.perSubscription`) and token bucket while other subscriptions sit
 * idle. Taking them round-robin by subscription spreads the calls. Memory stays bounded by
 * `window` items; every item is yielded exactly once.
 */
export async function* interleaveBySubscription<
  T extends { resourceId: string },
>(items: AsyncIterable<T>, window: number): AsyncGenerator<T, void, undefined> {
  const queues = new Map<string, T[]>();
  let buffered = 0;
  let turn: string[] = [];
  const iterator = items[Symbol.asyncIterator]();
  let done = false;

  const fill = async () => {
    while (!done && buffered < window) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      const key = subscriptionKey(next.value.resourceId);
      let queue = queues.get(key);
      if (!queue) {
        queue = [];
        queues.set(key, queue);
      }
      queue.push(next.value);
      buffered += 1;
    }
  };

  for (;;) {
    await fill();
    if (buffered === 0) return;
    if (turn.length === 0) turn = [...queues.keys()];
    const key = turn.shift()!;
    const queue = queues.get(key);
    if (!queue) continue;
    const item = queue.shift()!;
    buffered -= 1;
    if (queue.length === 0) queues.delete(key);
    yield item;
  }
}

function subscriptionKey(resourceId: string): string {
  return (
    /^\/?subscriptions\/([^/]+)/i.exec(resourceId)?.[1] ?? ''
  ).toLowerCase();
}
