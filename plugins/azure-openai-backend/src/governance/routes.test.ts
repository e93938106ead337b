import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { accountIdFor } from '../database/armId';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  COMPONENT,
  createGovernanceWorld,
  DAY_MS,
  RESOURCE_A,
  RESOURCE_B,
  T0,
  USERS,
} from './__testUtils__/governanceWorld';

jest.setTimeout(60_000);

const inDays = (days: number) =>
  new Date(T0.getTime() + days * DAY_MS).toISOString();

const waiverBody = (overrides: Record<string, unknown> = {}) => ({
  controlId: 'AOAI-NET-002',
  entityRef: COMPONENT,
  reason: 'Private endpoint lands in the next release',
  riskAccepted: 'Reachable from the internet meanwhile',
  compensatingControl: 'IP allowlist of the office egress',
  expiresAt: inDays(30),
  ...overrides,
});

const attestationBody = (overrides: Record<string, unknown> = {}) => ({
  controlId: 'AOAI-BCDR-004',
  entityRef: COMPONENT,
  statement: 'Failover tested on 2026-11-02, RTO 14 minutes',
  evidenceUrl: 'https://wiki.example.com/dr-2026-11',
  ...overrides,
});

describe('governance routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let world: Awaited<ReturnType<typeof createGovernanceWorld>>;

  beforeEach(async () => {
    world = await createGovernanceWorld(databases, {
      nonWaivableControls: ['AOAI-IAM-001'],
    });
  });
  afterEach(async () => {
    await world.scans.waitForIdle();
  });

  const requestWaiver = async (body = waiverBody()) => {
    const res = await request(await world.app('owner', USERS.owner))
      .post('/waivers')
      .send(body);
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('POST /waivers', () => {
    const refused = {
      error: {
        message: `Not allowed to request a waiver for '${COMPONENT}': only its owners (or the platform team) may`,
      },
    };
    it.each([
      ['owner', USERS.owner, 201, { status: 'requested' }],
      ['platform', USERS.approver, 201, { requestedBy: USERS.approver }],
      ['viewer', USERS.viewer, 403, refused],
      ['none', USERS.viewer, 403, refused],
    ])('answers %s with %p', async (role, user, status, body) => {
      const res = await request(await world.app(role, user))
        .post('/waivers')
        .send(waiverBody());
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject(body);
    });

    it('needs a signed-in user', async () => {
      const res = await request(await world.app('platform'))
        .post('/waivers')
        .set('Authorization', mockCredentials.none.header())
        .send(waiverBody());
      expect(res.status).toBe(401);
    });

    it('records a requested waiver with who and when, for an account through the entity that links it', async () => {
      const res = await request(await world.app('owner'))
        .post('/waivers')
        .send(
          waiverBody({
            entityRef: undefined,
            accountId: accountIdFor(ACCOUNT_A),
          }),
        );
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`waivers/${res.body.id}`);
      expect(res.body).toMatchObject({
        controlId: 'AOAI-NET-002',
        scope: { type: 'account', resourceId: ACCOUNT_A },
        status: 'requested',
        requestedBy: USERS.owner,
        requestedAt: T0.toISOString(),
        expiresAt: inDays(30),
      });
      // team A's owner holds no permission on team B's account
      const other = await request(await world.app('owner'))
        .post('/waivers')
        .send(waiverBody({ entityRef: undefined, accountId: ACCOUNT_B }));
      expect(other.status).toBe(403);
      expect(other.body.error.message).toContain('links the account');
    });

    it('refuses an unknown control, naming where the ids are', async () => {
      const res = await request(await world.app('owner'))
        .post('/waivers')
        .send(waiverBody({ controlId: 'AOAI-NET-999' }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /controlId: 'AOAI-NET-999' is not a control.*GET \/api\/azure-openai\/controls/,
      );
    });

    it('refuses non-waivable controls from the catalog and from config or the policy', async () => {
      const catalog = await request(await world.app('owner'))
        .post('/waivers')
        .send(waiverBody({ controlId: 'AOAI-DATA-002' }));
      expect(catalog.status).toBe(400);
      expect(catalog.body.error.message).toContain(
        'AOAI-DATA-002 cannot be waived (the catalog marks it non-waivable)',
      );
      const configured = await request(await world.app('owner'))
        .post('/waivers')
        .send(waiverBody({ controlId: 'AOAI-IAM-001' }));
      expect(configured.status).toBe(400);
      expect(configured.body.error.message).toContain('nonWaivableControls');
    });

    it('refuses a missing, past or too distant expiry, naming the maximum', async () => {
      const server = await world.app('owner');
      const missing = await request(server)
        .post('/waivers')
        .send(waiverBody({ expiresAt: undefined }));
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('expiresAt');
      const past = await request(server)
        .post('/waivers')
        .send(waiverBody({ expiresAt: inDays(-1) }));
      expect(past.status).toBe(400);
      expect(past.body.error.message).toContain('is in the past');
      const far = await request(server)
        .post('/waivers')
        .send(waiverBody({ expiresAt: inDays(91) }));
      expect(far.status).toBe(400);
      expect(far.body.error.message).toContain('at most 90 days');
      expect(far.body.error.message).toContain(inDays(90));
      await request(server)
        .post('/waivers')
        .send(waiverBody({ expiresAt: inDays(90) }))
        .expect(201);
    });

    it('refuses a body with both or neither scope, or unknown fields', async () => {
      const server = await world.app('owner');
      const both = await request(server)
        .post('/waivers')
        .send(waiverBody({ accountId: ACCOUNT_A }));
      expect(both.status).toBe(400);
      expect(both.body.error.message).toContain("exactly one of 'entityRef'");
      const extra = await request(server)
        .post('/waivers')
        .send(waiverBody({ approved: true }));
      expect(extra.status).toBe(400);
      const empty = await request(server)
        .post('/waivers')
        .send(waiverBody({ reason: '  ' }));
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain('reason');
    });

    it('answers 409 while a waiver for the same control and scope is open', async () => {
      const first = await requestWaiver();
      const again = await request(await world.app('owner'))
        .post('/waivers')
        .send(waiverBody());
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(first.id);
      // approved is still open
      await request(await world.app('platform', USERS.approver))
        .post(`/waivers/${first.id}/decision`)
        .send({ decision: 'approve' })
        .expect(200);
      await request(await world.app('owner'))
        .post('/waivers')
        .send(waiverBody())
        .expect(409);
    });

    it('answers 404 for an entity that does not exist', async () => {
      const res = await request(await world.app('platform', USERS.approver))
        .post('/waivers')
        .send(waiverBody({ entityRef: 'component:default/ghost' }));
      expect(res.status).toBe(404);
    });
  });

  describe('POST /waivers/{id}/decision', () => {
    const approved = {
      status: 'approved',
      decidedBy: USERS.approver,
      decidedAt: T0.toISOString(),
      decisionComment: 'until the release',
    };
    const refused = {
      error: {
        message: expect.stringContaining('only approvers'),
      },
    };
    it.each([
      ['platform', USERS.approver, 200, approved],
      ['owner', USERS.otherOwner, 403, refused],
      ['viewer', USERS.viewer, 403, refused],
      ['none', USERS.viewer, 403, refused],
    ])('answers %s with %p', async (role, user, status, body) => {
      const waiver = await requestWaiver();
      const res = await request(await world.app(role, user))
        .post(`/waivers/${waiver.id}/decision`)
        .send({ decision: 'approve', comment: 'until the release' });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject(body);
    });

    it('needs a signed-in user', async () => {
      const waiver = await requestWaiver();
      const res = await request(await world.app('platform', USERS.approver))
        .post(`/waivers/${waiver.id}/decision`)
        .set('Authorization', mockCredentials.none.header())
        .send({ decision: 'approve' });
      expect(res.status).toBe(401);
    });

    it('never lets the requester decide their own waiver, even as an approver', async () => {
      const res = await request(await world.app('platform', USERS.approver))
        .post('/waivers')
        .send(waiverBody());
      expect(res.status).toBe(201);
      const own = await request(await world.app('platform', USERS.approver))
        .post(`/waivers/${res.body.id}/decision`)
        .send({ decision: 'approve' });
      expect(own.status).toBe(403);
      expect(own.body.error.message).toContain(
        'another approver must decide it',
      );
      const waiver = await world.governance.getWaiver(res.body.id);
      expect(waiver.status).toBe('requested');
    });

    it('decides only requested waivers', async () => {
      const waiver = await requestWaiver();
      const approver = await world.app('platform', USERS.approver);
      await request(approver)
        .post(`/waivers/${waiver.id}/decision`)
        .send({ decision: 'reject', comment: 'fix it instead' })
        .expect(200);
      const again = await request(approver)
        .post(`/waivers/${waiver.id}/decision`)
        .send({ decision: 'approve' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('is rejected');
    });

    it('validates the decision and the id', async () => {
      const approver = await world.app('platform', USERS.approver);
      const waiver = await requestWaiver();
      const bad = await request(approver)
        .post(`/waivers/${waiver.id}/decision`)
        .send({ decision: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(
        "decision: expected 'approve' or 'reject'",
      );
      await request(approver)
        .post('/waivers/not-a-uuid/decision')
        .send({ decision: 'approve' })
        .expect(400);
      await request(approver)
        .post('/waivers/7b0f0a53-3c1c-4b55-8d0a-8f3c8d7d2a11/decision')
        .send({ decision: 'approve' })
        .expect(404);
    });
  });

  describe('POST /waivers/{id}/revoke', () => {
    const refused = {
      error: {
        message: expect.stringContaining(
          'only its requester or an approver may',
        ),
      },
    };
    it.each([
      ['owner', USERS.owner, 200, { status: 'revoked' }],
      ['platform', USERS.approver, 200, { status: 'revoked' }],
      ['owner', USERS.otherOwner, 403, refused],
      ['viewer', USERS.viewer, 403, refused],
      ['none', USERS.viewer, 403, refused],
    ])('answers %s (%s) with %p', async (role, user, status, body) => {
      const waiver = await requestWaiver();
      const res = await request(await world.app(role, user))
        .post(`/waivers/${waiver.id}/revoke`)
        .send({ comment: 'endpoint is live' });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject(body);
    });

    it('needs a signed-in user and refuses what is already over', async () => {
      const waiver = await requestWaiver();
      await request(await world.app('owner'))
        .post(`/waivers/${waiver.id}/revoke`)
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      await request(await world.app('owner'))
        .post(`/waivers/${waiver.id}/revoke`)
        .expect(200);
      const again = await request(await world.app('owner')).post(
        `/waivers/${waiver.id}/revoke`,
      );
      expect(again.status).toBe(409);
    });
  });

  describe('POST /attestations', () => {
    it.each([
      ['owner', USERS.owner, 201],
      ['platform', USERS.approver, 201],
      ['viewer', USERS.viewer, 403],
      ['none', USERS.viewer, 403],
    ])('answers %s with %p', async (role, user, status) => {
      const res = await request(await world.app(role, user))
        .post('/attestations')
        .send(attestationBody());
      expect(res.status).toBe(status);
    });

    it('needs a signed-in user', async () => {
      const res = await request(await world.app('platform'))
        .post('/attestations')
        .set('Authorization', mockCredentials.none.header())
        .send(attestationBody());
      expect(res.status).toBe(401);
    });

    it('defaults the expiry from config and attests only attestation and partial controls', async () => {
      const res = await request(await world.app('owner'))
        .post('/attestations')
        .send(attestationBody({ entityRef: undefined, accountId: ACCOUNT_A }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        controlId: 'AOAI-BCDR-004',
        scope: { type: 'account', resourceId: ACCOUNT_A },
        author: USERS.owner,
        createdAt: T0.toISOString(),
        expiresAt: inDays(365),
        status: 'active',
      });
      // a partial control
      await request(await world.app('owner'))
        .post('/attestations')
        .send(attestationBody({ controlId: 'AOAI-IAM-007' }))
        .expect(201);
      const automated = await request(await world.app('owner'))
        .post('/attestations')
        .send(attestationBody({ controlId: 'AOAI-NET-002' }));
      expect(automated.status).toBe(400);
      expect(automated.body.error.message).toContain(
        "AOAI-NET-002 is checked automatically from Azure (kind 'automated') and cannot be attested",
      );
      const badUrl = await request(await world.app('owner'))
        .post('/attestations')
        .send(
          attestationBody({ evidenceUrl: 'ftp://files.example.com/dr.pdf' }),
        );
      expect(badUrl.status).toBe(400);
      expect(badUrl.body.error.message).toContain('evidenceUrl');
      const past = await request(await world.app('owner'))
        .post('/attestations')
        .send(attestationBody({ expiresAt: inDays(-1) }));
      expect(past.status).toBe(400);
      expect(past.body.error.message).toContain('expiresAt');
    });
  });

  describe.each([['/waivers'], ['/attestations'], ['/governance/history']])(
    'GET %s',
    path => {
      beforeEach(async () => {
        await requestWaiver();
        await request(await world.app('owner'))
          .post('/attestations')
          .send(attestationBody({ entityRef: RESOURCE_A }))
          .expect(201);
      });

      it.each([
        ['owner', USERS.owner, 200],
        ['platform', USERS.approver, 200],
        ['viewer', USERS.viewer, 200],
        ['none', USERS.viewer, 403],
      ])('answers %s with %p', async (role, user, status) => {
        const res = await request(await world.app(role, user)).get(
          `${path}?entityRef=${encodeURIComponent(COMPONENT)}`,
        );
        expect(res.status).toBe(status);
        // the attestation is on the resource that links the component's account
        const count = path === '/governance/history' ? 2 : 1;
        expect(res.body.items?.length).toBe(status === 200 ? count : undefined);
      });

      it('needs credentials', async () => {
        const res = await request(await world.app('platform'))
          .get(path)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      });

      it('lists everything only for fleet readers', async () => {
        const res = await request(await world.app('none', USERS.viewer)).get(
          path,
        );
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          "filter by 'entityRef' or 'accountId'",
        );
        const all = await request(await world.app('viewer', USERS.viewer)).get(
          path,
        );
        expect(all.status).toBe(200);
        expect(all.body.items).toHaveLength(
          path === '/governance/history' ? 2 : 1,
        );
      });

      it('refuses both filters at once', async () => {
        const both = await request(await world.app('viewer', USERS.viewer)).get(
          `${path}?accountId=${encodeURIComponent(
            ACCOUNT_B,
          )}&entityRef=${COMPONENT}`,
        );
        expect(both.status).toBe(400);
        expect(both.body.error.message).toContain(
          "at most one of 'entityRef' and 'accountId'",
        );
      });
    },
  );

  it('covers an entity, its accounts and the resources that link them; an account, and the entities it belongs to', async () => {
    const onComponent = await requestWaiver();
    const onAccount = await requestWaiver(
      waiverBody({ entityRef: undefined, accountId: ACCOUNT_A }),
    );
    const server = await world.app('viewer', USERS.viewer);
    const ids = async (url: string) =>
      (await request(server).get(url)).body.items.map((i: any) => i.id);
    expect(
      (await ids(`/waivers?entityRef=${encodeURIComponent(COMPONENT)}`)).sort(),
    ).toEqual([onComponent.id, onAccount.id].sort());
    // the component's waiver applies to its account
    expect(
      (await ids(`/waivers?accountId=${accountIdFor(ACCOUNT_A)}`)).sort(),
    ).toEqual([onComponent.id, onAccount.id].sort());
    expect(
      await ids(`/waivers?accountId=${encodeURIComponent(ACCOUNT_B)}`),
    ).toEqual([]);
    const attestation = await request(await world.app('owner'))
      .post('/attestations')
      .send(attestationBody({ entityRef: RESOURCE_A }));
    for (const url of [
      `/attestations?entityRef=${encodeURIComponent(COMPONENT)}`,
      `/attestations?accountId=${encodeURIComponent(ACCOUNT_A)}`,
    ]) {
      expect(await ids(url)).toEqual([attestation.body.id]);
    }
  });

  it('filters waivers by status and control', async () => {
    const waiver = await requestWaiver();
    await requestWaiver(waiverBody({ controlId: 'AOAI-NET-001' }));
    const server = await world.app('viewer', USERS.viewer);
    const requested = await request(server).get(
      '/waivers?status=requested&controlId=AOAI-NET-002',
    );
    expect(requested.body.items.map((w: any) => w.id)).toEqual([waiver.id]);
    const bad = await request(server).get('/waivers?status=pending');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('status');
  });
});

describe('POST /waivers under concurrent requests on every database', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'creates one waiver and answers 409 naming it to the others, %p',
    async databaseId => {
      const world = await createGovernanceWorld(databases, { databaseId });
      try {
        const apps = await Promise.all(
          [USERS.owner, USERS.otherOwner, USERS.approver].map(user =>
            world.app('platform', user),
          ),
        );
        const answers = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            request(apps[i % apps.length])
              .post('/waivers')
              .send(waiverBody()),
          ),
        );
        const created = answers.filter(a => a.status === 201);
        expect(created).toHaveLength(1);
        const id = created[0].body.id;
        for (const answer of answers.filter(a => a.status !== 201)) {
          expect(answer.status).toBe(409);
          expect(answer.body.error.name).toBe('ConflictError');
          expect(answer.body.error.message).toContain(`Waiver ${id} `);
        }
        const listed = await request(apps[0]).get(
          `/waivers?entityRef=${encodeURIComponent(COMPONENT)}`,
        );
        expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([
          id,
        ]);
      } finally {
        await world.scans.waitForIdle();
      }
    },
  );
});

describe('GET /waivers?accountId= on every database', () => {
  const databases = createStoreTestDatabases();
  const SYSTEM = 'system:default/payments';
  const OTHER_COMPONENT = 'component:default/ledger';
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'team-a' },
      relations: [{ type: 'hasPart', targetRef: COMPONENT }],
    },
    {
      // depends on team B's account only
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'ledger', namespace: 'default' },
      spec: { type: 'service', owner: 'team-b', lifecycle: 'production' },
      relations: [{ type: 'dependsOn', targetRef: RESOURCE_B }],
    },
  ];

  it.each(databases.eachSupportedId())(
    'returns the waivers of the account and of every entity it belongs to (its resource, the component depending on it, the system containing that), %p',
    async databaseId => {
      const world = await createGovernanceWorld(databases, {
        databaseId,
        entities,
      });
      try {
        const owner = await world.app('platform', USERS.owner);
        const waive = async (
          scope: Record<string, string>,
          controlId: string,
        ) =>
          (
            await request(owner)
              .post('/waivers')
              .send(waiverBody({ entityRef: undefined, ...scope, controlId }))
              .expect(201)
          ).body.id as string;
        const onAccount = await waive({ accountId: ACCOUNT_A }, 'AOAI-NET-002');
        const onResource = await waive(
          { entityRef: RESOURCE_A },
          'AOAI-NET-001',
        );
        const onComponent = await waive(
          { entityRef: COMPONENT },
          'AOAI-LOG-007',
        );
        const onSystem = await waive({ entityRef: SYSTEM }, 'AOAI-IAM-002');
        const onOtherAccount = await waive(
          { accountId: ACCOUNT_B },
          'AOAI-NET-002',
        );
        const onOtherComponent = await waive(
          { entityRef: OTHER_COMPONENT },
          'AOAI-NET-001',
        );

        const viewer = await world.app('viewer', USERS.viewer);
        const ids = async (accountId: string, query = '') => {
          const res = await request(viewer).get(
            `/waivers?accountId=${encodeURIComponent(accountId)}${query}`,
          );
          expect(res.status).toBe(200);
          return (res.body.items as Array<{ id: string }>)
            .map(i => i.id)
            .sort();
        };
        expect(await ids(ACCOUNT_A)).toEqual(
          [onAccount, onResource, onComponent, onSystem].sort(),
        );
        // by opaque id, filtered by control, alike
        expect(
          await ids(accountIdFor(ACCOUNT_A), '&controlId=AOAI-LOG-007'),
        ).toEqual([onComponent]);
        expect(await ids(ACCOUNT_B)).toEqual(
          [onOtherAccount, onOtherComponent].sort(),
        );
      } finally {
        await world.scans.waitForIdle();
      }
    },
  );
});
