import type {
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArmRequestKind, ArmThrottleTracker } from './ArmThrottleTracker';

/** Name of the policy made by {@link createArmRateLimitPolicy}. */
export const armRateLimitPolicyName = 'pavedaiArmRateLimit';

const SUBSCRIPTION_IN_PATH = /^\/subscriptions\/([^/?]+)/i;

/**
 * A `perRetry` policy that waits while the request's subscription is paused,
 * then feeds the answer's `x-ms-ratelimit-remaining-*` and `Retry-After`
 * headers back to the tracker.
 *
 * @remarks
 * It does not retry by itself: the SDK's retry policy (which runs before this
 * one on every attempt) honours `Retry-After` for the throttled request; the
 * tracker makes the other requests to the same subscription wait too.
 */
export function createArmRateLimitPolicy(
  tracker: ArmThrottleTracker,
  logger?: LoggerService,
): PipelinePolicy {
  return {
    name: armRateLimitPolicyName,
    async sendRequest(request, next) {
      const subscriptionId = subscriptionOf(request);
      const kind = kindOf(request);
      await tracker.waitFor(subscriptionId, kind, request.abortSignal);
      const response = await next(request);
      observe(tracker, subscriptionId, kind, response, logger);
      return response;
    },
  };
}

function observe(
  tracker: ArmThrottleTracker,
  subscriptionId: string,
  kind: ArmRequestKind,
  response: PipelineResponse,
  logger?: LoggerService,
) {
  const scope = subscriptionId ? 'subscription' : 'tenant';
  const header = response.headers.get(
    `x-ms-ratelimit-remaining-${scope}-${kind}s`,
  );
  if (header !== undefined && header.trim() !== '') {
    const remaining = Number(header);
    if (Number.isFinite(remaining)) {
      const pauseMs = tracker.observeRemaining(subscriptionId, kind, remaining);
      if (pauseMs > 0) {
        logger?.debug('Azure Resource Manager budget low, slowing down', {
          subscriptionId,
          kind,
          remaining,
          pauseMs,
        });
      }
    }
  }
  if (response.status === 429 || response.status === 503) {
    const retryAfterMs = retryAfterMsOf(response);
    if (retryAfterMs !== undefined) {
      tracker.observeRetryAfter(subscriptionId, kind, retryAfterMs);
      logger?.warn('Azure Resource Manager throttled a request', {
        subscriptionId,
        kind,
        status: response.status,
        retryAfterMs,
      });
    }
  }
}

/** The subscription id in the request path, or `''` for tenant-level calls. */
export function subscriptionOf(request: Pick<PipelineRequest, 'url'>): string {
  try {
    const match = SUBSCRIPTION_IN_PATH.exec(new URL(request.url).pathname);
    return match ? decodeURIComponent(match[1]).toLowerCase() : '';
  } catch {
    return '';
  }
}

function kindOf(request: Pick<PipelineRequest, 'method'>): ArmRequestKind {
  return request.method === 'GET' || request.method === 'HEAD'
    ? 'read'
    : 'write';
}

/**
 * Milliseconds from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After`
 * (seconds or an HTTP date), as the SDK's throttling strategy reads them.
 */
export function retryAfterMsOf(
  response: Pick<PipelineResponse, 'headers'>,
): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(response.headers.get(name));
    if (response.headers.get(name) && Number.isFinite(value) && value >= 0) {
      return value;
    }
  }
  const retryAfter = response.headers.get('retry-after');
  if (!retryAfter) {
    return undefined;
  }
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
