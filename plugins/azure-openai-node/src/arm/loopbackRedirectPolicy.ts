import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { InputError } from '@backstage/errors';
import { isLoopbackHttpUrl } from '../config/loopback';

/** Name of the policy made by {@link createLoopbackRedirectPolicy}. */
export const loopbackRedirectPolicyName = 'pavedaiLoopbackRedirect';

/**
 * A `perRetry` policy that sends requests addressed to `fromOrigin` to a
 * plain-http loopback server instead (a local ARM emulator).
 *
 * @remarks
 * The SDK's bearer-token policy refuses non-https URLs, so the client keeps
 * its https endpoint and this policy, which runs after signing on every
 * attempt, swaps the origin, allows the insecure connection for that one
 * send, and restores the request afterwards (so retries, paging and
 * long-running operation polling start from the original URL again).
 * Requests to any other origin pass through untouched.
 *
 * @param fromOrigin - the origin the SDK client uses, e.g. `https://management.azure.com`
 * @param toUrl - the loopback URL, e.g. `http://127.0.0.1:7071`; anything else is refused
 * @public
 */
export function createLoopbackRedirectPolicy(
  fromOrigin: string,
  toUrl: string,
): PipelinePolicy {
  if (!isLoopbackHttpUrl(toUrl)) {
    throw new InputError(
      `Refusing to redirect Azure Resource Manager requests to '${toUrl}': only plain-http loopback URLs (http://127.0.0.1:PORT, http://localhost:PORT) are allowed, because requests carry a bearer token.`,
    );
  }
  const from = new URL(fromOrigin).origin;
  const to = new URL(toUrl);
  return {
    name: loopbackRedirectPolicyName,
    async sendRequest(request, next) {
      const original = new URL(request.url);
      if (original.origin !== from) {
        return next(request);
      }
      const originalUrl = request.url;
      const originalInsecure = request.allowInsecureConnection;
      const redirected = new URL(originalUrl);
      redirected.protocol = to.protocol;
      redirected.hostname = to.hostname;
      redirected.port = to.port;
      request.url = redirected.toString();
      request.allowInsecureConnection = true;
      try {
        return await next(request);
      } finally {
        request.url = originalUrl;
        request.allowInsecureConnection = originalInsecure;
      }
    },
  };
}
