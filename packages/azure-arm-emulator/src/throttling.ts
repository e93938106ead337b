import type { EmulatorClock } from './clock';

/** One token bucket's size and refill rate. @public */
export interface BucketLimits {
  /** Bucket size (burst). */
  burst: number;
  /** Tokens added per second. */
  perSecond: number;
}

/** The operation types ARM throttles separately. @public */
export type ThrottleKind = 'read' | 'write' | 'delete';

/**
 * ARM-like throttling: one bucket per subscription × caller × operation type
 * (read, write, delete). Defaults follow ARM's regional limits (reads 250/25,
 * writes 200/10, deletes 200/10).
 *
 * @public
 */
export interface ThrottlingOptions {
  /** Set false to never answer 429 from the buckets (headers are still sent). */
  enabled?: boolean;
  /** Read bucket; default 250 burst, 25 per second. */
  reads?: BucketLimits;
  /** Write bucket; default 200 burst, 10 per second. */
  writes?: BucketLimits;
  /** Delete bucket; default 200 burst, 10 per second. */
  deletes?: BucketLimits;
}

/** The outcome of taking a token. */
export interface TakeResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Token buckets keyed by subscription, caller and kind. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  readonly enabled: boolean;
  readonly reads: BucketLimits;
  readonly writes: BucketLimits;
  readonly deletes: BucketLimits;

  constructor(
    options: ThrottlingOptions | undefined,
    private readonly clock: EmulatorClock,
  ) {
    this.enabled = options?.enabled ?? true;
    this.reads = options?.reads ?? { burst: 250, perSecond: 25 };
    this.writes = options?.writes ?? { burst: 200, perSecond: 10 };
    this.deletes = options?.deletes ?? { burst: 200, perSecond: 10 };
  }

  take(subscription: string, caller: string, kind: ThrottleKind): TakeResult {
    const limits = {
      read: this.reads,
      write: this.writes,
      delete: this.deletes,
    }[kind];
    const key = `${subscription.toLowerCase()}|${caller}|${kind}`;
    const now = this.clock.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: limits.burst, updated: now };
      this.buckets.set(key, b);
    }
    const elapsed = Math.max(0, now - b.updated) / 1000;
    b.tokens = Math.min(limits.burst, b.tokens + elapsed * limits.perSecond);
    b.updated = now;
    if (b.tokens >= 1 || !this.enabled) {
      b.tokens = Math.max(0, b.tokens - 1);
      return {
        allowed: true,
        remaining: Math.floor(b.tokens),
        retryAfterSeconds: 0,
      };
    }
    const wait = limits.perSecond > 0 ? (1 - b.tokens) / limits.perSecond : 60;
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil(wait)),
    };
  }

  reset(): void {
    this.buckets.clear();
  }
}
