/**
 * The parts of `@azure/core-rest-pipeline`'s `PipelinePolicy` this package
 * uses, declared here so the package has no runtime dependency on the SDK.
 * The returned object is structurally a `PipelinePolicy`.
 *
 * @public
 */
export interface EmulatorPipelinePolicy {
  /** The policy name in the pipeline. */
  name: string;
  /** Rewrites the request to the emulator and passes it on. */
  sendRequest(
    request: { url: string; allowInsecureConnection?: boolean },
    next: (request: any) => Promise<any>,
  ): Promise<any>;
}

/**
 * A `perRetry` pipeline policy that sends every request of an Azure SDK
 * client to the emulator.
 *
 * The client keeps its `https://management.azure.com` endpoint (so the
 * bearer token policy, which refuses plain http, is satisfied and the token
 * scope stays `https://management.azure.com/.default`); this policy runs
 * after signing and rewrites the request's origin to the emulator's loopback
 * address and sets `allowInsecureConnection` for the duration of the send,
 * then restores the original URL.
 *
 * @example
 * ```ts
 * const client = new CognitiveServicesManagementClient(credential, subscriptionId, {
 *   additionalPolicies: [{ policy: emulatorPipelinePolicy(emulator.url), position: 'perRetry' }],
 * });
 * ```
 *
 * Requests to any origin other than `armOrigin` pass through untouched.
 *
 * @param emulatorUrl - the emulator's URL, e.g. `http://127.0.0.1:7071`
 * @param armOrigin - the origin the SDK client uses (default `https://management.azure.com`)
 * @public
 */
export function emulatorPipelinePolicy(
  emulatorUrl: string,
  armOrigin = 'https://management.azure.com',
): EmulatorPipelinePolicy {
  const target = new URL(emulatorUrl);
  const from = new URL(armOrigin).origin;
  return {
    name: 'azureArmEmulatorRedirect',
    async sendRequest(request, next) {
      const original = request.url;
      if (new URL(original).origin !== from) {
        return next(request);
      }
      const originalInsecure = request.allowInsecureConnection;
      const url = new URL(original);
      url.protocol = target.protocol;
      url.host = target.host;
      request.url = url.toString();
      request.allowInsecureConnection = true;
      try {
        return await next(request);
      } finally {
        // Put the https URL back: some clients run the same request object
        // through the pipeline again (the bearer policy refuses http).
        request.url = original;
        request.allowInsecureConnection = originalInsecure;
      }
    },
  };
}

/**
 * A `TokenCredential` that always returns the same bearer token; the
 * emulator accepts any well-formed token and reads a JWT's `oid`/`sub`
 * claim (or the token itself) as the caller for throttling. For tests only.
 *
 * @param token - the token to send (default `emulator-token`)
 * @public
 */
export function staticTokenCredential(token = 'emulator-token') {
  return {
    getToken: async () => ({
      token,
      expiresOnTimestamp: Date.now() + 3600_000,
    }),
  };
}
