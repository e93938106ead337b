import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';
import { testResourceId } from '../testUtils/fixtures';
import { DatabaseGoldenPathStore } from './DatabaseGoldenPathStore';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@pavedai/plugin-azure-openai-backend',
  'migrations',
);

describe('migration 20261128230000_drift_notified', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'counts the drift recorded before it as notified, so an upgrade sends nothing again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      while (
        (await knex.migrate.currentVersion({ directory })) !== '20261128220000'
      ) {
        await knex.migrate.up({ directory });
      }
      const resourceId = testResourceId('aoai-drifted');
      const at = new Date('2026-11-28T12:00:00Z');
      await knex('azure_openai_accounts').insert({
        id: 'a'.repeat(32),
        resource_key: resourceId.toLowerCase(),
        resource_id: resourceId,
        subscription_id: '00000000-0000-4000-8000-000000000001',
        resource_group: 'rg-ai',
        name: 'aoai-drifted',
        first_seen_at: at,
        last_seen_at: at,
      });
      await knex('azure_openai_drift').insert({
        account_id: 'a'.repeat(32),
        drift_key: 'k'.repeat(64),
        resource: resourceId,
        field: 'properties.publicNetworkAccess',
        desired: '"Disabled"',
        actual: '"Enabled"',
        since: at,
        since_scan_id: 'scan-1',
      });

      await knex.migrate.latest({ directory });
      const store = await DatabaseGoldenPathStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await store.listUnnotifiedDrift(['a'.repeat(32)])).toEqual(
        new Map(),
      );
      await knex.destroy();
    },
  );
});
