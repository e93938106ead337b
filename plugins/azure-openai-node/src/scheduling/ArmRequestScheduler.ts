import { InputError } from '@backstage/errors';
import type { AzureAccessConfig } from '../config/types';
import { abortError } from '../util/abortableDelay';

/**
 * Limits of {@link ArmRequestScheduler}.
 *
 * @public
 */
export interface ArmRequestSchedulerOptions {
  /** Tasks running at most, over all subscriptions. */
  total: number;
  /** Tasks running at most per subscription. */
  perSubscription: number;
}

/**
 * Options of {@link ArmRequestScheduler.run}.
 *
 * @public
 */
export interface ArmRequestRunOptions {
  /** Aborting it removes a waiting task from the queue (rejecting with an `AbortError`). */
  signal?: AbortSignal;
  /**
   * Bound on the whole call, waiting in the queue included, in milliseconds:
   * when it passes, the signal handed to the task aborts (with a
   * `TimeoutError` reason). Use it to cap retries and `Retry-After` waits;
   * single HTTP attempts already have `requestTimeout`.
   */
  deadlineMs?: number;
}

interface Waiter {
  key: string;
  start: () => void;
}

/**
 * Runs Azure Resource Manager calls with bounded concurrency, overall and
 * per subscription.
 *
 * @remarks
 * Tasks wait in arrival order; a task whose subscription is at its limit
 * does not hold back tasks of other subscriptions. The task gets the
 * caller's abort signal (combined with `deadlineMs`, if given) to hand to
 * the SDK (`{ abortSignal: signal }`).
 *
 * @public
 */
export class ArmRequestScheduler {
  private readonly total: number;
  private readonly perSubscription: number;
  private running = 0;
  private readonly runningBySubscription = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  /** A scheduler with the limits of `azureOpenAI.azure.concurrency`. */
  static fromConfig(
    accessConfig: Pick<AzureAccessConfig, 'concurrency'>,
  ): ArmRequestScheduler {
    return new ArmRequestScheduler(accessConfig.concurrency);
  }

  constructor(options: ArmRequestSchedulerOptions) {
    for (const [name, value] of Object.entries(options)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new InputError(
          `ArmRequestScheduler ${name} must be a whole number of at least 1, got ${value}`,
        );
      }
    }
    this.total = options.total;
    this.perSubscription = options.perSubscription;
  }

  /** Tasks running now, overall or for one subscription. */
  inFlight(subscriptionId?: string): number {
    return subscriptionId === undefined
      ? this.running
      : this.runningBySubscription.get(keyOf(subscriptionId)) ?? 0;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `task` once a slot is free for `subscriptionId` (use `''` for
   * calls outside a subscription).
   */
  async run<T>(
    subscriptionId: string,
    task: (signal: AbortSignal) => Promise<T>,
    options: ArmRequestRunOptions = {},
  ): Promise<T> {
    const signal = combine(options.signal, options.deadlineMs);
    if (signal.aborted) {
      throw abortError('The ARM call was aborted before it started.');
    }
    const key = keyOf(subscriptionId);
    await this.acquire(key, signal);
    try {
      return await task(signal);
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string, signal: AbortSignal): Promise<void> {
    // Every queued task is blocked (release() starts all that can run), so
    // starting this one now skips nobody who could have gone first.
    if (this.canStart(key)) {
      this.take(key);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { key, start: () => {} };
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) {
          this.queue.splice(index, 1);
          reject(abortError('The ARM call was aborted while it waited.'));
        }
      };
      waiter.start = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      signal.addEventListener('abort', onAbort);
      this.queue.push(waiter);
    });
  }

  private canStart(key: string): boolean {
    return (
      this.running < this.total &&
      (this.runningBySubscription.get(key) ?? 0) < this.perSubscription
    );
  }

  private take(key: string) {
    this.running += 1;
    this.runningBySubscription.set(
      key,
      (this.runningBySubscription.get(key) ?? 0) + 1,
    );
  }

  private release(key: string) {
    this.running -= 1;
    const left = (this.runningBySubscription.get(key) ?? 1) - 1;
    if (left === 0) {
      this.runningBySubscription.delete(key);
    } else {
      this.runningBySubscription.set(key, left);
    }
    for (let i = 0; i < this.queue.length && this.running < this.total; ) {
      const waiter = this.queue[i];
      if (this.canStart(waiter.key)) {
        this.queue.splice(i, 1);
        this.take(waiter.key);
        waiter.start();
      } else {
        i += 1;
      }
    }
  }
}

function keyOf(subscriptionId: string) {
  return subscriptionId.toLowerCase();
}

function combine(signal?: AbortSignal, deadlineMs?: number): AbortSignal {
  if (deadlineMs === undefined) {
    return signal ?? new AbortController().signal;
  }
  if (!(deadlineMs > 0)) {
    throw new InputError(
      `ArmRequestScheduler deadlineMs must be a positive number, got ${deadlineMs}`,
    );
  }
  const timeout = AbortSignal.timeout(deadlineMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
