import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ArmRequestScheduler,
  ArmThrottleTracker,
  createArmClientOptions,
  createAzureCredential,
  EvidenceCollector,
  type AzureAccessConfig,
} from '@pavedai/plugin-azure-openai-node';
import { ArmResourceClient } from './ArmResourceClient';

/** What the actions talk to ARM with: a writer and the audit's evidence collector. */
export interface ProvisioningArm {
  client: ArmResourceClient;
  collector: EvidenceCollector;
}

/**
 * One credential, one pipeline configuration and one ARM budget for both the writes and the
 * post-flight audit of the actions.
 */
export function createProvisioningArm(
  access: AzureAccessConfig,
  options: { logger?: LoggerService; retryDelayInMs?: number } = {},
): ProvisioningArm {
  const credential = createAzureCredential(access);
  const clientOptions = createArmClientOptions(access, {
    logger: options.logger,
    throttleTracker: new ArmThrottleTracker(),
    ...(options.retryDelayInMs !== undefined
      ? {
          retryDelayInMs: options.retryDelayInMs,
          maxRetryDelayInMs: options.retryDelayInMs * 10,
        }
      : {}),
  });
  return {
    client: ArmResourceClient.create(credential, clientOptions),
    collector: new EvidenceCollector({
      credential,
      clientOptions,
      scheduler: ArmRequestScheduler.fromConfig(access),
      logger: options.logger,
    }),
  };
}
