import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AccountDiscovery,
  ArmRequestScheduler,
  ArmThrottleTracker,
  EvidenceCollector,
  readAzureAccessConfig,
} from '@pavedai/plugin-azure-openai-node';
import type { AccountSource, EvidenceSource } from '../types';

/**
 * The sources a backend gets when no module sets its own: discovery and evidence collection in
 * Azure with the identity, cloud and subscriptions of `azureOpenAI.azure`. Both share one ARM
 * budget (throttle tracker and request scheduler), so a scan never outruns the limits.
 */
export function createAzureSources(
  config: Config,
  logger: LoggerService,
): { account: AccountSource; evidence: EvidenceSource } {
  const access = readAzureAccessConfig(config);
  const shared = {
    logger,
    throttleTracker: new ArmThrottleTracker(),
    scheduler: ArmRequestScheduler.fromConfig(access),
  };
  const discovery = AccountDiscovery.fromConfig(config, shared);
  const collector = EvidenceCollector.fromConfig(config, shared);

  return {
    account: {
      async *listAccounts({ signal, accountIds }) {
        for await (const found of discovery.discover({ signal, accountIds })) {
          yield {
            resourceId: found.id,
            location: found.location,
            kind: found.kind,
            tags: found.tags,
            armBody: found.armBody,
          };
        }
      },
    },
    evidence: {
      startScan({ signal }) {
        const scan = collector.startScan({ signal });
        return {
          collect: (account, options) =>
            scan.collect(account.resourceId, {
              signal: options.signal,
              accountBody: account.armBody,
            }),
        };
      },
    },
  };
}
