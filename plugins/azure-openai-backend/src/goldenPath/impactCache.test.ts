import { TestDatabases } from '@backstage/backend-test-utils';
import {
  computePolicyImpact,
  type GoldenPathImpact,
  type GoldenPathPolicy,
  type PolicyImpactGovernance,
} from '@pavedai/plugin-azure-openai-common';
import type express from 'express';
import request from 'supertest';
import type { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import {
  loadEvidence,
  testResourceId,
  TEST_POLICY,
} from '../testUtils/fixtures';
import { fakePermissions } from '../testUtils/fakePermissions';
import {
  createSeededFleet,
  SEED_FIXTURES as FIXTURES,
  SEED_SCAN as SCAN,
  SEED_TIME as NOW,
} from './__testUtils__/seededFleet';
import type { DatabaseGoldenPathStore } from './DatabaseGoldenPathStore';
import { pageOf, PolicyImpactCache } from './impactCache';

jest.setTimeout(60_000);

/** Drops westeurope and asks for one more tag: many accounts change. */
const CANDIDATE: GoldenPathPolicy = {
  ...TEST_POLICY,
  allowedRegions: ['swedencentral'],
  requiredTags: [...(TEST_POLICY.requiredTags ?? []), 'cost-owner'],
};

describe('POST /golden-path/impact pages from one evaluation', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  let store: DatabaseAuditStore;
  let goldenPath: DatabaseGoldenPathStore;
  let evaluations: number;
  let governance: PolicyImpactGovernance & { version?: string };
  let app: express.Express;

  beforeEach(async () => {
    evaluations = 0;
    governance = { version: 'g1', forAccount: () => ({}) };
    ({ store, goldenPath, app } = await createSeededFleet({
      databases,
      size: 30,
      permissions: fakePermissions({ 'azure-openai.fleet.read': true }),
      goldenPath: {
        currentPolicy: async () => TEST_POLICY,
        withAuditOverrides: p => p,
        governance: async () => governance,
        now: () => NOW,
        impactCache: new PolicyImpactCache({
          compute: options => {
            evaluations += 1;
            return computePolicyImpact(options);
          },
        }),
      },
    }));
  });

  /** Every page of the impact, following nextCursor. */
  async function allPages(limit: number): Promise<GoldenPathImpact[]> {
    const pages: GoldenPathImpact[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(app)
        .post(
          `/golden-path/impact?limit=${limit}${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        )
        .send({ policy: CANDIDATE });
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.nextCursor;
    } while (cursor);
    return pages;
  }

  it('evaluates the fleet once for every page and answers what a single evaluation answers', async () => {
    const pages = await allPages(4);
    expect(evaluations).toBe(1);

    // What the fleet evaluated in one go (no cache, every changed account) answers.
    const whole = await computePolicyImpact({
      evidence: goldenPath,
      currentPolicy: TEST_POLICY,
      candidatePolicy: CANDIDATE,
      currentPolicyVersion: pages[0].currentPolicyVersion,
      candidatePolicyVersion: pages[0].candidatePolicyVersion,
      governance,
      now: NOW,
      limit: 1000,
    });
    expect(whole.accountsChanged).toBeGreaterThan(8);
    expect(pages).toHaveLength(Math.ceil(whole.accountsChanged / 4));
    expect(pages.flatMap(p => p.accounts)).toEqual(whole.accounts);
    const { accounts: _a, nextCursor: _c, ...summary } = whole;
    for (const page of pages) {
      const { accounts, nextCursor: _n, ...rest } = page;
      expect(rest).toEqual(summary);
      expect(accounts.length).toBeLessThanOrEqual(4);
    }
  });

  it('evaluates again when a scan stores new evidence, ownership changes or governance changes', async () => {
    await allPages(10);
    expect(evaluations).toBe(1);

    // a new collection of one account
    const [first] = await goldenPath.listEvidencePage({ limit: 1 });
    await goldenPath.saveEvidence({
      accountId: first.account.id,
      resourceId: first.account.resourceId,
      scanId: '1c8e2d3f-4a5b-4c6d-9e7f-8091a2b3c4d5',
      collectedAt: new Date(NOW.getTime() + 60_000),
      input: loadEvidence('fail-insecure').input,
    });
    await allPages(10);
    expect(evaluations).toBe(2);

    // an account changes owner
    await store.upsertAccount({
      resourceId: first.account.resourceId,
      owner: 'group:default/team-new',
      seenAt: NOW,
      scanId: SCAN,
    });
    const moved = await allPages(10);
    expect(evaluations).toBe(3);
    expect(moved[0].byOwner.map(o => o.owner)).toContain(
      'group:default/team-new',
    );

    // a waiver approved
    governance = { ...governance, version: 'g2' };
    await allPages(10);
    expect(evaluations).toBe(4);

    // another candidate
    await request(app)
      .post('/golden-path/impact')
      .send({ policy: { ...CANDIDATE, requiredTags: ['owner'] } });
    expect(evaluations).toBe(5);
  });

  it('shares one evaluation between concurrent requests for the same preview', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        request(app).post('/golden-path/impact').send({ policy: CANDIDATE }),
      ),
    );
    expect(answers.map(a => a.status)).toEqual([200, 200, 200]);
    expect(evaluations).toBe(1);
  });

  it('evaluates every page when the governance has no version to tell a stale answer', async () => {
    governance = { forAccount: () => ({}) };
    const pages = await allPages(4);
    expect(evaluations).toBe(0); // the cache was bypassed: computePolicyImpact ran per page
    expect(pages.length).toBeGreaterThan(2);
  });
});

describe('PolicyImpactCache', () => {
  const evidence = Array.from({ length: 9 }, (_, i) => ({
    account: {
      id: `id-${i}`,
      resourceId: testResourceId(`aoai-${i}`),
      name: `aoai-${i}`,
    },
    input: loadEvidence(FIXTURES[i % FIXTURES.length]).input,
  }));
  const evaluation = {
    evidence: {
      listEvidencePage: async ({
        after,
        limit,
      }: {
        after?: string;
        limit: number;
      }) =>
        evidence
          .filter(
            e =>
              after === undefined ||
              e.account.resourceId.toLowerCase() > after.toLowerCase(),
          )
          .slice(0, limit),
      countAccountsWithoutEvidence: async () => 2,
    },
    currentPolicy: TEST_POLICY,
    candidatePolicy: CANDIDATE,
    currentPolicyVersion: 'current',
    candidatePolicyVersion: 'candidate',
    now: NOW,
  };

  it.each([
    [undefined, 1],
    [undefined, 2],
    [undefined, 100],
    [testResourceId('aoai-0'), 2],
    [testResourceId('AOAI-3'), 1],
    [testResourceId('aoai-8'), 5],
    [testResourceId('aoai-99'), 3],
  ])(
    'pages exactly as computePolicyImpact does (after %p, limit %p)',
    async (after, limit) => {
      const cache = new PolicyImpactCache();
      const direct = await computePolicyImpact({
        ...evaluation,
        after,
        limit,
        pageSize: 4,
      });
      expect(await cache.page('k', evaluation, { after, limit })).toEqual(
        direct,
      );
    },
  );

  it('forgets evaluations after their time and beyond its bounds, and never keeps a failure', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const cache = new PolicyImpactCache({
      ttlMs: 1000,
      maxEntries: 2,
      clock: () => now,
      compute: async options => {
        calls += 1;
        if (fail) throw new Error('database gone');
        return computePolicyImpact(options);
      },
    });
    const page = { limit: 10 };
    await cache.page('a', evaluation, page);
    await cache.page('a', evaluation, page);
    expect(calls).toBe(1);
    now = 1000;
    await cache.page('a', evaluation, page);
    expect(calls).toBe(2);

    await cache.page('b', evaluation, page);
    await cache.page('c', evaluation, page);
    expect(cache.size).toBe(2);
    await cache.page('a', evaluation, page); // 'a' was the least recently used
    expect(calls).toBe(5);

    fail = true;
    await expect(cache.page('d', evaluation, page)).rejects.toThrow(
      'database gone',
    );
    fail = false;
    await cache.page('d', evaluation, page);
    expect(calls).toBe(7);
  });

  it('bounds the changed accounts it holds', async () => {
    let calls = 0;
    const cache = new PolicyImpactCache({
      maxAccounts: 1,
      compute: async options => {
        calls += 1;
        return computePolicyImpact(options);
      },
    });
    await cache.page('a', evaluation, { limit: 1 });
    expect(cache.size).toBe(0);
    await cache.page('a', evaluation, { limit: 1 });
    expect(calls).toBe(2);
  });

  it('gives an empty page after the last changed account', () => {
    const impact = pageOf(
      {
        summary: {} as GoldenPathImpact,
        accounts: [{ resourceId: 'b' } as GoldenPathImpact['accounts'][0]],
      },
      { after: 'B', limit: 5 },
    );
    expect(impact.accounts).toEqual([]);
    expect(impact.nextCursor).toBeUndefined();
  });
});
