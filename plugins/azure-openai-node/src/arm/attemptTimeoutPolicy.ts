import { PipelinePolicy, RestError } from '@azure/core-rest-pipeline';

/** Name of the policy made by {@link createAttemptTimeoutPolicy}. */
export const attemptTimeoutPolicyName = 'pavedaiAttemptTimeout';

/**
 * A `perRetry` policy that gives every HTTP attempt at most `timeoutMs`.
 *
 * @remarks
 * A timed-out attempt fails with a `RestError` whose `code` is `ETIMEDOUT`,
 * which the SDK's retry policy treats as transient and retries with backoff.
 * The caller's abort signal still wins: aborting it stops the attempt with
 * an `AbortError` that is not retried.
 */
export function createAttemptTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  if (!(timeoutMs > 0)) {
    throw new TypeError('timeoutMs must be a positive number');
  }
  return {
    name: attemptTimeoutPolicyName,
    async sendRequest(request, next) {
      const outer = request.abortSignal;
      if (outer?.aborted) {
        return next(request);
      }
      const controller = new AbortController();
      const onOuterAbort = () => controller.abort();
      outer?.addEventListener('abort', onOuterAbort);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut && !outer?.aborted) {
          throw new RestError(
            `Azure Resource Manager did not answer ${request.method} ${
              new URL(request.url).pathname
            } within ${timeoutMs} ms`,
            { code: 'ETIMEDOUT', request },
          );
        }
        throw error;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuterAbort);
        request.abortSignal = outer;
      }
    },
  };
}
