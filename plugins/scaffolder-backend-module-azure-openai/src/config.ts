import { Config, ConfigReader } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  readAzureAccessConfig,
  type AzureAccessConfig,
} from '@pavedai/plugin-azure-openai-node';

const ROOT = 'azureOpenAI.provisioning';

/**
 * Settings of the provisioning actions, read from `azureOpenAI.provisioning`.
 *
 * @public
 */
export interface ProvisioningConfig {
  /** Azure access of the provisioning identity. */
  azure: AzureAccessConfig;
  /** How often long-running operations are polled without `Retry-After` (`pollInterval`). */
  pollIntervalMs: number;
  /** How long one step may take before the action fails naming it (`stepTimeout`). */
  stepTimeoutMs: number;
  /** Retries of a write answered with 409 Conflict (`conflictRetries`). */
  conflictRetries: number;
  /** First wait before such a retry, growing 1.5 times per retry (`conflictRetryDelay`). */
  conflictRetryDelayMs: number;
}

function duration(config: Config | undefined, key: string, fallback: number) {
  if (!config?.has(key)) return fallback;
  try {
    return durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new InputError(
      `Invalid ${ROOT}.${key}: use an ISO 8601 duration such as 'PT5S' or an object such as { seconds: 5 } (${error})`,
    );
  }
}

/**
 * Reads `azureOpenAI.provisioning`; the Azure access falls back to `azureOpenAI.azure`. Throws an
 * `InputError` naming the key on a bad value.
 *
 * @param root - the root config
 * @public
 */
export function readProvisioningConfig(root: Config): ProvisioningConfig {
  const config = root.getOptionalConfig(ROOT);
  const own = config?.getOptionalConfig('azure');
  const azure = readAzureAccessConfig(
    own ? new ConfigReader({ azureOpenAI: { azure: own.get() } }) : root,
  );
  const retries = config?.getOptionalNumber('conflictRetries') ?? 6;
  if (!Number.isInteger(retries) || retries < 0 || retries > 50) {
    throw new InputError(
      `Invalid ${ROOT}.conflictRetries ${retries}: use a whole number from 0 to 50.`,
    );
  }
  return {
    azure,
    pollIntervalMs: duration(config, 'pollInterval', 5_000),
    stepTimeoutMs: duration(config, 'stepTimeout', 30 * 60_000),
    conflictRetries: retries,
    conflictRetryDelayMs: duration(config, 'conflictRetryDelay', 30_000),
  };
}
