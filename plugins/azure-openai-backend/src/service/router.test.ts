import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import express from 'express';
import request from 'supertest';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { accountIdFor } from '../database/armId';
import { EntityLinker } from '../linking/EntityLinker';
import { ScanService } from '../scan/ScanService';
import { createFakeCatalog } from '../testUtils/fakeCatalog';
import { fakePermissions, type FakeRule } from '../testUtils/fakePermissions';
import { createRecordingAuditor } from '../testUtils/fakeAuditor';
import { testAuditConfig } from '../testUtils/testAuditConfig';
import { createSqliteStore } from '../__testUtils__/testDatabases';
import {
  evaluateFixture,
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from '../testUtils/fixtures';
import { goldenPathOptions } from '@pavedai/plugin-azure-openai-common';
import { createRouter } from './router';
import { PostureService } from './PostureService';

jest.setTimeout(60_000);

const ANNOTATION = 'management.azure.com/resourceId';
const GOOD = testResourceId('aoai-good');
const BAD = testResourceId('aoai-bad');
const UNCLAIMED = testResourceId('aoai-unclaimed');

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-good',
      namespace: 'default',
      annotations: { [ANNOTATION]: GOOD },
    },
    spec: { type: 'azure-openai-account', owner: 'team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-bad',
      namespace: 'default',
      annotations: { [ANNOTATION]: BAD },
    },
    spec: { type: 'azure-openai-account', owner: 'team-b' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [
      { type: 'dependsOn', targetRef: 'resource:default/aoai-good' },
      { type: 'dependsOn', targetRef: 'resource:default/aoai-new' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-new',
      namespace: 'default',
      annotations: { [ANNOTATION]: testResourceId('aoai-new') },
    },
    spec: { type: 'azure-openai-account', owner: 'team-a' },
  },
];

for (const [name, parent] of [
  ['platform', undefined],
  ['team-a', 'platform'],
  ['team-b', 'platform'],
]) {
  ENTITIES.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: name!, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  });
}

const POSTURE = 'azure-openai.posture.read';
const FLEET = 'azure-openai.fleet.read';
const SCAN = 'azure-openai.scan.create';
const GOLDEN_PATH = 'azure-openai.golden-path.read';

const GOLDEN_PATH_POLICY = {
  allowedSubscriptionIds: ['3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02'],
  allowedRegions: ['swedencentral'],
  allowedDeploymentSkus: ['GlobalStandard', 'DataZoneStandard', 'Standard'],
  dataResidency: 'data-zone' as const,
  allowedDataZones: ['EU'],
  approvedModels: [{ name: 'gpt-4.1', versions: ['2025-04-14'] }],
  capacityCaps: { Standard: 50 },
};

describe('createRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let store: DatabaseAuditStore;
  let scans: ScanService;
  let linker: EntityLinker;
  let postures: PostureService;

  beforeAll(async () => {
    store = await createSqliteStore(databases);
    const sources = new FakeSources();
    sources.add('aoai-good', loadEvidence('pass-hardened').input);
    sources.add('aoai-bad', loadEvidence('fail-insecure').input);
    sources.add('aoai-unclaimed', loadEvidence('na-minimal').input, {
      tags: { 'backstage.io-owner': 'team-c' },
    });
    const catalog = createFakeCatalog(ENTITIES);
    linker = EntityLinker.create({ catalog, auth: mockServices.auth() });
    postures = PostureService.create({ store, linker });
    scans = ScanService.create({
      store,
      accountSource: sources,
      evidenceSource: sources,
      policySource: { getPolicy: async () => TEST_POLICY },
      loadClaims: () => linker.loadAccountClaims(),
      logger: mockServices.logger.mock(),
      auditor: createRecordingAuditor(),
      config: testAuditConfig(),
    });
    await scans.runScheduledScan();
  });

  async function app(rules: Record<string, FakeRule>) {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: fakePermissions(rules),
      store,
      postures,
      scans,
      linker,
      goldenPathOptions: async () =>
        goldenPathOptions(GOLDEN_PATH_POLICY, 'test-version'),
    });
    return express().use(router).use(mockErrorHandler());
  }

  const ALL = { [POSTURE]: true, [FLEET]: true, [SCAN]: true };
  const NONE = {};

  describe('GET /controls', () => {
    it('lists the control catalog without functions', async () => {
      const res = await request(await app({ [POSTURE]: () => true })).get(
        '/controls',
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(40);
      expect(res.body.items[0]).toMatchObject({
        id: expect.stringMatching(/^AOAI-/),
        remediation: expect.any(Object),
      });
    });
    it('denies without posture read', async () => {
      expect((await request(await app(NONE)).get('/controls')).status).toBe(
        403,
      );
    });
    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/controls')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /entities/:kind/:namespace/:name/posture', () => {
    it('aggregates the accounts the entity depends on', async () => {
      const res = await request(
        await app({ [POSTURE]: ref => ref === 'component:default/checkout' }),
      ).get('/entities/component/default/checkout/posture');
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/checkout');
      expect(res.body.aggregate.grade).toBe(
        evaluateFixture('pass-hardened').score.grade,
      );
      expect(res.body.accounts).toHaveLength(1);
      expect(res.body.accounts[0].account.resourceId).toBe(GOOD);
      expect(res.body.accounts[0].linkedBy).toEqual([
        'resource:default/aoai-good',
      ]);
      expect(res.body.accounts[0].posture.results.length).toBeGreaterThan(40);
      expect(res.body.unscanned).toEqual([
        {
          resourceId: testResourceId('aoai-new'),
          linkedBy: ['resource:default/aoai-new'],
        },
      ]);
    });
    it('denies when the policy denies this entity', async () => {
      const res = await request(
        await app({ [POSTURE]: ref => ref === 'component:default/other' }),
      ).get('/entities/component/default/checkout/posture');
      expect(res.status).toBe(403);
    });
    it('rejects a malformed entity reference', async () => {
      const res = await request(await app(ALL)).get(
        '/entities/com%20ponent/default/checkout/posture',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('kind');
    });
    it('answers 404 for an unknown entity', async () => {
      expect(
        (
          await request(await app(ALL)).get(
            '/entities/component/default/nope/posture',
          )
        ).status,
      ).toBe(404);
    });
    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/entities/component/default/checkout/posture')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /accounts/:accountId/posture', () => {
    it('returns the latest posture with evidence by URL-encoded ARM id and by opaque id', async () => {
      const server = await app({ [FLEET]: true });
      const byArm = await request(server).get(
        `/accounts/${encodeURIComponent(BAD)}/posture`,
      );
      expect(byArm.status).toBe(200);
      expect(byArm.body.account.resourceId).toBe(BAD);
      expect(byArm.body.posture.grade).toBe(
        evaluateFixture('fail-insecure').score.grade,
      );
      expect(
        byArm.body.posture.results.some((r: any) => r.evidence.length > 0),
      ).toBe(true);
      const byId = await request(server).get(
        `/accounts/${accountIdFor(BAD)}/posture`,
      );
      expect(byId.body).toEqual(byArm.body);
    });
    it('allows posture read through the entity that claims the account', async () => {
      const server = await app({
        [POSTURE]: ref => ref === 'resource:default/aoai-good',
      });
      expect(
        (
          await request(server).get(
            `/accounts/${encodeURIComponent(GOOD)}/posture`,
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await request(server).get(
            `/accounts/${encodeURIComponent(BAD)}/posture`,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await request(server).get(
            `/accounts/${encodeURIComponent(UNCLAIMED)}/posture`,
          )
        ).status,
      ).toBe(403);
    });
    it('denies without fleet or posture read', async () => {
      expect(
        (
          await request(await app(NONE)).get(
            `/accounts/${accountIdFor(GOOD)}/posture`,
          )
        ).status,
      ).toBe(403);
    });
    it('rejects an id that is neither opaque nor an account ARM id', async () => {
      const res = await request(await app(ALL)).get(
        `/accounts/${encodeURIComponent(
          '/subscriptions/x/resourceGroups/y',
        )}/posture`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('accountId');
    });
    it('answers 404 for an unknown account', async () => {
      const server = await app(ALL);
      expect(
        (
          await request(server).get(
            `/accounts/${encodeURIComponent(testResourceId('ghost'))}/posture`,
          )
        ).status,
      ).toBe(404);
      expect(
        (await request(server).get(`/accounts/${'0'.repeat(32)}/posture`))
          .status,
      ).toBe(404);
    });
    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get(`/accounts/${accountIdFor(GOOD)}/posture`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /accounts/:accountId/history', () => {
    it('lists results newest first', async () => {
      const res = await request(await app({ [FLEET]: true })).get(
        `/accounts/${accountIdFor(GOOD)}/history?limit=5`,
      );
      expect(res.status).toBe(200);
      expect(res.body.account.resourceId).toBe(GOOD);
      expect(res.body.items.length).toBeGreaterThanOrEqual(1);
      expect(res.body.items[0]).not.toHaveProperty('results');
    });
    it('rejects a bad limit, naming it', async () => {
      const res = await request(await app(ALL)).get(
        `/accounts/${accountIdFor(GOOD)}/history?limit=0`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('limit');
      const before = await request(await app(ALL)).get(
        `/accounts/${accountIdFor(GOOD)}/history?before=yesterday`,
      );
      expect(before.status).toBe(400);
      expect(before.body.error.message).toContain('before');
    });
    it('denies without permission', async () => {
      expect(
        (
          await request(await app(NONE)).get(
            `/accounts/${accountIdFor(GOOD)}/history`,
          )
        ).status,
      ).toBe(403);
    });
    it('answers 404 for an unknown account', async () => {
      expect(
        (
          await request(await app(ALL)).get(
            `/accounts/${encodeURIComponent(testResourceId('ghost'))}/history`,
          )
        ).status,
      ).toBe(404);
    });
    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get(`/accounts/${accountIdFor(GOOD)}/history`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /fleet', () => {
    it('filters, sorts and pages', async () => {
      const server = await app({ [FLEET]: true });
      const first = await request(server).get(
        '/fleet?sort=name&order=asc&limit=2',
      );
      expect(first.status).toBe(200);
      expect(first.body.totalCount).toBe(3);
      expect(first.body.items.map((i: any) => i.account.name)).toEqual([
        'aoai-bad',
        'aoai-good',
      ]);
      const second = await request(server).get(
        `/fleet?sort=name&order=asc&limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((i: any) => i.account.name)).toEqual([
        'aoai-unclaimed',
      ]);
      expect(second.body.nextCursor).toBeUndefined();
      const owned = await request(server).get(
        '/fleet?owner=group:default/team-c',
      );
      expect(owned.body.items.map((i: any) => i.account.name)).toEqual([
        'aoai-unclaimed',
      ]);
      const grade = evaluateFixture('fail-insecure').score.grade;
      const graded = await request(server).get(
        `/fleet?grade=${grade}&severity=critical`,
      );
      expect(graded.body.items.map((i: any) => i.account.name)).toEqual([
        'aoai-bad',
      ]);
    });
    it('lists discovered accounts without a result as never scanned', async () => {
      const server = await app({ [FLEET]: true });
      await store.createScan({
        id: 'discovery-only',
        trigger: 'schedule',
        target: { type: 'fleet' },
        createdAt: new Date(),
      });
      await store.upsertAccount({
        resourceId: testResourceId('aoai-new'),
        location: 'westeurope',
        seenAt: new Date(),
        scanId: 'discovery-only',
      });
      const all = await request(server).get('/fleet?sort=score&order=asc');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(4);
      // never-scanned accounts sort below every score
      expect(all.body.items[0]).toEqual({
        account: expect.objectContaining({ name: 'aoai-new' }),
        scanState: 'never-scanned',
      });
      expect(
        all.body.items.slice(1).map((i: any) => [i.scanState, typeof i.latest]),
      ).toEqual([
        ['scanned', 'object'],
        ['scanned', 'object'],
        ['scanned', 'object'],
      ]);
      const never = await request(server).get('/fleet?scanState=never-scanned');
      expect(never.body.items.map((i: any) => i.account.name)).toEqual([
        'aoai-new',
      ]);
      const scanned = await request(server).get('/fleet?scanState=scanned');
      expect(scanned.body.totalCount).toBe(3);
      const bad = await request(server).get('/fleet?scanState=maybe');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('scanState');
      const graded = await request(server).get('/fleet?grade=A,B,C,D,F');
      expect(graded.body.items.map((i: any) => i.account.name)).not.toContain(
        'aoai-new',
      );
    });
    it('rejects bad filters, naming the field', async () => {
      const server = await app(ALL);
      const grade = await request(server).get('/fleet?grade=A,Z');
      expect(grade.status).toBe(400);
      expect(grade.body.error.message).toContain('grade');
      const sort = await request(server).get('/fleet?sort=owner');
      expect(sort.status).toBe(400);
      expect(sort.body.error.message).toContain('sort');
      const cursor = await request(server).get('/fleet?cursor=garbage');
      expect(cursor.status).toBe(400);
      expect(cursor.body.error.message).toContain('cursor');
    });
    it('denies without fleet read', async () => {
      expect(
        (await request(await app({ [POSTURE]: true })).get('/fleet')).status,
      ).toBe(403);
    });
    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/fleet')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /golden-path/options', () => {
    it('serves the choices of the policy, SKUs filtered by data residency', async () => {
      const res = await request(await app({ [GOLDEN_PATH]: true })).get(
        '/golden-path/options',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        subscriptions: ['3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02'],
        regions: ['swedencentral'],
        models: [{ name: 'gpt-4.1', versions: ['2025-04-14'] }],
        deploymentSkus: ['DataZoneStandard', 'Standard'],
        capacityCaps: { Standard: 50 },
        dataResidency: 'data-zone',
        allowedDataZones: ['EU'],
        requiresCustomerManagedKey: true,
        policyVersion: 'test-version',
      });
      expect(
        res.body.contentFilterProfiles.map((p: { name: string }) => p.name),
      ).toEqual(['standard', 'strict']);
    });
    it('denies without golden-path read', async () => {
      expect(
        (await request(await app(ALL)).get('/golden-path/options')).status,
      ).toBe(403);
    });
    it('needs authentication', async () => {
      const res = await request(await app({ [GOLDEN_PATH]: true }))
        .get('/golden-path/options')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /fleet/summary', () => {
    it('rolls up by owner, system and control', async () => {
      const res = await request(await app({ [FLEET]: true })).get(
        '/fleet/summary',
      );
      expect(res.status).toBe(200);
      expect(res.body.total.accountCount).toBe(3);
      expect(res.body.byOwner.map((o: any) => o.owner)).toEqual([
        'group:default/team-a',
        'group:default/team-b',
        'group:default/team-c',
      ]);
      expect(res.body.byControl.length).toBeGreaterThan(0);
      expect(
        res.body.byOwnerNested.find(
          (o: any) => o.owner === 'group:default/platform',
        ),
      ).toMatchObject({
        accountCount: 2,
        descendantOwners: ['group:default/team-a', 'group:default/team-b'],
      });
    });
    it('denies without fleet read', async () => {
      expect(
        (await request(await app(NONE)).get('/fleet/summary')).status,
      ).toBe(403);
    });
    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/fleet/summary')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('POST /scans and GET /scans/:scanId', () => {
    it('accepts a scan of an entity and reports its progress', async () => {
      const server = await app({
        [SCAN]: ref => ref === 'component:default/checkout',
        [POSTURE]: () => true,
      });
      const res = await request(server)
        .post('/scans')
        .send({ entityRef: 'component:default/checkout' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        status: 'queued',
        trigger: 'manual',
        requestedBy: 'user:default/mock',
      });
      expect(res.body.target).toEqual({
        type: 'accounts',
        entityRef: 'component:default/checkout',
        resourceIds: [GOOD, testResourceId('aoai-new')],
      });
      await scans.waitForIdle();
      const progress = await request(server).get(`/scans/${res.body.id}`);
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({
        status: 'completed',
        accountsTotal: 2,
        accountsDone: 1,
        accountsFailed: 1,
        regressions: [],
      });
    });
    it('accepts a scan of one account', async () => {
      const res = await request(await app({ [FLEET]: true, [SCAN]: true }))
        .post('/scans')
        .send({ accountId: accountIdFor(BAD) });
      expect(res.status).toBe(202);
      expect(res.body.target).toEqual({ type: 'accounts', resourceIds: [BAD] });
      await scans.waitForIdle();
    });
    it('rejects bad bodies, naming the field', async () => {
      const server = await app(ALL);
      const both = await request(server)
        .post('/scans')
        .send({
          entityRef: 'component:default/checkout',
          accountId: accountIdFor(BAD),
        });
      expect(both.status).toBe(400);
      expect(both.body.error.message).toContain('exactly one');
      const bad = await request(server)
        .post('/scans')
        .send({ accountId: 'nope' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('accountId');
      const ref = await request(server)
        .post('/scans')
        .send({ entityRef: 'a:b:c:d' });
      expect(ref.status).toBe(400);
      expect(ref.body.error.message).toContain('entityRef');
      const extra = await request(server)
        .post('/scans')
        .send({ entityRef: 'component:default/checkout', force: true });
      expect(extra.status).toBe(400);
    });
    it('denies without scan permission', async () => {
      const server = await app({
        [FLEET]: true,
        [POSTURE]: true,
        [SCAN]: ref => ref === 'component:default/other',
      });
      expect(
        (
          await request(server)
            .post('/scans')
            .send({ entityRef: 'component:default/checkout' })
        ).status,
      ).toBe(403);
      expect(
        (
          await request(server)
            .post('/scans')
            .send({ accountId: accountIdFor(GOOD) })
        ).status,
      ).toBe(403);
      expect(
        (await request(server).post('/scans').send({ accountId: UNCLAIMED }))
          .status,
      ).toBe(403);
    });
    it('answers 404 for unknown entities, accounts and scans', async () => {
      const server = await app(ALL);
      expect(
        (
          await request(server)
            .post('/scans')
            .send({ entityRef: 'component:default/nope' })
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server)
            .post('/scans')
            .send({ accountId: '0'.repeat(32) })
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server).get(
            '/scans/6f1c1f3e-1c0e-4c5b-9d5b-2f1d7c8b9a00',
          )
        ).status,
      ).toBe(404);
    });
    it('rejects a malformed scan id', async () => {
      const res = await request(await app(ALL)).get('/scans/not-a-uuid');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('scanId');
    });
    it("denies reading someone else's scan without fleet read", async () => {
      const mine = await request(await app(ALL))
        .post('/scans')
        .send({ accountId: accountIdFor(GOOD) });
      await scans.waitForIdle();
      const server = await app({ [POSTURE]: () => false });
      const res = await request(server)
        .get(`/scans/${mine.body.id}`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/someone-else'),
        );
      expect(res.status).toBe(403);
      expect((await request(server).get(`/scans/${mine.body.id}`)).status).toBe(
        200,
      );
    });
    it('needs authentication', async () => {
      const server = await app(ALL);
      expect(
        (
          await request(server)
            .post('/scans')
            .set('Authorization', mockCredentials.none.header())
            .send({ accountId: accountIdFor(GOOD) })
        ).status,
      ).toBe(401);
      expect(
        (
          await request(server)
            .get('/scans/6f1c1f3e-1c0e-4c5b-9d5b-2f1d7c8b9a00')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    });
  });
});
