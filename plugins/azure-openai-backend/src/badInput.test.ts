import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { azureOpenAIPlugin } from './plugin';
import { createFakeCatalog } from './testUtils/fakeCatalog';
import { fakeSourcesModule } from './testUtils/sourcesModule';
import {
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from './testUtils/fixtures';

/**
 * A generated corpus of malformed requests to every route of the plugin: each must get a 4xx
 * with a message (never a 5xx or a stack trace), and nothing stored may change.
 */

jest.setTimeout(180_000);

const GOOD = testResourceId('aoai-good');
const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-good',
      namespace: 'default',
      annotations: { 'management.azure.com/resourceId': GOOD },
    },
    spec: { type: 'azure-openai-account', owner: 'team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [{ type: 'dependsOn', targetRef: 'resource:default/aoai-good' }],
  },
];

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Path segments no route accepts as an entity ref part, account id or record id. */
const BAD_SEGMENTS = [
  '..',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'a'.repeat(5000),
  '%F0%9F%92%A3',
  'Ω≈ç√∫',
  '%E2%80%AE',
  '<script>alert(1)<%2Fscript>',
  "'%20OR%201=1--",
  '%20',
  'https:%2F%2Fevil.example%2Fsubscriptions%2Fx',
  '%2Fsubscriptions%2F..%2F..%2Fproviders',
  '%2Fsubscriptions%2Fnot-a-guid%2FresourceGroups%2Frg%2Fproviders%2FMicrosoft.CognitiveServices%2Faccounts%2Fa',
  '%252e%252e',
  '\u0000',
  '0x41',
  '-1',
  'null',
  'undefined',
];

const NOT_TEXT: unknown[] = [null, 42, true, [], ['a'], {}, { $ne: null }];
const TEXT: unknown[] = [...NOT_TEXT, '', '   ', 'x'.repeat(20_000)];
const REF: unknown[] = [
  ...NOT_TEXT,
  '',
  'component:default/',
  'not a ref!',
  '../../etc/passwd',
  'x'.repeat(20_000),
];
const ACCOUNT: unknown[] = [
  ...NOT_TEXT,
  '',
  '../../etc/passwd',
  'https://evil.example/subscriptions/x',
  '/subscriptions/../../providers',
];
const DATE: unknown[] = [
  ...NOT_TEXT,
  '',
  'tomorrow',
  '2026-13-45T99:99:99Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
];

/** Per write route: a valid body and, per field, values that must be refused. */
const WRITES: Record<
  string,
  { base: Record<string, unknown>; bad: Record<string, unknown[]> }
> = {
  scans: {
    base: {},
    bad: { entityRef: REF, accountId: ACCOUNT },
  },
  waivers: {
    base: {
      controlId: 'AOAI-NET-002',
      entityRef: 'component:default/checkout',
      reason: 'r',
      riskAccepted: 'r',
      compensatingControl: 'c',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
    bad: {
      controlId: [...TEXT, 'AOAI-NOPE-999'],
      entityRef: REF,
      accountId: ACCOUNT,
      reason: TEXT,
      riskAccepted: TEXT,
      compensatingControl: TEXT,
      expiresAt: DATE,
    },
  },
  decision: {
    base: { decision: 'approve' },
    bad: { decision: [...TEXT, 'maybe'], comment: NOT_TEXT },
  },
  attestations: {
    base: {
      controlId: 'AOAI-GOV-004',
      entityRef: 'component:default/checkout',
      statement: 's',
      evidenceUrl: 'https://example.com/evidence',
    },
    bad: {
      controlId: [...TEXT, 'AOAI-NOPE-999', 'AOAI-NET-002'],
      entityRef: REF,
      statement: TEXT,
      evidenceUrl: [
        ...TEXT,
        ['java', 'script:alert(1)'].join(''),
        'not a url',
        'ftp://x',
      ],
      expiresAt: DATE,
    },
  },
};

/** Golden-path policies a platform engineer could paste into the impact preview by mistake. */
const BAD_POLICY_YAML: unknown[] = [
  ...NOT_TEXT,
  '',
  'allowedRegions: [swedencentral',
  'allowedRegions: swedencentral',
  'allowedRegion: [swedencentral]',
  'azureOpenAI: { goldenPath: { allowedRegions: 42 } }',
  '- just\n- a list',
  'capacityCaps: { Standard: -5 }',
  'approvedModels: [{ versions: ["1"] }]',
  '!!js/function "function () { return 1 }"',
  // a billion laughs: aliases that would expand to 9^9 nodes
  [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdefghi'
      .split('')
      .map(
        (n, i) =>
          `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`,
      ),
    'allowedRegions: *i',
  ].join('\n'),
  `allowedRegions: [${Array(60_000).fill('r').join(',')}]`,
];
const BAD_POLICY_OBJECT: unknown[] = [
  ...NOT_TEXT.filter(v => typeof v !== 'object' || v === null),
  'allowedRegions: [x]',
  { allowedRegions: 'swedencentral' },
  { allowedRegion: ['swedencentral'] },
  { capacityCaps: { Standard: 'lots' } },
  { approvedModels: [{ name: 42 }] },
  { allowedRegions: [{}] },
];

/** A body of `route` with one or two fields broken (or no object at all). */
function brokenBody(route: keyof typeof WRITES, next: () => number): unknown {
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(next() * list.length)];
  const { base, bad } = WRITES[route];
  const shape = next();
  if (shape < 0.1) return pick([null, 42, 'x', [], [base]]);
  const body: Record<string, unknown> = { ...base };
  const fields = Object.keys(bad);
  const first = pick(fields);
  body[first] = pick(bad[first]);
  if (shape > 0.6) {
    const second = pick(fields);
    body[second] = pick(bad[second]);
  }
  if (route === 'scans' && Object.keys(body).length === 0) {
    body.entityRef = pick(REF);
  }
  return body;
}

interface Probe {
  method: 'get' | 'post';
  path: string;
  body?: unknown;
  raw?: string;
}

function corpus(): Probe[] {
  const next = random(20261128);
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(next() * list.length)];
  const probes: Probe[] = [];
  const seg = () => pick(BAD_SEGMENTS);
  const query = () =>
    pick([
      'limit=-1',
      'limit=abc',
      'limit=100000000',
      'offset=-5',
      'cursor=%%%',
      'cursor=eyJub3QiOiJhIGN1cnNvciJ9',
      'sort=DROP%20TABLE',
      'grade=Z',
      'grade[]=A&grade[]=B',
      'owner=not%20a%20ref',
      'status=maybe',
      'format=exe',
      'format=',
      'entityRef=component:default/',
      'accountId=..%2F..',
      'controlId=%00',
      `owner=${'x'.repeat(3000)}`,
    ]);
  for (let i = 0; i < 46; i++) {
    probes.push(
      { method: 'get', path: `/entities/${seg()}/default/checkout/posture` },
      { method: 'get', path: `/entities/component/${seg()}/${seg()}/posture` },
      { method: 'get', path: `/accounts/${seg()}/posture` },
      { method: 'get', path: `/accounts/${seg()}/history?${query()}` },
      { method: 'get', path: `/fleet?${query()}` },
      { method: 'get', path: `/fleet/summary?${query()}` },
      { method: 'get', path: `/scans/${seg()}` },
      { method: 'post', path: '/scans', body: brokenBody('scans', next) },
      { method: 'post', path: '/waivers', body: brokenBody('waivers', next) },
      { method: 'get', path: `/waivers?${query()}` },
      {
        method: 'post',
        path: `/waivers/${seg()}/decision`,
        body: brokenBody('decision', next),
      },
      { method: 'post', path: `/waivers/${seg()}/revoke`, body: {} },
      {
        method: 'post',
        path: '/attestations',
        body: brokenBody('attestations', next),
      },
      { method: 'get', path: `/attestations?${query()}` },
      { method: 'get', path: `/governance/history?${query()}` },
      { method: 'get', path: `/exports/fleet?${query()}` },
      {
        method: 'get',
        path: `/exports/entities/${seg()}/default/${seg()}?format=csv`,
      },
      {
        method: 'get',
        path: `/exports/owners/${seg()}/default/${seg()}?format=md`,
      },
      { method: 'get', path: `/controls?${query()}` },
      { method: 'get', path: `/golden-path/options?${query()}` },
      { method: 'get', path: `/golden-path/policy?${query()}` },
      { method: 'get', path: `/accounts/${seg()}/drift` },
      { method: 'get', path: `/accounts/${seg()}/golden-path/inputs` },
      {
        method: 'post',
        path: `/golden-path/impact?${pick([
          '',
          'format=exe',
          'limit=-1',
          'cursor=%%%',
        ])}`,
        body: pick<unknown>([
          { policyYaml: pick(BAD_POLICY_YAML) },
          { policy: pick(BAD_POLICY_OBJECT) },
          { policyYaml: 'allowedRegions: [swedencentral]', policy: {} },
          {},
          pick(NOT_TEXT),
        ]),
      },
      {
        method: 'post',
        path: '/waivers',
        raw: pick(['{', '{"a":', 'null', '[]', '"x"', '\u0000']),
      },
      {
        method: 'post',
        path: '/attestations',
        raw: `{"statement":"${'y'.repeat(300_000)}"}`,
      },
      { method: 'post', path: '/scans', raw: '{"entityRef": {"$gt": ""}}' },
      {
        method: 'post',
        path: '/golden-path/impact',
        raw: '{"policy": {"__proto__": {"polluted": true}, "allowedRegions": 1}}',
      },
    );
  }
  return probes;
}

describe('bad input to every route', () => {
  it('answers a generated corpus of 1,288 malformed requests with 4xx and a message, and stores nothing', async () => {
    const sources = new FakeSources();
    sources.add('aoai-good', loadEvidence('pass-hardened').input);
    const { server } = await startTestBackend({
      features: [
        azureOpenAIPlugin,
        fakeSourcesModule(sources, TEST_POLICY),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => createFakeCatalog(ENTITIES),
        }),
        mockServices.scheduler.mock({ async scheduleTask() {} }).factory,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const api = (path: string) => `/api/azure-openai${path}`;
    const snapshot = async () =>
      Promise.all(
        ['/waivers', '/attestations', '/governance/history', '/fleet'].map(
          async p => (await request(server).get(api(p))).body,
        ),
      );
    const before = await snapshot();

    const probes = corpus();
    expect(probes.length).toBe(1288);
    const failures: string[] = [];
    for (const probe of probes) {
      let req =
        probe.method === 'get'
          ? request(server).get(api(probe.path))
          : request(server).post(api(probe.path));
      if (probe.raw !== undefined) {
        req = req.set('Content-Type', 'application/json').send(probe.raw);
      } else if (probe.body !== undefined) {
        req = req
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(probe.body));
      }
      const res = await req;
      const message = res.body?.error?.message;
      const where = `${probe.method.toUpperCase()} ${probe.path.slice(0, 120)}`;
      if (res.status >= 500) {
        failures.push(`${where} answered ${res.status}: ${message}`);
      } else if (
        res.status >= 400 &&
        (typeof message !== 'string' || !message)
      ) {
        failures.push(`${where} answered ${res.status} without a message`);
      } else if (typeof message === 'string' && /\n\s+at /.test(message)) {
        failures.push(`${where} leaked a stack trace`);
      } else if (res.status < 400 && probe.method === 'post') {
        failures.push(`${where} accepted a malformed body (${res.status})`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
