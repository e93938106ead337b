import fs from 'node:fs';
import path from 'node:path';
import {
  mockErrorHandler,
  mockServices,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { RunningEmulator } from '@pavedai/azure-arm-emulator';
import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import { readGoldenPathPolicy } from '@pavedai/plugin-azure-openai-node';
import express from 'express';
import { parse } from 'yaml';
import { readAuditConfig } from '../../config';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { ScanService } from '../../scan/ScanService';
import { createRouter } from '../../service/router';
import { createAzureSources } from '../../sources/azureSources';
import { createRecordingAuditor } from '../../testUtils/fakeAuditor';
import { fakePermissions } from '../../testUtils/fakePermissions';
import { auditPolicy } from '../auditPolicy';
import {
  DatabaseGoldenPathStore,
  type SaveEvidenceInput,
} from '../DatabaseGoldenPathStore';

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** The golden-path policy of the local app (`app-config.yaml`). */
export function appConfigPolicy(): GoldenPathPolicy {
  return readGoldenPathPolicy(
    new ConfigReader(
      parse(fs.readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8')),
    ),
  );
}

/**
 * The audit against an emulator: stores on a fresh SQLite database, the default Azure sources,
 * a scan service that keeps evidence (through `evidenceStore`, default the golden-path store),
 * and routers with and without fleet read.
 */
export async function createGoldenPathWorld(options: {
  databases: TestDatabases;
  emulator: RunningEmulator;
  policy: GoldenPathPolicy;
  now: () => Date;
  evidenceStore?: (store: DatabaseGoldenPathStore) => {
    saveEvidence(input: SaveEvidenceInput): Promise<void>;
  };
}) {
  const { policy, now } = options;
  const knex = await options.databases.init('SQLITE_3');
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const store = await DatabaseAuditStore.create({ database });
  const goldenPath = await DatabaseGoldenPathStore.create({ database });
  const rootConfig = new ConfigReader({
    azureOpenAI: {
      azure: {
        credential: { kind: 'staticToken', token: 'golden-path-test' },
        resourceManagerUrl: options.emulator.url,
      },
    },
  });
  const config = readAuditConfig(rootConfig);
  const logger = mockServices.logger.mock();
  const sources = createAzureSources(rootConfig, logger);
  const scans = ScanService.create({
    store,
    accountSource: sources.account,
    evidenceSource: sources.evidence,
    policySource: { getPolicy: async () => policy },
    loadClaims: async () => new Map(),
    logger,
    auditor: createRecordingAuditor(),
    config,
    now,
    evidenceStore: options.evidenceStore?.(goldenPath) ?? goldenPath,
  });
  const unused = {} as never;
  const app = async (fleetRead: boolean) =>
    express()
      .use(
        await createRouter({
          httpAuth: mockServices.httpAuth(),
          permissions: fakePermissions({
            'azure-openai.fleet.read': fleetRead,
          }),
          store,
          postures: unused,
          scans: unused,
          linker: unused,
          goldenPathOptions: unused,
          goldenPath: {
            store: goldenPath,
            currentPolicy: async () => policy,
            withAuditOverrides: p => auditPolicy(p, config),
            now,
          },
        }),
      )
      .use(mockErrorHandler());
  /** Runs a fleet scan and fails unless it completes. */
  const scan = async () => {
    const finished = await scans.runScheduledScan();
    if (finished.status !== 'completed') {
      throw new Error(`The scan did not complete: ${JSON.stringify(finished)}`);
    }
    return finished;
  };
  return { store, goldenPath, scans, scan, app, logger };
}
