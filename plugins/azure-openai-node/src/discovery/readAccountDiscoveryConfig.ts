import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { AccountDiscoveryMode } from './types';

/**
 * The validated `azureOpenAI.azure.discovery` block.
 *
 * @public
 */
export interface AccountDiscoveryConfig {
  /** How accounts are listed: one Resource Graph query per batch, or ARM per subscription. */
  mode: AccountDiscoveryMode;
  /** Subscriptions per Resource Graph query (1–1000). */
  subscriptionBatchSize: number;
}

/**
 * Reads `azureOpenAI.azure.discovery` (`mode`: `resourceGraph` (default) or
 * `arm`; `subscriptionBatchSize`: 1–1000, default 200).
 *
 * @throws InputError on a bad value.
 * @public
 */
export function readAccountDiscoveryConfig(
  config: Config,
): AccountDiscoveryConfig {
  const block = config.getOptionalConfig('azureOpenAI.azure.discovery');
  const mode = block?.getOptionalString('mode') ?? 'resourceGraph';
  if (mode !== 'resourceGraph' && mode !== 'arm') {
    throw new InputError(
      `Invalid azureOpenAI.azure.discovery.mode '${mode}': use 'resourceGraph' or 'arm'.`,
    );
  }
  const size = block?.getOptionalNumber('subscriptionBatchSize') ?? 200;
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new InputError(
      `Invalid azureOpenAI.azure.discovery.subscriptionBatchSize ${size}: use a whole number from 1 to 1000.`,
    );
  }
  return { mode, subscriptionBatchSize: size };
}
