import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  COMPONENT,
  createGovernanceWorld,
  DAY_MS,
  T0,
  USERS,
} from './__testUtils__/governanceWorld';

jest.setTimeout(60_000);

const inDays = (days: number) =>
  new Date(T0.getTime() + days * DAY_MS).toISOString();

const waiver = {
  controlId: 'AOAI-NET-002',
  entityRef: COMPONENT,
  reason: 'Private endpoint lands in the next release',
  riskAccepted: 'Reachable from the internet meanwhile',
  compensatingControl: 'IP allowlist of the office egress',
  expiresAt: inDays(10),
};

const attestation = {
  controlId: 'AOAI-BCDR-004',
  accountId: ACCOUNT_A,
  statement: 'Failover tested on 2026-11-02, RTO 14 minutes',
  evidenceUrl: 'https://wiki.example.com/dr-2026-11',
};

describe('GovernanceService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function approvedWaiver(
    world: Awaited<ReturnType<typeof createGovernanceWorld>>,
  ) {
    const requested = await request(await world.app('owner', USERS.owner))
      .post('/waivers')
      .send(waiver)
      .expect(201);
    await request(await world.app('platform', USERS.approver))
      .post(`/waivers/${requested.body.id}/decision`)
      .send({ decision: 'approve', comment: 'until the release' })
      .expect(200);
    return requested.body.id as string;
  }

  it('applies an approved waiver to every account of the entity at once, and no longer after its expiry', async () => {
    const world = await createGovernanceWorld(databases);
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('fail');

    const requested = await request(await world.app('owner'))
      .post('/waivers')
      .send(waiver)
      .expect(201);
    // a request alone changes nothing
    await world.scans.runScheduledScan();
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('fail');

    await request(await world.app('platform', USERS.approver))
      .post(`/waivers/${requested.body.id}/decision`)
      .send({ decision: 'approve' })
      .expect(200);
    // the approval asked for a scan of the component's account: no need to wait for the fleet scan
    expect(world.scanRequests).toEqual([[ACCOUNT_A]]);
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('waived');
    expect(await world.statusOf(ACCOUNT_B, 'AOAI-NET-002')).toBe('fail');

    world.advanceDays(9);
    await world.scans.runScheduledScan();
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('waived');

    world.advanceDays(2);
    await world.scans.runScheduledScan();
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('fail');
    expect((await world.governance.getWaiver(requested.body.id)).status).toBe(
      'expired',
    );
    const [expired] = await world.governance.listEvents({
      controlId: 'AOAI-NET-002',
    });
    expect(expired).toMatchObject({
      kind: 'waiver.expired',
      actor: 'system',
      waiverId: requested.body.id,
      at: inDays(11),
    });
  });

  it('reads a waiver as expired from the clock before any scan records it', async () => {
    const world = await createGovernanceWorld(databases);
    const id = await approvedWaiver(world);
    world.advanceDays(10);
    const res = await request(await world.app('viewer', USERS.viewer)).get(
      `/waivers?entityRef=${encodeURIComponent(COMPONENT)}`,
    );
    expect(res.body.items.map((w: any) => [w.id, w.status])).toEqual([
      [id, 'expired'],
    ]);
    // and it can no longer be decided or revoked
    await request(await world.app('owner'))
      .post(`/waivers/${id}/revoke`)
      .expect(409);
  });

  it('stops applying a revoked waiver at once', async () => {
    const world = await createGovernanceWorld(databases);
    const id = await approvedWaiver(world);
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('waived');
    await request(await world.app('owner'))
      .post(`/waivers/${id}/revoke`)
      .send({ comment: 'endpoint is live' })
      .expect(200);
    expect(world.scanRequests).toHaveLength(2);
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('fail');
  });

  it('versions what it loads: the version changes with what applies, and only then', async () => {
    const world = await createGovernanceWorld(databases);
    const none = (await world.governance.load()).version;
    expect((await world.governance.load()).version).toBe(none);
    const id = await approvedWaiver(world);
    const waived = (await world.governance.load()).version;
    expect(waived).not.toBe(none);
    expect((await world.governance.load()).version).toBe(waived);
    await request(await world.app('owner'))
      .post(`/waivers/${id}/revoke`)
      .send({ comment: 'endpoint is live' })
      .expect(200);
    expect((await world.governance.load()).version).toBe(none);
  });

  it('attests a control until the attestation expires, then asks for one again', async () => {
    const world = await createGovernanceWorld(databases, {
      attestations: { durationDaysByControl: { 'AOAI-BCDR-004': 30 } },
    });
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-BCDR-004')).toBe(
      'attestation-required',
    );
    const res = await request(await world.app('owner'))
      .post('/attestations')
      .send(attestation)
      .expect(201);
    expect(res.body.expiresAt).toBe(inDays(30));
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-BCDR-004')).toBe('attested');
    expect(await world.statusOf(ACCOUNT_B, 'AOAI-BCDR-004')).toBe(
      'attestation-required',
    );

    world.advanceDays(31);
    await world.scans.runScheduledScan();
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-BCDR-004')).toBe(
      'attestation-required',
    );
    const [expired] = await world.governance.listEvents({
      controlId: 'AOAI-BCDR-004',
    });
    expect(expired).toMatchObject({
      kind: 'attestation.expired',
      actor: 'system',
      attestationId: res.body.id,
    });
  });

  it('supersedes the previous attestation for the same control and scope', async () => {
    const world = await createGovernanceWorld(databases);
    const server = await world.app('owner');
    const first = await request(server)
      .post('/attestations')
      .send(attestation)
      .expect(201);
    world.advanceDays(1);
    const second = await request(server)
      .post('/attestations')
      .send({ ...attestation, statement: 'Failover tested again' })
      .expect(201);
    const listed = await request(server).get(
      `/attestations?accountId=${encodeURIComponent(ACCOUNT_A)}`,
    );
    expect(listed.body.items.map((a: any) => [a.id, a.status])).toEqual([
      [second.body.id, 'active'],
      [first.body.id, 'superseded'],
    ]);
    const history = await request(server).get(
      `/governance/history?accountId=${encodeURIComponent(
        ACCOUNT_A,
      )}&controlId=AOAI-BCDR-004`,
    );
    expect(history.body.items[0]).toMatchObject({
      kind: 'attestation.created',
      attestationId: second.body.id,
      details: { supersedes: first.body.id },
    });
    expect(await world.statusOf(ACCOUNT_A, 'AOAI-BCDR-004')).toBe('attested');
  });

  it('records every change in the history and with the auditor: who, when, what', async () => {
    const world = await createGovernanceWorld(databases);
    const id = await approvedWaiver(world);
    world.advanceDays(1);
    await request(await world.app('platform', USERS.approver))
      .post(`/waivers/${id}/revoke`)
      .send({ comment: 'endpoint is live' })
      .expect(200);
    const rejected = await request(await world.app('owner'))
      .post('/waivers')
      .send({ ...waiver, reason: 'second try' })
      .expect(201);
    await request(await world.app('platform', USERS.approver))
      .post(`/waivers/${rejected.body.id}/decision`)
      .send({ decision: 'reject', comment: 'fix it' })
      .expect(200);
    await request(await world.app('owner'))
      .post('/attestations')
      .send({ ...attestation, expiresAt: inDays(3) })
      .expect(201);
    world.advanceDays(5);
    await world.scans.runScheduledScan();

    const history = await request(await world.app('viewer', USERS.viewer)).get(
      '/governance/history',
    );
    expect(
      history.body.items.map((e: any) => [e.kind, e.actor, e.at]).reverse(),
    ).toEqual([
      ['waiver.requested', USERS.owner, inDays(0)],
      ['waiver.approved', USERS.approver, inDays(0)],
      ['waiver.revoked', USERS.approver, inDays(1)],
      ['waiver.requested', USERS.owner, inDays(1)],
      ['waiver.rejected', USERS.approver, inDays(1)],
      ['attestation.created', USERS.owner, inDays(1)],
      ['attestation.expired', 'system', inDays(6)],
    ]);
    expect(history.body.items[2].details).toEqual({ comment: 'fix it' });

    const audited = world.auditor.events
      .filter(e => e.options.eventId !== 'scan')
      .map(e => [e.options.eventId, e.options.meta?.actor, e.outcome?.status]);
    expect(audited).toEqual([
      ['waiver-request', USERS.owner, 'succeeded'],
      ['waiver-approve', USERS.approver, 'succeeded'],
      ['waiver-revoke', USERS.approver, 'succeeded'],
      ['waiver-request', USERS.owner, 'succeeded'],
      ['waiver-reject', USERS.approver, 'succeeded'],
      ['attestation-create', USERS.owner, 'succeeded'],
      ['governance-expiry', 'system', 'succeeded'],
    ]);
    // a refused change is audited as failed
    await request(await world.app('platform', USERS.approver))
      .post(`/waivers/${rejected.body.id}/decision`)
      .send({ decision: 'approve' })
      .expect(409);
    expect(world.auditor.events.at(-1)).toMatchObject({
      options: { eventId: 'waiver-approve' },
      outcome: { status: 'failed' },
    });
  });

  it.each([
    ['excluded', -10, 0],
    ['pass', 0, 10],
    ['fail', 0, 0],
  ] as const)(
    'scores waived controls as configured (%s)',
    async (scoring, scoredDelta, earnedDelta) => {
      const world = await createGovernanceWorld(databases, {
        config: { scoring },
      });
      const before = await world.latest(ACCOUNT_A);
      await approvedWaiver(world);
      expect(await world.statusOf(ACCOUNT_A, 'AOAI-NET-002')).toBe('waived');
      const after = await world.latest(ACCOUNT_A);
      // AOAI-NET-002 is critical: weight 10
      expect(after.scoredWeight - before.scoredWeight).toBe(scoredDelta);
      expect(after.earnedWeight - before.earnedWeight).toBe(earnedDelta);
    },
  );

  it('lists what is about to expire for notifications', async () => {
    const world = await createGovernanceWorld(databases);
    const id = await approvedWaiver(world);
    const expiring = await world.governance.store.listExpiring({
      before: new Date(inDays(11)),
      after: T0,
    });
    expect(expiring.waivers.map(w => w.id)).toEqual([id]);
    const inForce = await world.governance.store.listInForce({
      entityRefs: [COMPONENT],
      now: T0,
    });
    expect(inForce.waivers.map(w => w.id)).toEqual([id]);
  });
});
