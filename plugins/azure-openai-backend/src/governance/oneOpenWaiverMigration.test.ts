import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';
import { testResourceId } from '../testUtils/fixtures';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@pavedai/plugin-azure-openai-backend',
  'migrations',
);
/** The migration before the one under test. */
const BEFORE = '20261128210000';
const DAY = 24 * 60 * 60 * 1000;
/** How SQLite and PostgreSQL refuse a row the unique index forbids. */
const UNIQUE_VIOLATION =
  /UNIQUE constraint failed|duplicate key value violates unique constraint "azure_openai_waivers_one_open_idx"/;

describe('migration 20261128220000_waivers_one_open', () => {
  const databases = createStoreTestDatabases();

  async function migrateTo(knex: Knex, version: string) {
    while ((await knex.migrate.currentVersion({ directory })) !== version) {
      await knex.migrate.up({ directory });
    }
  }

  it.each(databases.eachSupportedId())(
    'settles the open waivers a race left behind, keeps the rest, then admits one open waiver per control and scope, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateTo(knex, BEFORE);
      const now = Date.now();
      const resourceId = testResourceId('aoai-1');
      const waiver = (
        id: string,
        controlId: string,
        status: string,
        requestedDaysAgo: number,
        expiresInDays: number,
      ) => ({
        id,
        control_id: controlId,
        scope_type: 'account',
        scope_key: resourceId.toLowerCase(),
        scope_value: resourceId,
        reason: 'r',
        risk_accepted: 'r',
        compensating_control: 'c',
        expires_at: new Date(now + expiresInDays * DAY),
        status,
        requested_by: 'user:default/alice',
        requested_at: new Date(now - requestedDaysAgo * DAY),
      });
      await knex('azure_openai_waivers').insert([
        // two requests of the same control and scope (the race): the older is kept
        waiver('dup-old', 'AOAI-NET-001', 'requested', 3, 20),
        waiver('dup-new', 'AOAI-NET-001', 'requested', 2, 20),
        // an approved one and a later request: the approved one is kept
        waiver('approved', 'AOAI-NET-002', 'approved', 5, 20),
        waiver('later-request', 'AOAI-NET-002', 'requested', 1, 20),
        // an approved one past its expiry (never recorded) and its renewal: both settled rightly
        waiver('stale', 'AOAI-IAM-001', 'approved', 40, -1),
        waiver('renewal', 'AOAI-IAM-001', 'requested', 1, 30),
        // alone or closed: untouched
        waiver('alone', 'AOAI-LOG-007', 'approved', 1, 20),
        waiver('closed', 'AOAI-LOG-007', 'rejected', 9, 20),
      ]);

      // this migration alone (later ones may follow it)
      await knex.migrate.up({ directory });
      expect(await knex.migrate.currentVersion({ directory })).toBe(
        '20261128220000',
      );

      const statuses = Object.fromEntries(
        (
          await knex('azure_openai_waivers').select(
            'id',
            'status',
            'revoked_by',
          )
        ).map(r => [r.id, [r.status, r.revoked_by ?? null]]),
      );
      expect(statuses).toEqual({
        'dup-old': ['requested', null],
        'dup-new': ['revoked', 'system'],
        approved: ['approved', null],
        'later-request': ['revoked', 'system'],
        stale: ['expired', null],
        renewal: ['requested', null],
        alone: ['approved', null],
        closed: ['rejected', null],
      });
      const events = await knex('azure_openai_governance_events')
        .orderBy('waiver_id')
        .select('kind', 'actor', 'waiver_id', 'details');
      expect(
        events.map(e => [
          e.waiver_id,
          e.kind,
          e.actor,
          JSON.parse(e.details).comment ?? null,
        ]),
      ).toEqual([
        [
          'dup-new',
          'waiver.revoked',
          'system',
          'Duplicate of waiver dup-old, open for the same control and scope',
        ],
        [
          'later-request',
          'waiver.revoked',
          'system',
          'Duplicate of waiver approved, open for the same control and scope',
        ],
        ['stale', 'waiver.expired', 'system', null],
      ]);

      // from now on the database admits one open waiver per control and scope
      const refused = await knex('azure_openai_waivers')
        .insert(waiver('another', 'AOAI-LOG-007', 'requested', 0, 10))
        .then(
          () => 'inserted',
          (e: Error) => e.message,
        );
      expect(refused).toMatch(UNIQUE_VIOLATION);
      await knex('azure_openai_waivers').insert(
        waiver('other-control', 'AOAI-GOV-001', 'requested', 0, 10),
      );

      await knex.migrate.down({ directory });
      await knex('azure_openai_waivers').insert(
        waiver('allowed-again', 'AOAI-LOG-007', 'requested', 0, 10),
      );
      await knex.destroy();
    },
  );
});
