import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@pavedai/plugin-azure-openai-backend',
  'migrations',
);

const TABLES = [
  'azure_openai_accounts',
  'azure_openai_scans',
  'azure_openai_results',
  'azure_openai_latest',
  'azure_openai_latest_findings',
];

describe('migrations', () => {
  const databases = createStoreTestDatabases();

  it('runs PostgreSQL when it is required', () => {
    // PAVEDAI_REQUIRE_POSTGRES=1 turns a silently skipped PostgreSQL run into a failure
    const required = Boolean(process.env.PAVEDAI_REQUIRE_POSTGRES);
    expect({
      required,
      supported: databases.supports('POSTGRES_15'),
    }).not.toEqual({
      required: true,
      supported: false,
    });
  });

  it.each(databases.eachSupportedId())(
    'migrates up and down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex('azure_openai_scans').insert({
        id: 's1',
        trigger: 'manual',
        target: '{"type":"fleet"}',
        status: 'queued',
        created_at: new Date(),
      });
      expect(await knex('azure_openai_scans').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.migrate.latest({ directory: migrationsDir });
      expect(
        Number((await knex('azure_openai_scans').count({ n: '*' }))[0].n),
      ).toBe(0);
      await knex.destroy();
    },
  );
});
