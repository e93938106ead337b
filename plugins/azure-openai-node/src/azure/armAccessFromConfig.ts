import type { TokenCredential } from '@azure/core-auth';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ArmThrottleTracker } from '../arm/ArmThrottleTracker';
import {
  ArmClientOptions,
  createArmClientOptions,
} from '../arm/createArmClientOptions';
import type { AzureAccessConfig } from '../config/types';
import { createAzureCredential } from '../credentials/createAzureCredential';
import { ArmRequestScheduler } from '../scheduling/ArmRequestScheduler';

/**
 * Options of the `fromConfig` factories of the ARM readers
 * (`EvidenceCollector`, `AccountDiscovery`).
 *
 * @public
 */
export interface ArmAccessFromConfigOptions {
  /** Logger for retries and throttling. */
  logger?: LoggerService;
  /** Share one tracker between the collector and the discovery. */
  throttleTracker?: ArmThrottleTracker;
  /** Share one scheduler between the collector and the discovery. */
  scheduler?: ArmRequestScheduler;
}

/**
 * What every ARM reader needs: one credential, one client options object
 * and one request scheduler.
 */
export interface ArmAccess {
  credential: TokenCredential;
  clientOptions: ArmClientOptions;
  scheduler: ArmRequestScheduler;
}

/**
 * Builds the credential, client options and scheduler of an ARM reader from
 * `azureOpenAI.azure`, in that order; the given scheduler, when there is
 * one, is used instead of a new one.
 */
export function armAccessFromConfig(
  access: AzureAccessConfig,
  options: ArmAccessFromConfigOptions,
): ArmAccess {
  return {
    credential: createAzureCredential(access),
    clientOptions: createArmClientOptions(access, {
      logger: options.logger,
      throttleTracker: options.throttleTracker,
    }),
    scheduler: options.scheduler ?? ArmRequestScheduler.fromConfig(access),
  };
}
