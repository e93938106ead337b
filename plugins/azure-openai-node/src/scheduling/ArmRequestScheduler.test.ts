import { ArmRequestScheduler } from './ArmRequestScheduler';

const SUB_A = 'aaaaaaaa-0000-0000-0000-000000000001';
const SUB_B = 'bbbbbbbb-0000-0000-0000-000000000002';
const SUB_C = 'cccccccc-0000-0000-0000-000000000003';

/** A task that stays in flight until released, counting concurrency. */
class Probe {
  running = 0;
  maxRunning = 0;
  readonly runningBySub = new Map<string, number>();
  readonly maxBySub = new Map<string, number>();
  private readonly gates: Array<() => void> = [];

  task(sub: string) {
    return async () => {
      this.running += 1;
      this.maxRunning = Math.max(this.maxRunning, this.running);
      const now = (this.runningBySub.get(sub) ?? 0) + 1;
      this.runningBySub.set(sub, now);
      this.maxBySub.set(sub, Math.max(this.maxBySub.get(sub) ?? 0, now));
      await new Promise<void>(resolve => this.gates.push(resolve));
      this.running -= 1;
      this.runningBySub.set(sub, this.runningBySub.get(sub)! - 1);
      return sub;
    };
  }

  /** Lets the oldest running tasks finish. */
  release(count = this.gates.length) {
    this.gates.splice(0, count).forEach(open => open());
  }

  get open() {
    return this.gates.length;
  }
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise(resolve => setImmediate(resolve));

describe('ArmRequestScheduler', () => {
  it('never exceeds the overall and per-subscription limits', async () => {
    const scheduler = new ArmRequestScheduler({ total: 5, perSubscription: 2 });
    const probe = new Probe();
    const subs = [SUB_A, SUB_B, SUB_C];
    const results = Array.from({ length: 60 }, (_, i) =>
      scheduler.run(subs[i % 3], probe.task(subs[i % 3])),
    );
    await settle();
    // 3 subscriptions × 2 = 6 possible, but the total caps at 5.
    expect(probe.running).toBe(5);
    expect(scheduler.inFlight()).toBe(5);
    expect(scheduler.waiting).toBe(55);
    while (probe.open > 0) {
      probe.release(1 + (probe.open % 3));
      await settle();
      expect(probe.running).toBeLessThanOrEqual(5);
      for (const sub of subs) {
        expect(scheduler.inFlight(sub)).toBeLessThanOrEqual(2);
      }
    }
    await expect(Promise.all(results)).resolves.toHaveLength(60);
    expect(probe.maxRunning).toBe(5);
    expect(Math.max(...probe.maxBySub.values())).toBe(2);
    for (const sub of subs) {
      expect(probe.maxBySub.get(sub)).toBeLessThanOrEqual(2);
    }
    expect(scheduler.inFlight()).toBe(0);
  });

  it('does not let a busy subscription hold back others', async () => {
    const scheduler = new ArmRequestScheduler({ total: 4, perSubscription: 2 });
    const probe = new Probe();
    for (let i = 0; i < 10; i++) {
      void scheduler.run(SUB_A, probe.task(SUB_A));
    }
    const other = scheduler.run(SUB_B, probe.task(SUB_B));
    await settle();
    expect(probe.runningBySub.get(SUB_A)).toBe(2);
    expect(probe.runningBySub.get(SUB_B)).toBe(1);
    probe.release();
    await expect(other).resolves.toBe(SUB_B);
    while (probe.open > 0) {
      probe.release();
      await settle();
    }
  });

  it('treats subscription ids case-insensitively', async () => {
    const scheduler = new ArmRequestScheduler({ total: 4, perSubscription: 1 });
    const probe = new Probe();
    void scheduler.run(SUB_A, probe.task('x'));
    void scheduler.run(SUB_A.toUpperCase(), probe.task('x'));
    await settle();
    expect(probe.running).toBe(1);
    probe.release();
    await settle();
    expect(probe.running).toBe(1);
    probe.release();
    await settle();
  });

  it('frees the slot when a task fails and passes the error on', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    await expect(
      scheduler.run(SUB_A, async () => {
        throw new Error('ARM said no');
      }),
    ).rejects.toThrow('ARM said no');
    await expect(scheduler.run(SUB_A, async () => 'next')).resolves.toBe(
      'next',
    );
    expect(scheduler.inFlight()).toBe(0);
  });

  it('removes a waiting task when its signal aborts, and never runs it', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    const probe = new Probe();
    const first = scheduler.run(SUB_A, probe.task(SUB_A));
    const controller = new AbortController();
    const neverRun = jest.fn(async () => 'ran');
    const waiting = scheduler.run(SUB_A, neverRun, {
      signal: controller.signal,
    });
    await settle();
    expect(scheduler.waiting).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(scheduler.waiting).toBe(0);
    probe.release();
    await first;
    expect(neverRun).not.toHaveBeenCalled();
    expect(scheduler.inFlight()).toBe(0);
  });

  it('refuses to start with an already aborted signal', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    const controller = new AbortController();
    controller.abort();
    const task = jest.fn(async () => 1);
    await expect(
      scheduler.run(SUB_A, task, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(task).not.toHaveBeenCalled();
  });

  it('hands the caller signal to the task', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    const controller = new AbortController();
    const seen = await scheduler.run(SUB_A, async signal => signal, {
      signal: controller.signal,
    });
    expect(seen).toBe(controller.signal);
  });

  it('aborts the signal handed to the task when the deadline passes', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    const outcome = await scheduler
      .run(
        SUB_A,
        signal =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          ),
        { deadlineMs: 5 },
      )
      .catch(error => error);
    expect(outcome).toMatchObject({ name: 'TimeoutError' });
    expect(scheduler.inFlight()).toBe(0);
  });

  it('drops a queued task whose deadline passes before it starts', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    const probe = new Probe();
    const first = scheduler.run(SUB_A, probe.task(SUB_A));
    const neverRun = jest.fn(async () => 'ran');
    await expect(
      scheduler.run(SUB_A, neverRun, { deadlineMs: 5 }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    probe.release();
    await first;
    expect(neverRun).not.toHaveBeenCalled();
  });

  it('refuses a deadline that is not positive', async () => {
    const scheduler = new ArmRequestScheduler({ total: 1, perSubscription: 1 });
    await expect(
      scheduler.run(SUB_A, async () => 1, { deadlineMs: 0 }),
    ).rejects.toThrow('deadlineMs must be a positive number');
  });

  it('takes its limits from the access config and validates them', () => {
    const scheduler = ArmRequestScheduler.fromConfig({
      concurrency: { total: 3, perSubscription: 1 },
    });
    expect(scheduler.inFlight()).toBe(0);
    expect(
      () => new ArmRequestScheduler({ total: 0, perSubscription: 1 }),
    ).toThrow('ArmRequestScheduler total must be a whole number of at least 1');
  });
});
