import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';

/** A database id the {@link createStoreTestDatabases} databases know. */
export type StoreTestDatabaseId = Parameters<TestDatabases['init']>[0];

/**
 * SQLite, and PostgreSQL 15 when a connection string is set (never Docker):
 * the databases the store and migration tests run on.
 */
export function createStoreTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
}

/** A store on a fresh test database with the plugin's migrations run. */
export async function createMigratedStore(
  databases: TestDatabases,
  databaseId: StoreTestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseAuditStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, store };
}

/** A store on a fresh SQLite test database, as the service tests use it. */
export async function createSqliteStore(
  databases: TestDatabases,
): Promise<DatabaseAuditStore> {
  const knex = await databases.init('SQLITE_3');
  return DatabaseAuditStore.create({
    database: mockServices.database({ knex }),
  });
}
