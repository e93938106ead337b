import { abortableDelay, SignalLike } from '../util/abortableDelay';

/**
 * Read or write: ARM keeps a separate token bucket for each.
 *
 * @public
 */
export type ArmRequestKind = 'read' | 'write';

/**
 * When to slow down for one kind of request.
 *
 * @public
 */
export interface ArmBudget {
  /**
   * Slow down when the remaining budget reported by ARM falls below this
   * many requests.
   */
  lowWatermark: number;
  /** How fast ARM refills the bucket, in requests per second. */
  refillPerSecond: number;
}

/**
 * Options of {@link ArmThrottleTracker}.
 *
 * @public
 */
export interface ArmThrottleTrackerOptions {
  /** Default: 25 below a 25/s refill (ARM's subscription read bucket is 250, 25/s). */
  reads?: ArmBudget;
  /** Default: 20 below a 10/s refill (ARM's subscription write bucket is 200, 10/s). */
  writes?: ArmBudget;
  /** Clock, for tests. */
  now?: () => number;
  /** Wait function, for tests. */
  sleep?: (ms: number, signal?: SignalLike) => Promise<void>;
}

const DEFAULT_READS: ArmBudget = { lowWatermark: 25, refillPerSecond: 25 };
const DEFAULT_WRITES: ArmBudget = { lowWatermark: 20, refillPerSecond: 10 };

/**
 * Remembers, per subscription and request kind, until when new requests
 * should wait, from ARM's `x-ms-ratelimit-remaining-*` headers and from
 * `Retry-After` on throttled answers.
 *
 * @remarks
 * Share one tracker between all clients that use the same identity, so that
 * they slow down together. The tenant scope (requests outside a
 * subscription) uses the key `''`.
 *
 * @public
 */
export class ArmThrottleTracker {
  private readonly pauseUntil = new Map<string, number>();
  private readonly budgets: Record<ArmRequestKind, ArmBudget>;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: SignalLike) => Promise<void>;

  constructor(options: ArmThrottleTrackerOptions = {}) {
    this.budgets = {
      read: validBudget(options.reads ?? DEFAULT_READS, 'reads'),
      write: validBudget(options.writes ?? DEFAULT_WRITES, 'writes'),
    };
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableDelay;
  }

  /**
   * Records the remaining budget ARM reported; returns the pause (ms) this
   * observation asks for, 0 when the budget is healthy.
   */
  observeRemaining(
    subscriptionId: string,
    kind: ArmRequestKind,
    remaining: number,
  ): number {
    const budget = this.budgets[kind];
    if (!(remaining >= 0) || remaining >= budget.lowWatermark) {
      return 0;
    }
    const deficit = budget.lowWatermark - remaining;
    const pauseMs = Math.ceil((deficit / budget.refillPerSecond) * 1000);
    this.extend(subscriptionId, kind, pauseMs);
    return pauseMs;
  }

  /** Records a throttled answer that asked to retry after `retryAfterMs`. */
  observeRetryAfter(
    subscriptionId: string,
    kind: ArmRequestKind,
    retryAfterMs: number,
  ): void {
    if (retryAfterMs > 0) {
      this.extend(subscriptionId, kind, retryAfterMs);
    }
  }

  /** Milliseconds a new request of this kind should still wait. */
  delayFor(subscriptionId: string, kind: ArmRequestKind): number {
    const until = this.pauseUntil.get(key(subscriptionId, kind));
    return until === undefined ? 0 : Math.max(0, until - this.now());
  }

  /** Waits until requests of this kind may go; rejects if `signal` aborts. */
  async waitFor(
    subscriptionId: string,
    kind: ArmRequestKind,
    signal?: SignalLike,
  ): Promise<void> {
    // Loop: another response may extend the pause while we wait.
    for (;;) {
      const ms = this.delayFor(subscriptionId, kind);
      if (ms <= 0) {
        return;
      }
      await this.sleep(ms, signal);
    }
  }

  private extend(subscriptionId: string, kind: ArmRequestKind, ms: number) {
    const k = key(subscriptionId, kind);
    const until = this.now() + ms;
    if (until > (this.pauseUntil.get(k) ?? 0)) {
      this.pauseUntil.set(k, until);
    }
  }
}

function key(subscriptionId: string, kind: ArmRequestKind) {
  return `${subscriptionId.toLowerCase()}|${kind}`;
}

function validBudget(budget: ArmBudget, name: string): ArmBudget {
  if (!(budget.refillPerSecond > 0) || !(budget.lowWatermark >= 0)) {
    throw new TypeError(
      `ArmThrottleTracker ${name}: refillPerSecond must be > 0 and lowWatermark >= 0`,
    );
  }
  return budget;
}
