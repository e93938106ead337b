/**
 * The emulator's source of time. Long-running operations and token buckets
 * read it, so tests can drive them with a manual clock.
 *
 * @public
 */
export interface EmulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A clock that follows the system time. @public */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/**
 * A clock that only moves when told to.
 *
 * @public
 */
export interface ManualClock extends EmulatorClock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * Creates a {@link ManualClock} starting at `start` (default: the current time).
 *
 * @public
 */
export function createManualClock(start = Date.now()): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}
