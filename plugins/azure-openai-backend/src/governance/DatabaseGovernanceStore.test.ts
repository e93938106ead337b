import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { GovernanceScope } from '@pavedai/plugin-azure-openai-common';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { testResourceId } from '../testUtils/fixtures';
import { DatabaseGovernanceStore } from './DatabaseGovernanceStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-28T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const RESOURCE_ID = testResourceId('aoai-1');
const ENTITY_REF = 'component:default/checkout';
const ACCOUNT: GovernanceScope = { type: 'account', resourceId: RESOURCE_ID };
const ENTITY: GovernanceScope = { type: 'entity', entityRef: ENTITY_REF };

const waiverInput = (overrides: Record<string, unknown> = {}) => ({
  controlId: 'AOAI-NET-001',
  scope: ACCOUNT,
  reason: 'Private endpoint lands next sprint',
  riskAccepted: 'Reachable from the internet for 30 days',
  compensatingControl: 'IP allowlist of the office egress',
  expiresAt: at(30).toISOString(),
  requestedBy: 'user:default/alice',
  requestedAt: T0.toISOString(),
  ...overrides,
});

const attestationInput = (overrides: Record<string, unknown> = {}) => ({
  controlId: 'AOAI-BCDR-004',
  scope: ENTITY,
  statement: 'DR test passed on 2026-11-01',
  evidenceUrl: 'https://wiki.example.com/dr-2026-11',
  author: 'user:default/alice',
  createdAt: T0.toISOString(),
  expiresAt: at(365).toISOString(),
  ...overrides,
});

describe('DatabaseGovernanceStore', () => {
  const databases = createStoreTestDatabases();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    // The audit store runs the same migrations: both orders work.
    await DatabaseAuditStore.create({ database });
    return { knex, store: await DatabaseGovernanceStore.create({ database }) };
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('keeps a waiver through request, approval and revocation, with its history', async () => {
      const { store, knex } = await createStore(databaseId);
      const requested = await store.createWaiver(waiverInput());
      expect(requested).toMatchObject({
        status: 'requested',
        scope: ACCOUNT,
        expiresAt: at(30).toISOString(),
      });

      const approved = await store.decideWaiver(requested.id, 'approve', {
        by: 'user:default/pat',
        at: at(1),
        comment: 'ok until the endpoint lands',
      });
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/pat',
        decidedAt: at(1).toISOString(),
        decisionComment: 'ok until the endpoint lands',
      });
      await expect(
        store.decideWaiver(requested.id, 'reject', {
          by: 'user:default/pat',
          at: at(2),
        }),
      ).rejects.toThrow(ConflictError);

      const revoked = await store.revokeWaiver(requested.id, {
        by: 'user:default/alice',
        at: at(3),
      });
      expect(revoked.status).toBe('revoked');
      expect((await store.getWaiver(requested.id, at(3)))?.status).toBe(
        'revoked',
      );

      const events = await store.listEvents({ scopes: [ACCOUNT] });
      expect(events.map(e => [e.kind, e.actor])).toEqual([
        ['waiver.revoked', 'user:default/alice'],
        ['waiver.approved', 'user:default/pat'],
        ['waiver.requested', 'user:default/alice'],
      ]);
      expect(events[1].details).toEqual({
        comment: 'ok until the endpoint lands',
      });
      // nothing is deleted
      expect(
        Number((await knex('azure_openai_waivers').count({ n: '*' }))[0].n),
      ).toBe(1);
      await knex.destroy();
    });

    it('refuses a second open waiver for the same control and scope, case-insensitively', async () => {
      const { store, knex } = await createStore(databaseId);
      const first = await store.createWaiver(waiverInput());
      await expect(
        store.createWaiver(
          waiverInput({
            scope: { type: 'account', resourceId: RESOURCE_ID.toUpperCase() },
          }),
        ),
      ).rejects.toThrow(/already requested/);
      // another control, or another scope, is fine
      await store.createWaiver(waiverInput({ controlId: 'AOAI-IAM-001' }));
      await store.createWaiver(waiverInput({ scope: ENTITY }));
      // once the first is rejected, a new request is allowed
      await store.decideWaiver(first.id, 'reject', {
        by: 'user:default/pat',
        at: at(1),
      });
      await expect(
        store.createWaiver(waiverInput({ requestedAt: at(1).toISOString() })),
      ).resolves.toMatchObject({ status: 'requested' });
      await knex.destroy();
    });

    it('admits exactly one of concurrent requests for the same control and scope; the others are refused naming it', async () => {
      const { store, knex } = await createStore(databaseId);
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.createWaiver(
            waiverInput({ requestedBy: `user:default/user-${i}` }),
          ),
        ),
      );
      const created = settled.flatMap(r =>
        r.status === 'fulfilled' ? [r.value] : [],
      );
      expect(created).toHaveLength(1);
      for (const r of settled) {
        if (r.status === 'fulfilled') continue;
        expect(r.reason).toBeInstanceOf(ConflictError);
        expect(r.reason.message).toContain(`Waiver ${created[0].id} `);
      }
      expect(
        await knex('azure_openai_waivers').whereIn('status', [
          'requested',
          'approved',
        ]),
      ).toHaveLength(1);
      expect(
        (await store.listEvents({})).filter(e => e.kind === 'waiver.requested'),
      ).toHaveLength(1);
      await knex.destroy();
    });

    it('keeps one open waiver per control and scope in the database itself', async () => {
      const { store, knex } = await createStore(databaseId);
      const first = await store.createWaiver(waiverInput());
      const [row] = await knex('azure_openai_waivers').where({ id: first.id });
      // what a check-then-insert race would write: refused by the unique index
      const refused = await knex('azure_openai_waivers')
        .insert({ ...row, id: 'second' })
        .then(
          () => 'inserted',
          (e: Error) => e.message,
        );
      expect(refused).toMatch(
        /UNIQUE constraint failed|duplicate key value violates unique constraint "azure_openai_waivers_one_open_idx"/,
      );
      // closed waivers do not count
      await knex('azure_openai_waivers').insert({
        ...row,
        id: 'rejected',
        status: 'rejected',
      });
      await knex.destroy();
    });

    it('records an open waiver past its expiry as expired before admitting a new request', async () => {
      const { store, knex } = await createStore(databaseId);
      const old = await store.createWaiver(waiverInput());
      await store.decideWaiver(old.id, 'approve', {
        by: 'user:default/pat',
        at: at(1),
      });
      // nothing recorded the expiry yet (no task ran)
      const renewed = await store.createWaiver(
        waiverInput({
          requestedAt: at(31).toISOString(),
          expiresAt: at(60).toISOString(),
        }),
      );
      expect(renewed.status).toBe('requested');
      const [row] = await knex('azure_openai_waivers').where({ id: old.id });
      expect(row.status).toBe('expired');
      expect(
        (await store.listEvents({}))
          .filter(e => e.waiverId === old.id)
          .map(e => [e.kind, e.actor]),
      ).toContainEqual(['waiver.expired', 'system']);
      await knex.destroy();
    });

    it('refuses, naming the other waiver, a request whose insert loses a race its check could not see', async () => {
      const { store, knex } = await createStore(databaseId);
      const first = await store.createWaiver(
        waiverInput({ controlId: 'AOAI-IAM-001' }),
      );
      const [template] = await knex('azure_openai_waivers').where({
        id: first.id,
      });
      // another replica's request, inserted but not yet committed
      const other = await knex.transaction();
      await other('azure_openai_waivers').insert({
        ...template,
        id: 'racing-waiver',
        control_id: 'AOAI-NET-001',
      });
      const attempt = store.createWaiver(waiverInput()).then(
        () => undefined,
        (e: Error) => e,
      );
      if (databaseId === 'POSTGRES_15') {
        // PostgreSQL: the check does not see the row; wait until the insert waits on its index
        // entry, so the request meets the unique index, not the check
        for (;;) {
          const { rows } = await knex.raw(
            "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into %azure_openai_waivers%'",
          );
          if (rows[0].n > 0) break;
          await new Promise(resolve => setTimeout(resolve, 10));
        }
      }
      // (SQLite: one writer at a time, the request runs after the commit and its check sees it)
      await other.commit();
      const error = await attempt;
      expect(error).toBeInstanceOf(ConflictError);
      expect(error?.message).toContain(
        "Waiver racing-waiver for AOAI-NET-001 on '",
      );
      await knex.destroy();
    });

    it('reads statuses from the clock and records expiry once', async () => {
      const { store, knex } = await createStore(databaseId);
      const waiver = await store.createWaiver(waiverInput());
      await store.decideWaiver(waiver.id, 'approve', {
        by: 'user:default/pat',
        at: at(1),
      });
      const { attestation } = await store.createAttestation(
        attestationInput({ expiresAt: at(10).toISOString() }),
      );

      expect(
        await store.listInForce({
          resourceIds: [RESOURCE_ID],
          entityRefs: ['Component:default/Checkout'],
          now: at(5),
        }),
      ).toMatchObject({
        waivers: [{ id: waiver.id, status: 'approved' }],
        attestations: [{ id: attestation.id, status: 'active' }],
      });
      // after expiry: read as expired before anything is recorded
      expect((await store.getWaiver(waiver.id, at(31)))?.status).toBe(
        'expired',
      );
      expect(
        await store.listInForce({
          resourceIds: [RESOURCE_ID],
          entityRefs: [ENTITY_REF],
          now: at(31),
        }),
      ).toEqual({ waivers: [], attestations: [] });
      expect(
        (await store.listWaivers({ now: at(31), status: 'expired' })).map(
          w => w.id,
        ),
      ).toEqual([waiver.id]);

      const first = await store.expireDue(at(31));
      expect(first.waivers.map(w => w.id)).toEqual([waiver.id]);
      expect(first.attestations.map(a => a.id)).toEqual([attestation.id]);
      expect(await store.expireDue(at(32))).toEqual({
        waivers: [],
        attestations: [],
      });
      const kinds = (await store.listEvents({})).map(e => [e.kind, e.actor]);
      expect(kinds.slice(0, 2)).toEqual(
        expect.arrayContaining([
          ['waiver.expired', 'system'],
          ['attestation.expired', 'system'],
        ]),
      );
      expect(kinds.filter(([k]) => k.endsWith('.expired'))).toHaveLength(2);
      await expect(
        store.revokeWaiver(waiver.id, { by: 'user:default/pat', at: at(33) }),
      ).rejects.toThrow(/is expired/);
      await knex.destroy();
    });

    it('supersedes the active attestation of the same control and scope', async () => {
      const { store, knex } = await createStore(databaseId);
      const { attestation: first } = await store.createAttestation(
        attestationInput(),
      );
      const { attestation: other } = await store.createAttestation(
        attestationInput({ controlId: 'AOAI-BCDR-006' }),
      );
      const second = await store.createAttestation(
        attestationInput({
          createdAt: at(1).toISOString(),
          statement: 'DR test passed again',
        }),
      );
      expect(second.superseded).toBe(first.id);
      const all = await store.listAttestations({
        scopes: [ENTITY],
        now: at(2),
      });
      expect(all.map(a => [a.id, a.status])).toHaveLength(3);
      expect(all.map(a => [a.id, a.status])).toEqual(
        expect.arrayContaining([
          [second.attestation.id, 'active'],
          [first.id, 'superseded'],
          [other.id, 'active'],
        ]),
      );
      // the superseded one no longer applies
      expect(
        (
          await store.listInForce({ entityRefs: [ENTITY_REF], now: at(2) })
        ).attestations.map(a => a.id),
      ).toEqual(expect.arrayContaining([second.attestation.id, other.id]));
      expect(
        (
          await store.listInForce({ entityRefs: [ENTITY_REF], now: at(2) })
        ).attestations.map(a => a.id),
      ).not.toContain(first.id);
      const [created] = await store.listEvents({
        scopes: [ENTITY],
        controlId: 'AOAI-BCDR-004',
        limit: 1,
      });
      expect(created).toMatchObject({
        kind: 'attestation.created',
        attestationId: second.attestation.id,
        details: { supersedes: first.id },
      });
      await knex.destroy();
    });

    it('lists what expires in a window for notifications', async () => {
      const { store, knex } = await createStore(databaseId);
      const soon = await store.createWaiver(
        waiverInput({ expiresAt: at(5).toISOString() }),
      );
      await store.decideWaiver(soon.id, 'approve', {
        by: 'user:default/pat',
        at: T0,
      });
      // requested (not approved) waivers are not "expiring"
      await store.createWaiver(
        waiverInput({
          controlId: 'AOAI-IAM-001',
          expiresAt: at(5).toISOString(),
        }),
      );
      const { attestation } = await store.createAttestation(
        attestationInput({ expiresAt: at(6).toISOString() }),
      );
      await store.createAttestation(
        attestationInput({
          controlId: 'AOAI-BCDR-006',
          expiresAt: at(60).toISOString(),
        }),
      );
      const expiring = await store.listExpiring({ before: at(7), after: T0 });
      expect(expiring.waivers.map(w => w.id)).toEqual([soon.id]);
      expect(expiring.attestations.map(a => a.id)).toEqual([attestation.id]);
      expect(await store.listExpiring({ before: at(7), after: at(6) })).toEqual(
        { waivers: [], attestations: [] },
      );
      await knex.destroy();
    });

    it('answers not found for an unknown waiver', async () => {
      const { store, knex } = await createStore(databaseId);
      await expect(
        store.revokeWaiver('nope', { by: 'user:default/pat', at: T0 }),
      ).rejects.toThrow(NotFoundError);
      expect(await store.getWaiver('nope', T0)).toBeUndefined();
      await knex.destroy();
    });
  });
});
