import type { TestDatabases } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  generateFleet,
  startEmulator,
  type EmulatorOptions,
  type FleetOptions,
  type RunningEmulator,
} from '@pavedai/azure-arm-emulator';
import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import { readAuditConfig } from '../config';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { ScanService } from '../scan/ScanService';
import { createAzureSources } from '../sources/azureSources';
import { createRecordingAuditor } from '../testUtils/fakeAuditor';

/** What a scan stored for one account, keyed by the account name. */
export interface AccountOutcome {
  grade: string;
  score: number;
  status: 'ok' | 'error';
  failing: string[];
  unknown: string[];
  /** Control id to status. */
  results: Record<string, string>;
  /** Control id to message, for the controls that are unknown. */
  unknownMessages: Record<string, string>;
}

/** The fixed evaluation time of emulator scans, so that two scans compare equal. */
export const EMULATOR_SCAN_NOW = new Date('2026-11-28T12:00:00Z');

/**
 * Scans the emulator's whole fleet through the plugin's default (Azure SDK) sources on a fresh
 * SQLite store, and reads back what was stored for every account.
 */
export async function scanEmulator(
  databases: TestDatabases,
  emulator: RunningEmulator,
  options: { policy?: GoldenPathPolicy; retries?: number } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseAuditStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const rootConfig = new ConfigReader({
    azureOpenAI: {
      azure: {
        credential: { kind: 'staticToken', token: 'scan-emulator-test' },
        resourceManagerUrl: emulator.url,
        retries: options.retries ?? 10,
      },
      audit: { concurrency: 4 },
    },
  });
  const logger = mockServices.logger.mock();
  const sources = createAzureSources(rootConfig, logger);
  const { policy } = options;
  const scans = ScanService.create({
    store,
    accountSource: sources.account,
    evidenceSource: sources.evidence,
    ...(policy ? { policySource: { getPolicy: async () => policy } } : {}),
    loadClaims: async () => new Map(),
    logger,
    auditor: createRecordingAuditor(),
    config: readAuditConfig(rootConfig),
    now: () => EMULATOR_SCAN_NOW,
  });
  const scan = await scans.runScheduledScan();

  const outcomes = new Map<string, AccountOutcome>();
  let cursor: string | undefined;
  do {
    const page = await store.listFleet({
      sort: 'name',
      order: 'asc',
      limit: 50,
      cursor,
    });
    for (const item of page.items) {
      const latest = await store.getLatest(item.account.id);
      if (!latest) continue;
      const results = Object.fromEntries(
        latest.results.map(r => [r.controlId, r.status]),
      );
      const withStatus = (status: string) =>
        latest.results
          .filter(r => r.status === status)
          .map(r => r.controlId)
          .sort();
      outcomes.set(item.account.name, {
        grade: latest.grade,
        score: latest.score,
        status: latest.status,
        failing: withStatus('fail'),
        unknown: withStatus('unknown'),
        results,
        unknownMessages: Object.fromEntries(
          latest.results
            .filter(r => r.status === 'unknown')
            .map(r => [r.controlId, r.message]),
        ),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { scan, outcomes, store };
}

/** The account names of a generated fleet, sorted. */
export function fleetAccountNames(fleet: FleetOptions): string[] {
  return generateFleet(fleet)
    .resources.filter(r =>
      /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i.test(r.id),
    )
    .map(r => r.id.split('/').pop()!)
    .sort();
}

/** Starts an emulator with `fleet` (plus `options`), runs `fn`, stops it. */
export async function withEmulator<T>(
  fleet: FleetOptions,
  options: EmulatorOptions,
  fn: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({ fleet, ...options });
  try {
    return await fn(emulator);
  } finally {
    await emulator.stop();
  }
}
