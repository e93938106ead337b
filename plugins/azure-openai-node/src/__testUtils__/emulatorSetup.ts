import { ConfigReader } from '@backstage/config';
import type { RunningEmulator } from '@pavedai/azure-arm-emulator';
import { ArmThrottleTracker } from '../arm/ArmThrottleTracker';
import { createArmClientOptions } from '../arm/createArmClientOptions';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { createAzureCredential } from '../credentials/createAzureCredential';
import { AccountDiscovery } from '../discovery/AccountDiscovery';
import type { AccountDiscoveryMode } from '../discovery/types';
import {
  EvidenceCollector,
  EvidenceCollectorOptions,
} from '../evidence/EvidenceCollector';
import { ArmRequestScheduler } from '../scheduling/ArmRequestScheduler';

/** Access config for the emulator, read through app-config as a backend would. */
export function emulatorAccess(
  emulator: RunningEmulator,
  subscriptions: string[],
) {
  return readAzureAccessConfig(
    new ConfigReader({
      azureOpenAI: {
        azure: {
          credential: { kind: 'staticToken', token: 'audit-token' },
          resourceManagerUrl: emulator.url,
          subscriptions,
          concurrency: { total: 8, perSubscription: 4 },
          retries: 8,
        },
      },
    }),
  );
}

function parts(emulator: RunningEmulator, subscriptions: string[]) {
  const access = emulatorAccess(emulator, subscriptions);
  return {
    access,
    credential: createAzureCredential(access),
    clientOptions: createArmClientOptions(access, {
      throttleTracker: new ArmThrottleTracker(),
      retryDelayInMs: 10,
      maxRetryDelayInMs: 100,
    }),
    scheduler: ArmRequestScheduler.fromConfig(access),
  };
}

export function collectorFor(
  emulator: RunningEmulator,
  subscriptions: string[],
  extra: Partial<EvidenceCollectorOptions> = {},
): EvidenceCollector {
  const { credential, clientOptions, scheduler } = parts(
    emulator,
    subscriptions,
  );
  return new EvidenceCollector({
    credential,
    clientOptions,
    scheduler,
    ...extra,
  });
}

export function discoveryFor(
  emulator: RunningEmulator,
  subscriptions: string[],
  mode: AccountDiscoveryMode,
  subscriptionBatchSize?: number,
): AccountDiscovery {
  const { credential, clientOptions, scheduler } = parts(
    emulator,
    subscriptions,
  );
  return new AccountDiscovery({
    credential,
    clientOptions,
    scheduler,
    subscriptions,
    mode,
    subscriptionBatchSize,
  });
}
