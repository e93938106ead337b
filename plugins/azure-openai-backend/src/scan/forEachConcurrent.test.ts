import { forEachConcurrent } from './forEachConcurrent';

async function* numbers(count: number, pulled: number[], failAt?: number) {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error(`list failed at ${i}`);
    pulled.push(i);
    yield i;
  }
}

describe('forEachConcurrent', () => {
  it('processes every item with bounded concurrency and pulls lazily', async () => {
    const pulled: number[] = [];
    const done: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let maxAhead = 0;
    await forEachConcurrent(numbers(20, pulled), 3, async n => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxAhead = Math.max(maxAhead, pulled.length - done.length);
      await new Promise(resolve => setImmediate(resolve));
      done.push(n);
      inFlight -= 1;
    });
    expect([...done].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(maxInFlight).toBe(3);
    expect(maxAhead).toBeLessThanOrEqual(3);
  });

  it('rethrows a failure of the iterable after the items in flight finish', async () => {
    const done: number[] = [];
    await expect(
      forEachConcurrent(numbers(10, [], 4), 2, async n => {
        done.push(n);
      }),
    ).rejects.toThrow('list failed at 4');
    expect(done).toEqual([0, 1, 2, 3]);
  });

  it('stops pulling when the signal is aborted', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    await forEachConcurrent(
      numbers(10, []),
      1,
      async n => {
        done.push(n);
        if (n === 2) controller.abort();
      },
      controller.signal,
    );
    expect(done).toEqual([0, 1, 2]);
  });
});
