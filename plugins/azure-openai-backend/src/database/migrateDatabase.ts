import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The plugin's knex migrations (one directory for every store of the plugin). */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@pavedai/plugin-azure-openai-backend',
  'migrations',
);

/**
 * The PostgreSQL advisory lock the plugin's migrations run under: a 64-bit key of this plugin's
 * own ("pavedaiM" in ASCII), so it does not wait for other plugins' locks.
 */
export const MIGRATION_ADVISORY_LOCK_KEY = '8097883782836742477';

/** Migrations run (or running) per connection pool, so the stores of one backend share one run. */
const runs = new WeakMap<Knex, Promise<void>>();

/**
 * Returns the plugin's database client with its migrations applied, unless the database service
 * skips migrations.
 *
 * @remarks
 * Several backend replicas starting at once on one PostgreSQL database race inside knex's
 * migrator: two create `knex_migrations_lock` at once (`relation "knex_migrations_lock" already
 * exists`, and the backend stops), or both insert its row, after which every later migration
 * finds the table "already locked". So on PostgreSQL the migrations run under a session advisory
 * lock: the other replicas wait for it, then find nothing left to do. A replica that dies while
 * migrating loses the lock with its connection, and its migration transaction rolls back. (With a
 * connection pool of one, `knexConfig.pool.max: 1`, the migrations run without the lock.)
 * Within one backend, the plugin's stores share one run per connection pool.
 */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (database.migrations?.skip) return client;
  let run = runs.get(client);
  if (!run) {
    run = migrate(client);
    runs.set(client, run);
    // a failed run may be tried again by the next store that opens
    run.catch(() => runs.delete(client));
  }
  await run;
  return client;
}

async function migrate(client: Knex): Promise<void> {
  const latest = () =>
    client.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  // The lock holds one connection while knex migrates on another: a pool of one cannot do both.
  const poolSize: number = client.client.pool?.max ?? 2;
  if (client.client.config.client !== 'pg' || poolSize < 2) {
    await latest();
    return;
  }
  // The advisory lock belongs to a session: hold one connection for the lock and its release,
  // while knex migrates on others of the pool.
  const connection = await client.client.acquireConnection();
  try {
    await client
      .raw('SELECT pg_advisory_lock(?::bigint)', [MIGRATION_ADVISORY_LOCK_KEY])
      .connection(connection);
    try {
      await latest();
    } finally {
      await client
        .raw('SELECT pg_advisory_unlock(?::bigint)', [
          MIGRATION_ADVISORY_LOCK_KEY,
        ])
        .connection(connection);
    }
  } finally {
    await client.client.releaseConnection(connection);
  }
}
