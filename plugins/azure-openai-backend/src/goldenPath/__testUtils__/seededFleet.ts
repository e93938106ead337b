import {
  mockErrorHandler,
  mockServices,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { PolicyImpactGovernance } from '@pavedai/plugin-azure-openai-common';
import express from 'express';
import type { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { createRouter } from '../../service/router';
import {
  loadEvidence,
  testResourceId,
  type CommonFixtureName,
} from '../../testUtils/fixtures';
import { createMigratedStore } from '../../__testUtils__/testDatabases';
import { DatabaseGoldenPathStore } from '../DatabaseGoldenPathStore';
import type { GoldenPathRoutesOptions } from '../routes';

export const SEED_SCAN = '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
export const SEED_TIME = new Date('2026-11-28T12:00:00Z');
/** The fixtures the seeded accounts take in turn. */
export const SEED_FIXTURES: CommonFixtureName[] = [
  'pass-hardened',
  'fail-insecure',
  'fail-drift',
];

/**
 * Stores on a fresh migrated database with `size` accounts (`aoai-000`, ... owned by four teams
 * in turn), each with the stored evidence of one of {@link SEED_FIXTURES}, and a router over
 * them with the golden-path routes.
 */
export async function createSeededFleet(options: {
  databases: TestDatabases;
  size: number;
  permissions: PermissionsService;
  goldenPath: Omit<GoldenPathRoutesOptions, 'store'>;
  httpAuth?: ReturnType<typeof mockServices.httpAuth>;
}) {
  const { knex, store } = await createMigratedStore(
    options.databases,
    'SQLITE_3',
  );
  const goldenPath = await DatabaseGoldenPathStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  await seedAccounts(store, goldenPath, options.size);
  const unused = {} as never;
  const app = express()
    .use(
      await createRouter({
        httpAuth: options.httpAuth ?? mockServices.httpAuth(),
        permissions: options.permissions,
        store,
        postures: unused,
        scans: unused,
        linker: unused,
        goldenPathOptions: unused,
        goldenPath: { store: goldenPath, ...options.goldenPath },
      }),
    )
    .use(mockErrorHandler());
  return { store, goldenPath, app };
}

async function seedAccounts(
  store: DatabaseAuditStore,
  goldenPath: DatabaseGoldenPathStore,
  size: number,
) {
  await store.createScan({
    id: SEED_SCAN,
    trigger: 'manual',
    target: { type: 'fleet' },
    createdAt: SEED_TIME,
  });
  for (let i = 0; i < size; i++) {
    const account = await store.upsertAccount({
      resourceId: testResourceId(`aoai-${String(i).padStart(3, '0')}`),
      location: 'westeurope',
      tags: {},
      owner: `group:default/team-${i % 4}`,
      seenAt: SEED_TIME,
      scanId: SEED_SCAN,
    });
    await goldenPath.saveEvidence({
      accountId: account.id,
      resourceId: account.resourceId,
      scanId: SEED_SCAN,
      collectedAt: SEED_TIME,
      input: loadEvidence(SEED_FIXTURES[i % SEED_FIXTURES.length]).input,
    });
  }
}

/** Governance that applies nothing, with a version. */
export function noGovernance(
  version = 'none',
): PolicyImpactGovernance & { version?: string } {
  return { version, forAccount: () => ({}) };
}
