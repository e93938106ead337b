import { interleaveBySubscription } from './interleaveBySubscription';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const account = (sub: string, name: string) => ({
  resourceId: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/${name}`,
});

describe('interleaveBySubscription', () => {
  it('takes accounts sorted by subscription round-robin across subscriptions', async () => {
    const sorted = [
      account('a', '1'),
      account('a', '2'),
      account('a', '3'),
      account('B', '4'),
      account('b', '5'),
      account('c', '6'),
    ];
    const names = (await collect(interleaveBySubscription(from(sorted), 100)))
      .map(a => a.resourceId.split('/').pop())
      .join(',');
    // a, b (case-insensitive), c, then the rest in order
    expect(names).toBe('1,4,6,2,5,3');
  });

  it('yields every account exactly once and looks ahead at most the window', async () => {
    const items = Array.from({ length: 50 }, (_, i) =>
      account(`s${Math.floor(i / 10)}`, String(i)),
    );
    let pulled = 0;
    let yielded = 0;
    let maxAhead = 0;
    async function* counting() {
      for (const item of items) {
        pulled += 1;
        maxAhead = Math.max(maxAhead, pulled - yielded);
        yield item;
      }
    }
    const out: string[] = [];
    for await (const item of interleaveBySubscription(counting(), 7)) {
      yielded += 1;
      out.push(item.resourceId);
    }
    expect(out.sort()).toEqual(items.map(i => i.resourceId).sort());
    expect(maxAhead).toBeLessThanOrEqual(7);
  });
});
