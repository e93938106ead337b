import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import express from 'express';
import request from 'supertest';
import type { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { EntityLinker } from '../linking/EntityLinker';
import { createRouter } from '../service/router';
import { createFakeCatalog } from '../testUtils/fakeCatalog';
import { fakePermissions, type FakeRule } from '../testUtils/fakePermissions';
import { evaluateFixture, testResourceId } from '../testUtils/fixtures';
import {
  createMigratedStore,
  createSqliteStore,
  createStoreTestDatabases,
} from '../__testUtils__/testDatabases';
import { CSV_COLUMNS, NOT_SCANNED } from './csv';
import { hostileEvaluation, storeAccount } from './__testUtils__/fixtures';
import { readExportItems } from './readExportItems';
import { registerExportRoutes } from './routes';
import type { GovernanceReader } from '../governance/GovernanceStore';
import Router from 'express-promise-router';
import { loadSarifValidator, parseCsv } from './__testUtils__/parsers';

jest.setTimeout(60_000);

const ANNOTATION = 'management.azure.com/resourceId';
const A = testResourceId('aoai-a');
const B = testResourceId('aoai-b');
const C = testResourceId('aoai-c');
const NEW = testResourceId('aoai-new');

const resource = (name: string, resourceId: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { [ANNOTATION]: resourceId },
  },
  spec: { type: 'azure-openai-account', owner },
});
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const ENTITIES: Entity[] = [
  resource('aoai-a', A, 'team-a'),
  resource('aoai-b', B, 'team-b'),
  resource('aoai-new', NEW, 'team-a'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [
      { type: 'dependsOn', targetRef: 'resource:default/aoai-a' },
      { type: 'dependsOn', targetRef: 'resource:default/aoai-new' },
    ],
  },
  group('team-a'),
  group('team-b'),
  group('empty-team'),
];

const EXPORT = 'azure-openai.export.read';
const POSTURE = 'azure-openai.posture.read';
const FLEET = 'azure-openai.fleet.read';
const ALL = { [EXPORT]: true, [POSTURE]: true, [FLEET]: true };

describe('export routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let store: DatabaseAuditStore;
  let linker: EntityLinker;

  beforeAll(async () => {
    store = await createSqliteStore(databases);
    await storeAccount(store, A, hostileEvaluation(), {
      owner: 'group:default/team-a',
      system: 'system:default/payments',
    });
    await storeAccount(store, B, evaluateFixture('pass-hardened'), {
      owner: 'group:default/team-b',
    });
    await storeAccount(store, C, undefined, { owner: 'group:default/team-a' });
    linker = EntityLinker.create({
      catalog: createFakeCatalog(ENTITIES),
      auth: mockServices.auth(),
    });
  });

  async function app(rules: Record<string, FakeRule>) {
    const unused = {} as never;
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: fakePermissions(rules),
      store,
      postures: unused,
      scans: unused,
      linker,
      goldenPathOptions: unused,
    });
    return express().use(router).use(mockErrorHandler());
  }

  describe('GET /exports/fleet', () => {
    it('streams every account × control as CSV in an attachment', async () => {
      const res = await request(await app(ALL)).get(
        '/exports/fleet?format=csv',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'text/csv; charset=utf-8; header=present',
      );
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="azure-openai-evidence-fleet-\d{8}T\d{6}Z\.csv"$/,
      );
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      const names = new Set(rows.slice(1).map(r => r[2]));
      expect(names).toEqual(new Set(['aoai-a', 'aoai-b', 'aoai-c']));
      expect(rows.slice(1).filter(r => r[10] === NOT_SCANNED)).toEqual([
        expect.arrayContaining([C, 'aoai-c', 'group:default/team-a']),
      ]);
    });

    it('answers JSON when no format is given', async () => {
      const res = await request(await app(ALL)).get('/exports/fleet');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      const body = JSON.parse(res.text);
      expect(body.scope).toEqual({ type: 'fleet' });
      expect(body.accounts.map((a: any) => a.resourceId)).toEqual([A, B, C]);
      expect(body.accounts[2].posture).toBeNull();
    });

    it('rejects an unknown format, naming the allowed ones', async () => {
      const res = await request(await app(ALL)).get(
        '/exports/fleet?format=xlsx',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain('format');
      expect(res.body.error.message).toContain('json, csv, sarif, md');
    });

    it('needs the export permission', async () => {
      const res = await request(
        await app({ [POSTURE]: true, [FLEET]: true }),
      ).get('/exports/fleet?format=csv');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('export');
    });

    it('needs fleet read', async () => {
      const res = await request(
        await app({ [EXPORT]: true, [POSTURE]: true }),
      ).get('/exports/fleet?format=csv');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('fleet');
    });

    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/exports/fleet?format=csv')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /exports/entities/:kind/:namespace/:name', () => {
    it('exports the accounts the entity depends on, including unscanned ones', async () => {
      const res = await request(
        await app({
          [EXPORT]: true,
          [POSTURE]: ref => ref === 'component:default/checkout',
        }),
      ).get('/exports/entities/component/default/checkout?format=json');
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        /filename="azure-openai-evidence-component-default-checkout-\d{8}T\d{6}Z\.json"/,
      );
      const body = JSON.parse(res.text);
      expect(body.scope).toEqual({
        type: 'entity',
        entityRef: 'component:default/checkout',
      });
      expect(
        body.accounts.map((a: any) => [
          a.resourceId,
          a.linkedBy,
          a.posture === null,
        ]),
      ).toEqual([
        [A, ['resource:default/aoai-a'], false],
        [NEW, ['resource:default/aoai-new'], true],
      ]);
      expect(body.accounts[0].posture.results).toEqual(
        JSON.parse(JSON.stringify(hostileEvaluation().results)),
      );
    });

    it('serves SARIF that validates against the SARIF 2.1.0 schema', async () => {
      const res = await request(await app(ALL)).get(
        '/exports/entities/component/default/checkout?format=sarif',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/sarif+json; charset=utf-8',
      );
      expect(res.headers['content-disposition']).toMatch(/\.sarif"$/);
      const log = JSON.parse(res.text);
      const validate = loadSarifValidator();
      expect(validate(log)).toBe(true);
      const located = new Set(
        log.runs[0].results.map(
          (r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName,
        ),
      );
      expect(located).toEqual(new Set([A]));
    });

    it('denies when the caller may not read the entity', async () => {
      const res = await request(
        await app({
          [EXPORT]: true,
          [FLEET]: true,
          [POSTURE]: ref => ref === 'component:default/other',
        }),
      ).get('/exports/entities/component/default/checkout?format=md');
      expect(res.status).toBe(403);
    });

    it('answers 404 for an unknown entity and 400 for a malformed one', async () => {
      const server = await app(ALL);
      const missing = await request(server).get(
        '/exports/entities/component/default/nope?format=md',
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('component:default/nope');
      const malformed = await request(server).get(
        '/exports/entities/com%20ponent/default/checkout?format=md',
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('kind');
    });

    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/exports/entities/component/default/checkout')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /exports/owners/:kind/:namespace/:name', () => {
    it("exports the owner's accounts as a Markdown evidence pack", async () => {
      const res = await request(await app(ALL)).get(
        '/exports/owners/group/default/team-a?format=md',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /filename="azure-openai-evidence-owner-group-default-team-a-\d{8}T\d{6}Z\.md"/,
      );
      expect(res.text).toContain('accounts owned by `group:default/team-a`');
      expect(res.text).toContain('## Account aoai-a');
      expect(res.text).toContain('## Account aoai-c');
      expect(res.text).not.toContain('## Account aoai-b');
      expect(res.text).toContain('### Waivers in force');
      expect(res.text).toContain('2 accounts in this pack.');
    });

    it('answers an empty export for a catalog group without accounts', async () => {
      const res = await request(await app(ALL)).get(
        '/exports/owners/group/default/empty-team?format=json',
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).accountCount).toBe(0);
    });

    it('answers 404 for an owner neither the catalog nor any account knows', async () => {
      const res = await request(await app(ALL)).get(
        '/exports/owners/group/default/nobody?format=csv',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('group:default/nobody');
    });

    it('rejects a kind that cannot own accounts', async () => {
      const res = await request(await app(ALL)).get(
        '/exports/owners/component/default/checkout?format=csv',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('group or user');
    });

    it('needs export and fleet read', async () => {
      const noExport = await request(
        await app({ [POSTURE]: true, [FLEET]: true }),
      ).get('/exports/owners/group/default/team-a?format=csv');
      expect(noExport.status).toBe(403);
      const noFleet = await request(
        await app({ [EXPORT]: true, [POSTURE]: true }),
      ).get('/exports/owners/group/default/team-a?format=csv');
      expect(noFleet.status).toBe(403);
    });

    it('needs authentication', async () => {
      const res = await request(await app(ALL))
        .get('/exports/owners/group/default/team-a')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });
});

describe('evidence pack with the governance store', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lists the waivers and attestations in force for each account, including entity-scoped ones', async () => {
    const store = await createSqliteStore(databases);
    await storeAccount(store, A, evaluateFixture('fail-insecure'));
    await storeAccount(store, B, evaluateFixture('fail-insecure'));
    const calls: unknown[] = [];
    const governance: GovernanceReader = {
      listExpiring: async () => ({ waivers: [], attestations: [] }),
      listInForce: async options => {
        calls.push(options);
        return {
          waivers: [
            {
              id: 'w1',
              controlId: 'AOAI-NET-001',
              scope: { type: 'account', resourceId: A.toUpperCase() },
              reason: 'Private endpoint lands in Q3',
              riskAccepted: 'Public endpoint behind IP rules',
              compensatingControl: 'IP allowlist of the office',
              expiresAt: '2027-01-31T00:00:00.000Z',
              status: 'approved',
              requestedBy: 'user:default/owner',
              requestedAt: '2026-11-01T00:00:00.000Z',
              decidedBy: 'user:default/platform-lead',
              decidedAt: '2026-11-02T00:00:00.000Z',
            },
            {
              id: 'w2',
              controlId: 'AOAI-NET-002',
              scope: { type: 'account', resourceId: B },
              reason: 'Belongs to another account',
              riskAccepted: '-',
              compensatingControl: '-',
              expiresAt: '2027-01-31T00:00:00.000Z',
              status: 'approved',
              requestedBy: 'user:default/other',
              requestedAt: '2026-11-01T00:00:00.000Z',
            },
          ],
          attestations: [
            {
              id: 'a1',
              controlId: 'AOAI-RES-001',
              scope: { type: 'entity', entityRef: 'resource:default/aoai-a' },
              statement: 'DR drill passed',
              evidenceUrl: 'https://wiki.example/dr',
              author: 'user:default/owner',
              createdAt: '2026-10-01T00:00:00.000Z',
              expiresAt: '2027-10-01T00:00:00.000Z',
              status: 'active',
            },
          ],
        };
      },
    };
    const router = Router();
    registerExportRoutes(router, {
      httpAuth: mockServices.httpAuth(),
      permissions: fakePermissions(ALL),
      store,
      linker: EntityLinker.create({
        catalog: createFakeCatalog(ENTITIES),
        auth: mockServices.auth(),
      }),
      governance,
    });
    const server = express().use(router).use(mockErrorHandler());
    const res = await request(server).get(
      '/exports/entities/component/default/checkout?format=md',
    );
    expect(res.status).toBe(200);
    expect(calls).toEqual([
      {
        resourceIds: [A, NEW],
        entityRefs: ['resource:default/aoai-a', 'resource:default/aoai-new'],
      },
    ]);
    const section = res.text.slice(
      res.text.indexOf('## Account aoai-a'),
      res.text.indexOf('## Account aoai-new'),
    );
    expect(section).toContain(
      '| AOAI-NET-001 | this account | user:default/platform-lead | 2026-11-02T00:00:00.000Z | 2027-01-31T00:00:00.000Z | Private endpoint lands in Q3 | Public endpoint behind IP rules | IP allowlist of the office |',
    );
    expect(section).toContain(
      '| AOAI-RES-001 | resource:default/aoai-a | user:default/owner | 2026-10-01T00:00:00.000Z | 2027-10-01T00:00:00.000Z | DR drill passed | https://wiki.example/dr |',
    );
    expect(res.text).not.toContain('Belongs to another account');

    // Other formats do not read the governance store.
    await request(server).get('/exports/fleet?format=csv');
    expect(calls).toHaveLength(1);
  });
});

describe('readExportItems', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'pages through the store in ARM id order without gaps or repeats, %p',
    async databaseId => {
      const { store } = await createMigratedStore(databases, databaseId);
      const evaluation = evaluateFixture('fail-insecure');
      const names = ['e', 'B', 'a', 'd', 'C'].map(n => `aoai-${n}`);
      for (const [i, name] of names.entries()) {
        await storeAccount(
          store,
          testResourceId(name),
          i % 2 === 0 ? evaluation : undefined,
          { owner: i < 3 ? 'group:default/Team-A' : 'group:default/team-b' },
        );
      }
      const read = async (selection: Parameters<typeof readExportItems>[1]) => {
        const out = [];
        for await (const item of readExportItems(store, selection, 2)) {
          out.push(item);
        }
        return out;
      };
      const fleet = await read({ type: 'fleet' });
      expect(fleet.map(i => i.account!.name)).toEqual([
        'aoai-a',
        'aoai-B',
        'aoai-C',
        'aoai-d',
        'aoai-e',
      ]);
      const withPosture = fleet
        .filter(i => i.posture)
        .map(i => i.account!.name);
      expect(withPosture.sort()).toEqual(['aoai-a', 'aoai-C', 'aoai-e'].sort());
      expect(fleet.find(i => i.posture)!.posture!.results).toEqual(
        JSON.parse(JSON.stringify(evaluation.results)),
      );

      const owned = await read({
        type: 'owner',
        ownerRef: 'group:default/team-a',
      });
      expect(owned.map(i => i.account!.name)).toEqual([
        'aoai-a',
        'aoai-B',
        'aoai-e',
      ]);
    },
  );
});
