import type { HumanDuration } from '@backstage/types';

export interface Config {
  azureOpenAI?: {
    /**
     * Settings of the golden-path scaffolder actions
     * (`@pavedai/plugin-scaffolder-backend-module-azure-openai`). The golden-path policy itself is
     * `azureOpenAI.goldenPath` (see `@pavedai/plugin-azure-openai-node`).
     */
    provisioning?: {
      /**
       * Azure access of the provisioning identity, same shape as `azureOpenAI.azure` (credential,
       * cloud, resourceManagerUrl, retries, concurrency). Omit to provision with
       * `azureOpenAI.azure`. Give the audit a read-only identity and provisioning its own one with
       * the roles listed in the module README.
       */
      azure?: {
        /** Passed through to the same reader as `azureOpenAI.azure`. */
        [key: string]: any;
      };
      /**
       * How often long-running operations are polled when Azure sends no `Retry-After`
       * (ISO 8601 or human duration). Default 5 seconds.
       */
      pollInterval?: string | HumanDuration;
      /**
       * How long one step (for example one model deployment) may take before the action fails
       * with a timeout naming the step. Default 30 minutes.
       */
      stepTimeout?: string | HumanDuration;
      /**
       * How many times a write answered with 409 Conflict or `AccountProvisioningStateInvalid`
       * (another operation on the account is still running) is retried. Default 6.
       */
      conflictRetries?: number;
      /**
       * First wait before such a retry; each further wait is 1.5 times longer, with ±30% jitter
       * (ISO 8601 or human duration). Default 30 seconds.
       */
      conflictRetryDelay?: string | HumanDuration;
    };
  };
}
