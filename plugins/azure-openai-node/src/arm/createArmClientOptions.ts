import type {
  PipelinePolicy,
  PipelineRetryOptions,
} from '@azure/core-rest-pipeline';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isLoopbackHttpUrl } from '../config/loopback';
import type { AzureAccessConfig } from '../config/types';
import { createArmRateLimitPolicy } from './armRateLimitPolicy';
import { ArmThrottleTracker } from './ArmThrottleTracker';
import { createAttemptTimeoutPolicy } from './attemptTimeoutPolicy';
import { createLoopbackRedirectPolicy } from './loopbackRedirectPolicy';

/**
 * Options for any `@azure/arm-*` client constructor (structurally a subset
 * of `ServiceClientOptions` from `@azure/core-client`).
 *
 * @public
 */
export interface ArmClientOptions {
  /** Resource manager origin the client builds URLs from. */
  endpoint: string;
  /** Token scope: the cloud's resource manager audience. */
  credentialScopes: string[];
  /** SDK retry settings (exponential backoff with jitter; `Retry-After` on 429/503). */
  retryOptions: PipelineRetryOptions;
  /** The policies of this package, in the order they run on every attempt. */
  additionalPolicies: Array<{
    policy: PipelinePolicy;
    position: 'perCall' | 'perRetry';
  }>;
  /** The `User-Agent` prefix that names this package in ARM's logs. */
  userAgentOptions: { userAgentPrefix: string };
}

/**
 * Extra inputs of {@link createArmClientOptions}.
 *
 * @public
 */
export interface CreateArmClientOptionsOptions {
  /** Logger for retries and throttling. */
  logger?: LoggerService;
  /**
   * Share one tracker between clients so they slow down together; by default
   * each call of {@link createArmClientOptions} makes its own.
   */
  throttleTracker?: ArmThrottleTracker;
  /** Base delay of the exponential backoff, ms (default 800). */
  retryDelayInMs?: number;
  /** Cap of one backoff delay, ms (default 30000). */
  maxRetryDelayInMs?: number;
}

/**
 * Builds the options to pass to an Azure Resource Manager SDK client.
 *
 * @remarks
 * - Sovereign clouds: `endpoint` and `credentialScopes` follow the cloud.
 * - A loopback `resourceManagerUrl` (the local emulator) keeps the cloud's
 *   https endpoint and adds a policy that redirects each attempt to the
 *   loopback URL; nothing else changes.
 * - Every attempt waits while its subscription is paused for a low ARM
 *   budget or a `Retry-After`, and times out after `requestTimeoutMs`
 *   (then it is retried).
 * - Throttled (429/503 with `Retry-After`) and transient failures (5xx, 408,
 *   timeouts, connection resets) are retried up to `retries` times by the
 *   SDK's retry policy, with exponential backoff and jitter.
 * - Pass `abortSignal` in each operation's options to cancel a call.
 *
 * @example
 * ```ts
 * const access = readAzureAccessConfig(config);
 * const client = new CognitiveServicesManagementClient(
 *   createAzureCredential(access),
 *   subscriptionId,
 *   createArmClientOptions(access, { logger }),
 * );
 * ```
 *
 * @public
 */
export function createArmClientOptions(
  accessConfig: Pick<
    AzureAccessConfig,
    | 'cloudResourceManagerUrl'
    | 'resourceManagerUrl'
    | 'requestTimeoutMs'
    | 'retries'
  >,
  options: CreateArmClientOptionsOptions = {},
): ArmClientOptions {
  const { cloudResourceManagerUrl, resourceManagerUrl } = accessConfig;
  const loopback = isLoopbackHttpUrl(resourceManagerUrl);
  const endpoint = loopback
    ? cloudResourceManagerUrl
    : new URL(resourceManagerUrl).origin;
  const tracker = options.throttleTracker ?? new ArmThrottleTracker();

  const additionalPolicies: ArmClientOptions['additionalPolicies'] = [
    {
      policy: createArmRateLimitPolicy(tracker, options.logger),
      position: 'perRetry',
    },
    {
      policy: createAttemptTimeoutPolicy(accessConfig.requestTimeoutMs),
      position: 'perRetry',
    },
  ];
  if (loopback) {
    additionalPolicies.push({
      policy: createLoopbackRedirectPolicy(endpoint, resourceManagerUrl),
      position: 'perRetry',
    });
  } else if (new URL(resourceManagerUrl).protocol !== 'https:') {
    // readAzureAccessConfig refuses this too; guard callers that build the
    // access config by hand.
    createLoopbackRedirectPolicy(endpoint, resourceManagerUrl);
  }

  return {
    endpoint,
    credentialScopes: [`${new URL(cloudResourceManagerUrl).origin}/.default`],
    retryOptions: {
      maxRetries: accessConfig.retries,
      retryDelayInMs: options.retryDelayInMs ?? 800,
      maxRetryDelayInMs: options.maxRetryDelayInMs ?? 30_000,
    },
    additionalPolicies,
    userAgentOptions: { userAgentPrefix: 'pavedai-azure-openai' },
  };
}
