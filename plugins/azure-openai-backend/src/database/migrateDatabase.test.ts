import fs from 'node:fs';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { DatabaseGovernanceStore } from '../governance/DatabaseGovernanceStore';
import { DatabaseNotificationStore } from '../notifications/DatabaseNotificationStore';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import {
  MIGRATION_ADVISORY_LOCK_KEY,
  MIGRATIONS_DIRECTORY,
  migrateDatabase,
} from './migrateDatabase';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MIGRATIONS = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(f => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'));

const asService = (knex: Knex) =>
  mockServices.database({ knex, migrations: { skip: false } });

describe('migrateDatabase', () => {
  it.each(databases.eachSupportedId())(
    'the stores of one backend share one migration run, %p',
    async databaseId => {
      /** Queries on knex's migration table while the plugin's stores open. */
      const migratorQueries = async (
        open: (database: DatabaseService) => Promise<unknown>,
      ) => {
        const knex = await databases.init(databaseId);
        let count = 0;
        knex.on('query', ({ sql }: { sql: string }) => {
          if (/knex_migrations\b/.test(sql)) count += 1;
        });
        await open(asService(knex));
        expect(await knex('knex_migrations').pluck('name')).toHaveLength(
          MIGRATIONS.length,
        );
        return count;
      };
      const oneRun = await migratorQueries(database =>
        migrateDatabase(database),
      );
      const threeStores = await migratorQueries(database =>
        Promise.all([
          DatabaseAuditStore.create({ database }),
          DatabaseGovernanceStore.create({ database }),
          DatabaseNotificationStore.create({ database }),
        ]),
      );
      expect(oneRun).toBeGreaterThan(0);
      expect(threeStores).toBe(oneRun);
    },
  );

  it('leaves the database alone when the database service skips migrations', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateDatabase(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    expect(await knex.schema.hasTable('azure_openai_accounts')).toBe(false);
  });

  const postgres = databases.supports('POSTGRES_15') ? ['POSTGRES_15'] : [];

  describe.each(postgres)('replicas starting at once, %p', databaseId => {
    /** Pools of their own on one fresh database, as separate backend processes have. */
    async function replicas(count: number) {
      const first = await databases.init(databaseId as 'POSTGRES_15');
      const pools = Array.from({ length: count }, () =>
        knexFactory(first.client.config),
      );
      return {
        first,
        pools,
        close: () => Promise.all(pools.map(p => p.destroy())),
      };
    }

    it('every replica starts and each migration runs once, with one lock row', async () => {
      for (let round = 0; round < 3; round++) {
        const { first, pools, close } = await replicas(4);
        try {
          await Promise.all(pools.map(p => migrateDatabase(asService(p))));
          const applied = await first('knex_migrations').pluck('name');
          expect(applied.sort()).toEqual(
            MIGRATIONS.map(f => f.replace(/\.ts$/, '.js')).sort(),
          );
          expect(await first('knex_migrations_lock')).toEqual([
            expect.objectContaining({ is_locked: 0 }),
          ]);
        } finally {
          await close();
        }
      }
    });

    it('migrates with a pool of one connection, which cannot hold the lock and migrate at once', async () => {
      const first = await databases.init(databaseId as 'POSTGRES_15');
      const single = knexFactory({
        ...first.client.config,
        pool: { min: 0, max: 1 },
      });
      try {
        await migrateDatabase(asService(single));
        expect(await first.schema.hasTable('azure_openai_accounts')).toBe(true);
      } finally {
        await single.destroy();
      }
    });

    it("waits while another replica holds the plugin's migration lock, then migrates", async () => {
      const { first, pools, close } = await replicas(1);
      const holder = await first.client.acquireConnection();
      try {
        await first
          .raw('SELECT pg_advisory_lock(?::bigint)', [
            MIGRATION_ADVISORY_LOCK_KEY,
          ])
          .connection(holder);
        let finished = false;
        const migrating = migrateDatabase(asService(pools[0])).then(() => {
          finished = true;
        });
        // Give it ample time: it must still be waiting, having written nothing.
        await new Promise(resolve => setTimeout(resolve, 1_000));
        expect(finished).toBe(false);
        expect(await first.schema.hasTable('azure_openai_accounts')).toBe(
          false,
        );

        await first
          .raw('SELECT pg_advisory_unlock(?::bigint)', [
            MIGRATION_ADVISORY_LOCK_KEY,
          ])
          .connection(holder);
        await migrating;
        expect(await first.schema.hasTable('azure_openai_accounts')).toBe(true);
      } finally {
        await first.client.releaseConnection(holder);
        await close();
      }
    });
  });
});
