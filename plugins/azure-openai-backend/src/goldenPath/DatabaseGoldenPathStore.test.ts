import { mockServices } from '@backstage/backend-test-utils';
import { absent, present } from '@pavedai/plugin-azure-openai-common';
import type { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { loadEvidence, testResourceId } from '../testUtils/fixtures';
import {
  createMigratedStore,
  createStoreTestDatabases,
} from '../__testUtils__/testDatabases';
import { DatabaseGoldenPathStore } from './DatabaseGoldenPathStore';

jest.setTimeout(60_000);

const SCAN = '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const SEEN = new Date('2026-11-28T12:00:00Z');
const OTHER_SUB = '00000000-0000-4000-8000-000000000002';

async function setUp(
  databases: ReturnType<typeof createStoreTestDatabases>,
  databaseId: Parameters<typeof createMigratedStore>[1],
) {
  const { knex, store } = await createMigratedStore(databases, databaseId);
  const goldenPath = await DatabaseGoldenPathStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  await store.createScan({
    id: SCAN,
    trigger: 'manual',
    target: { type: 'fleet' },
    createdAt: SEEN,
  });
  return { knex, store, goldenPath };
}

async function addAccount(
  store: DatabaseAuditStore,
  resourceId: string,
  extra: { owner?: string; tags?: Record<string, string> } = {},
) {
  return store.upsertAccount({
    resourceId,
    location: 'westeurope',
    tags: extra.tags ?? {},
    owner: extra.owner,
    seenAt: SEEN,
    scanId: SCAN,
  });
}

describe('DatabaseGoldenPathStore', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps the latest evidence per account, compressed, with shared subscription evidence stored once, %p',
    async databaseId => {
      const { knex, store, goldenPath } = await setUp(databases, databaseId);
      const hardened = loadEvidence('pass-hardened').input;
      const insecure = loadEvidence('fail-insecure').input;
      const a = await addAccount(store, testResourceId('aoai-a'), {
        owner: 'group:default/team-a',
      });
      const b = await addAccount(store, testResourceId('aoai-b'));
      const c = await addAccount(store, testResourceId('aoai-c', OTHER_SUB));
      await addAccount(store, testResourceId('aoai-never'));

      for (const [account, input] of [
        [a, hardened],
        [b, { ...insecure, subscription: hardened.subscription }],
        [c, insecure],
      ] as const) {
        await goldenPath.saveEvidence({
          accountId: account.id,
          resourceId: account.resourceId,
          scanId: SCAN,
          collectedAt: SEEN,
          input,
        });
      }

      // Read back exactly what the evaluation read.
      const stored = await goldenPath.getEvidence(a.id);
      expect(stored).toMatchObject({
        account: {
          id: a.id,
          name: 'aoai-a',
          owner: 'group:default/team-a',
        },
        scanId: SCAN,
        collectedAt: SEEN.toISOString(),
      });
      expect(stored!.input).toEqual(JSON.parse(JSON.stringify(hardened)));

      // a and b share one subscription content; c has its own.
      const stats = await goldenPath.getStorageStats();
      expect(stats.accounts).toBe(3);
      expect(stats.subscriptionRows).toBe(2);
      expect(stats.accountStoredBytes).toBeLessThan(stats.accountRawBytes / 3);

      // Pages in ARM id order, deleted accounts left out, accounts without evidence counted.
      const page1 = await goldenPath.listEvidencePage({ limit: 2 });
      expect(page1.map(e => e.account.name)).toEqual(['aoai-a', 'aoai-b']);
      const page2 = await goldenPath.listEvidencePage({
        after: page1[1].account.resourceId,
        limit: 2,
      });
      expect(page2.map(e => e.account.name)).toEqual(['aoai-c']);
      expect(await goldenPath.countAccountsWithoutEvidence()).toBe(1);

      // New evidence replaces the old; a subscription content nobody refers to is removed.
      await goldenPath.saveEvidence({
        accountId: c.id,
        resourceId: c.resourceId,
        scanId: SCAN,
        collectedAt: new Date('2026-11-29T12:00:00Z'),
        input: {
          account: { account: absent('forbidden') },
          subscription: { metricAlerts: present({ value: [] }) },
        },
      });
      expect((await goldenPath.getEvidence(c.id))!.input).toEqual({
        account: { account: { state: 'absent', reason: 'forbidden' } },
        subscription: {
          metricAlerts: { state: 'present', value: { value: [] } },
        },
      });
      expect((await goldenPath.getStorageStats()).subscriptionRows).toBe(2);

      // Gone with the account.
      await knex('azure_openai_accounts').where({ id: b.id }).delete();
      expect(await goldenPath.getEvidence(b.id)).toBeUndefined();
      await store.markUnseenAccountsDeleted('another-scan', SEEN);
      expect(await goldenPath.listEvidencePage({ limit: 10 })).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records provenance and classifies the fleet as golden-path or not, %p',
    async databaseId => {
      const { store, goldenPath } = await setUp(databases, databaseId);
      const byEvent = await addAccount(store, testResourceId('aoai-event'));
      await addAccount(store, testResourceId('aoai-tagged'), {
        tags: {
          'Backstage.io-template':
            'template:default/secure-azure-openai-account',
          'backstage.io-task-id': 'task-old',
          'backstage.io-golden-path-policy': '00112233aabbccdd',
        },
      });
      await addAccount(store, testResourceId('aoai-manual'), {
        tags: { 'backstage.io-owner': 'group:default/team-a' },
      });
      await addAccount(store, testResourceId('aoai-untagged'));

      const inputs = {
        accountName: 'aoai-event',
        subscriptionId: '00000000-0000-4000-8000-000000000001',
        resourceGroup: 'rg-ai',
        region: 'swedencentral',
        owner: 'group:default/team-a',
        system: 'chat',
        deployments: [
          {
            name: 'chat',
            model: 'gpt-4.1',
            version: '2025-04-14',
            sku: 'DataZoneStandard',
            capacity: 10,
          },
        ],
        contentFilterProfile: 'strict',
      };
      const record = await goldenPath.recordProvenance({
        resourceId: byEvent.resourceId
          .toUpperCase()
          .replace('/SUBSCRIPTIONS/', '/subscriptions/'),
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.1.0',
        taskId: 'task-1',
        policyVersion: '0123456789abcdef',
        requestedBy: 'user:default/casey.chat',
        inputs,
        recordedAt: SEEN,
      });
      expect(record).toMatchObject({
        accountId: byEvent.id,
        source: 'event',
        inputs,
        requestedBy: 'user:default/casey.chat',
      });

      const list = async (goldenPathFilter?: boolean) =>
        (
          await store.listFleet({
            goldenPath: goldenPathFilter,
            sort: 'name',
            order: 'asc',
            limit: 50,
          })
        ).items;

      const all = await list();
      expect(
        Object.fromEntries(all.map(i => [i.account.name, i.goldenPath])),
      ).toEqual({
        'aoai-event': {
          source: 'event',
          templateRef: 'template:default/secure-azure-openai-account',
          templateVersion: '1.1.0',
          taskId: 'task-1',
          policyVersion: '0123456789abcdef',
          recordedAt: SEEN.toISOString(),
        },
        'aoai-tagged': {
          source: 'tags',
          templateRef: 'template:default/secure-azure-openai-account',
          taskId: 'task-old',
          policyVersion: '00112233aabbccdd',
          recordedAt: SEEN.toISOString(),
        },
        'aoai-manual': undefined,
        'aoai-untagged': undefined,
      });
      expect((await list(true)).map(i => i.account.name)).toEqual([
        'aoai-event',
        'aoai-tagged',
      ]);
      expect((await list(false)).map(i => i.account.name)).toEqual([
        'aoai-manual',
        'aoai-untagged',
      ]);
      expect(
        (
          await store.listFleet({
            goldenPath: true,
            sort: 'name',
            order: 'asc',
            limit: 1,
          })
        ).totalCount,
      ).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps when each drift was first seen until it goes away, %p',
    async databaseId => {
      const { knex, store, goldenPath } = await setUp(databases, databaseId);
      const a = await addAccount(store, testResourceId('aoai-drift'));
      const lock = `${a.resourceId}/providers/Microsoft.Authorization/locks/golden-path`;
      const publicAccess = {
        resource: a.resourceId,
        field: 'properties.publicNetworkAccess',
        desired: 'Disabled',
        actual: 'Enabled',
      };
      const missingLock = {
        resource: lock,
        field: '(missing)',
        desired: 'Microsoft.Authorization/locks',
        actual: null,
      };
      const t1 = new Date('2026-11-28T13:00:00Z');
      const t2 = new Date('2026-11-28T14:00:00Z');
      expect(
        await goldenPath.updateDrift({
          accountId: a.id,
          scanId: 'scan-1',
          at: t1,
          differences: [publicAccess],
        }),
      ).toEqual([{ ...publicAccess, since: t1.toISOString() }]);

      // Seen again (with another value) and a new one: the first keeps its since.
      const drift = await goldenPath.updateDrift({
        accountId: a.id,
        scanId: 'scan-2',
        at: t2,
        differences: [{ ...publicAccess, actual: 'Enabled ' }, missingLock],
      });
      expect(drift).toEqual([
        { ...publicAccess, actual: 'Enabled ', since: t1.toISOString() },
        { ...missingLock, since: t2.toISOString() },
      ]);
      expect(
        await goldenPath.driftSince(a.id, [
          { ...missingLock, resource: lock.toUpperCase() },
          { ...publicAccess, field: 'properties.disableLocalAuth' },
        ]),
      ).toEqual([t2.toISOString(), undefined]);

      // Gone when no longer seen, and with the account.
      expect(
        await goldenPath.updateDrift({
          accountId: a.id,
          scanId: 'scan-3',
          at: t2,
          differences: [missingLock],
        }),
      ).toEqual([{ ...missingLock, since: t2.toISOString() }]);
      await knex('azure_openai_accounts').where({ id: a.id }).delete();
      expect(await goldenPath.listDrift(a.id)).toEqual([]);
    },
  );
});
