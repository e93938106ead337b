import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

/**
 * Milliseconds of a scheduler timeout, which is either a human duration object or a luxon
 * `Duration` (anything with `toMillis()`).
 */
export function scheduleTimeoutMs(
  timeout: SchedulerServiceTaskScheduleDefinition['timeout'],
): number {
  const withMillis = timeout as { toMillis?: () => number };
  if (typeof withMillis.toMillis === 'function') return withMillis.toMillis();
  return durationToMilliseconds(timeout as HumanDuration);
}

/** A duration in words for messages, e.g. `10 minutes` or `90 seconds`. */
export function describeDuration(ms: number): string {
  if (ms % 60_000 === 0) {
    const minutes = ms / 60_000;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  if (ms % 1000 === 0) {
    const seconds = ms / 1000;
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}
