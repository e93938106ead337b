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

/**
 * What the actions talk to ARM with: a writer and the audit's evidence collector.
 *
 * @public
 */
export interface ProvisioningArm {
  /** Reads and writes the resources of the desired state. */
  client: ArmResourceClient;
  /** Collects the evidence of the pre-flight and post-flight audits. */
  collector: EvidenceCollector;
}

/**
 * One credential, one pipeline configuration and one ARM budget for both the writes and the
 * post-flight audit of the actions.
 *
 * @param access - the Azure access of the provisioning identity (`ProvisioningConfig.azure`)
 * @param options - a logger, and a shorter retry delay (tests)
 * @public
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
