import { ArmThrottleTracker } from './ArmThrottleTracker';

const SUB = 'aaaaaaaa-0000-0000-0000-000000000001';
const OTHER = 'bbbbbbbb-0000-0000-0000-000000000002';

/** A tracker on a fake clock whose sleep advances the clock. */
function fakeTracker(
  options: ConstructorParameters<typeof ArmThrottleTracker>[0] = {},
) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const tracker = new ArmThrottleTracker({
    ...options,
    now: () => now,
    sleep: async ms => {
      sleeps.push(ms);
      now += ms;
    },
  });
  return {
    tracker,
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ArmThrottleTracker', () => {
  it('does not slow down while the budget is healthy', async () => {
    const { tracker, sleeps } = fakeTracker();
    expect(tracker.observeRemaining(SUB, 'read', 249)).toBe(0);
    expect(tracker.observeRemaining(SUB, 'read', 25)).toBe(0);
    await tracker.waitFor(SUB, 'read');
    expect(sleeps).toEqual([]);
  });

  it('pauses reads long enough for ARM to refill to the watermark', async () => {
    const { tracker, sleeps } = fakeTracker();
    // Default reads: watermark 25 at 25/s → 15 missing = 600 ms.
    expect(tracker.observeRemaining(SUB, 'read', 10)).toBe(600);
    await tracker.waitFor(SUB, 'read');
    expect(sleeps).toEqual([600]);
    // Writes and other subscriptions are not affected.
    expect(tracker.delayFor(SUB, 'write')).toBe(0);
    expect(tracker.delayFor(OTHER, 'read')).toBe(0);
  });

  it('pauses writes by the write refill rate', () => {
    const { tracker } = fakeTracker();
    // Default writes: watermark 20 at 10/s → 20 missing = 2 s.
    expect(tracker.observeRemaining(SUB, 'write', 0)).toBe(2000);
    expect(tracker.delayFor(SUB.toUpperCase(), 'write')).toBe(2000);
  });

  it('keeps the longest pause when answers arrive out of order', () => {
    const { tracker, advance } = fakeTracker({
      reads: { lowWatermark: 10, refillPerSecond: 10 },
    });
    tracker.observeRetryAfter(SUB, 'read', 3000);
    tracker.observeRemaining(SUB, 'read', 5);
    expect(tracker.delayFor(SUB, 'read')).toBe(3000);
    advance(1000);
    expect(tracker.delayFor(SUB, 'read')).toBe(2000);
    advance(2500);
    expect(tracker.delayFor(SUB, 'read')).toBe(0);
  });

  it('waits again when the pause is extended during the wait', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const tracker = new ArmThrottleTracker({
      now: () => now,
      sleep: async ms => {
        sleeps.push(ms);
        now += ms;
        if (sleeps.length === 1) {
          tracker.observeRetryAfter(SUB, 'read', 1000);
        }
      },
    });
    tracker.observeRetryAfter(SUB, 'read', 500);
    await tracker.waitFor(SUB, 'read');
    expect(sleeps).toEqual([500, 1000]);
  });

  it('stops waiting when the signal aborts', async () => {
    const tracker = new ArmThrottleTracker();
    tracker.observeRetryAfter(SUB, 'read', 60_000);
    const controller = new AbortController();
    const waiting = tracker.waitFor(SUB, 'read', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a budget that cannot refill', () => {
    expect(
      () =>
        new ArmThrottleTracker({
          reads: { lowWatermark: 5, refillPerSecond: 0 },
        }),
    ).toThrow('refillPerSecond must be > 0');
  });
});
