import type { AccountEvaluation } from '@pavedai/plugin-azure-openai-common';
import { evaluateFixture, testResourceId } from '../testUtils/fixtures';
import {
  createMigratedStore,
  createStoreTestDatabases,
  type StoreTestDatabaseId,
} from '../__testUtils__/testDatabases';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { accountIdFor } from './armId';

jest.setTimeout(60_000);

const PASS = evaluateFixture('pass-hardened');
const FAIL = evaluateFixture('fail-insecure');

function resultInput(
  scanId: string,
  accountId: string,
  evaluation: AccountEvaluation,
  evaluatedAt: Date,
) {
  return {
    scanId,
    accountId,
    evaluatedAt,
    status: 'ok' as const,
    score: evaluation.score.score,
    grade: evaluation.score.grade,
    capped: evaluation.score.capped,
    earnedWeight: evaluation.score.earnedWeight,
    scoredWeight: evaluation.score.scoredWeight,
    counts: { ...evaluation.score.counts },
    results: evaluation.results,
  };
}

describe('DatabaseAuditStore', () => {
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
    expect(databases.supports('SQLITE_3')).toBe(true);
  });

  function createStore(databaseId: StoreTestDatabaseId) {
    return createMigratedStore(databases, databaseId);
  }

  /** An account called `name` seen by scan `scanId` at `seenAt`, nothing else known. */
  function seeAccount(
    store: DatabaseAuditStore,
    name: string,
    seenAt: Date,
    scanId: string,
  ) {
    return store.upsertAccount({
      resourceId: testResourceId(name),
      seenAt,
      scanId,
    });
  }

  async function seedScan(store: DatabaseAuditStore, id: string, at: Date) {
    return store.createScan({
      id,
      trigger: 'schedule',
      target: { type: 'fleet' },
      createdAt: at,
    });
  }

  /** A store with scans `s1` at `t1` (2026-01-01) and `s2` at `t2` (2026-01-02). */
  async function createStoreWithTwoScans(databaseId: StoreTestDatabaseId) {
    const { store } = await createStore(databaseId);
    const t1 = new Date('2026-01-01T00:00:00Z');
    const t2 = new Date('2026-01-02T00:00:00Z');
    await seedScan(store, 's1', t1);
    await seedScan(store, 's2', t2);
    return { store, t1, t2 };
  }

  it.each(databases.eachSupportedId())(
    'upserts accounts by case-insensitive ARM id and keeps first-seen, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seedScan(store, 's1', new Date('2026-01-01T00:00:00Z'));
      const id = testResourceId('aoai-one');
      const first = await store.upsertAccount({
        resourceId: id,
        location: 'westeurope',
        kind: 'OpenAI',
        tags: { 'backstage.io-owner': 'team-a' },
        owner: 'group:default/team-a',
        seenAt: new Date('2026-01-01T00:00:00Z'),
        scanId: 's1',
      });
      expect(first).toMatchObject({
        id: accountIdFor(id),
        resourceId: id,
        subscriptionId: '00000000-0000-4000-8000-000000000001',
        resourceGroup: 'rg-ai',
        name: 'aoai-one',
        location: 'westeurope',
        kind: 'OpenAI',
        tags: { 'backstage.io-owner': 'team-a' },
        owner: 'group:default/team-a',
        deleted: false,
        firstSeenAt: '2026-01-01T00:00:00.000Z',
      });
      const second = await store.upsertAccount({
        resourceId: id
          .toUpperCase()
          .replace('/SUBSCRIPTIONS', '/subscriptions'),
        location: 'swedencentral',
        seenAt: new Date('2026-01-02T00:00:00Z'),
        scanId: 's1',
      });
      expect(second.id).toBe(first.id);
      expect(second.firstSeenAt).toBe('2026-01-01T00:00:00.000Z');
      expect(second.lastSeenAt).toBe('2026-01-02T00:00:00.000Z');
      expect(second.location).toBe('swedencentral');
      expect(await store.getAccount(id)).toEqual(second);
      expect(await store.getAccount(first.id)).toEqual(second);
      expect(await store.getAccount(testResourceId('missing'))).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps stored metadata the new sighting does not know, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const t0 = new Date('2026-01-01T00:00:00Z');
      await seedScan(store, 's1', t0);
      const id = testResourceId('aoai-keep');
      await store.upsertAccount({
        resourceId: id,
        location: 'westeurope',
        kind: 'OpenAI',
        tags: { 'backstage.io-owner': 'team-a' },
        owner: 'group:default/team-a',
        system: 'system:default/pay',
        seenAt: t0,
        scanId: 's1',
      });
      const unknown = await store.upsertAccount({
        resourceId: id,
        seenAt: t0,
        scanId: 's1',
      });
      expect(unknown).toMatchObject({
        location: 'westeurope',
        kind: 'OpenAI',
        tags: { 'backstage.io-owner': 'team-a' },
        owner: 'group:default/team-a',
        system: 'system:default/pay',
      });
      const untagged = await store.upsertAccount({
        resourceId: id,
        tags: {},
        seenAt: t0,
        scanId: 's1',
      });
      expect(untagged.tags).toEqual({});
      expect(untagged.owner).toBeUndefined();
      expect(untagged.system).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'marks accounts a fleet scan did not see as deleted and revives them, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const t0 = new Date('2026-01-01T00:00:00Z');
      await seedScan(store, 's1', t0);
      await seedScan(store, 's2', t0);
      const a = await seeAccount(store, 'a', t0, 's1');
      const b = await seeAccount(store, 'b', t0, 's1');
      await seeAccount(store, 'a', t0, 's2');
      expect(await store.markUnseenAccountsDeleted('s2', t0)).toBe(1);
      expect((await store.getAccount(b.id))?.deleted).toBe(true);
      expect((await store.getAccount(a.id))?.deleted).toBe(false);
      const revived = await seeAccount(store, 'b', t0, 's2');
      expect(revived.deleted).toBe(false);
      expect(revived.deletedAt).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'tracks scan progress, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const scan = await store.createScan({
        id: 'scan-1',
        trigger: 'manual',
        requestedBy: 'user:default/alice',
        target: {
          type: 'accounts',
          resourceIds: [testResourceId('a')],
          entityRef: 'component:default/x',
        },
        createdAt: new Date('2026-01-01T00:00:00Z'),
      });
      expect(scan).toMatchObject({
        status: 'queued',
        accountsTotal: 0,
        requestedBy: 'user:default/alice',
      });
      await store.updateScan('scan-1', {
        status: 'running',
        startedAt: new Date('2026-01-01T00:00:01Z'),
      });
      await store.incrementScanProgress('scan-1', { total: 3 });
      await store.incrementScanProgress('scan-1', { done: 1, failed: 1 });
      await store.incrementScanProgress('scan-1', { done: 1 });
      expect(await store.getScan('scan-1')).toMatchObject({
        status: 'running',
        startedAt: '2026-01-01T00:00:01.000Z',
        accountsTotal: 3,
        accountsDone: 2,
        accountsFailed: 1,
        target: { type: 'accounts', entityRef: 'component:default/x' },
      });
      expect(await store.getScan('nope')).toBeUndefined();
      expect(
        await store.failStaleScans(
          new Date('2026-01-02T00:00:00Z'),
          'backend restarted',
        ),
      ).toBe(1);
      expect(await store.getScan('scan-1')).toMatchObject({
        status: 'failed',
        error: 'backend restarted',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'stores results, keeps the latest and the history, %p',
    async databaseId => {
      const { store, t1, t2 } = await createStoreWithTwoScans(databaseId);
      const account = await seeAccount(store, 'a', t1, 's1');
      await store.saveResult(resultInput('s1', account.id, PASS, t1));
      const second = await store.saveResult({
        ...resultInput('s2', account.id, FAIL, t2),
        diff: {
          previousResultId: '1',
          previousScore: PASS.score.score,
          previousGrade: PASS.score.grade,
          gradeRegressed: true,
          regressions: [
            { controlId: 'AOAI-IAM-001', from: 'pass', to: 'fail' },
          ],
          improvements: [],
        },
      });
      const latest = await store.getLatest(account.id);
      expect(latest?.resultId).toBe(second.resultId);
      expect(latest?.grade).toBe(FAIL.score.grade);
      expect(latest?.score).toBe(FAIL.score.score);
      expect(latest?.results).toHaveLength(FAIL.results.length);
      expect(latest?.results[0].evidence).toEqual(
        JSON.parse(JSON.stringify(FAIL.results[0].evidence)),
      );
      expect(latest?.counts.fail).toBe(FAIL.score.counts.fail);

      const history = await store.listHistory(account.id, { limit: 10 });
      expect(history.map(h => h.scanId)).toEqual(['s2', 's1']);
      expect(history[0].diff?.gradeRegressed).toBe(true);
      expect(
        await store.listHistory(account.id, { limit: 10, before: t2 }),
      ).toHaveLength(1);

      const regressions = await store.listScanRegressions('s2');
      expect(regressions).toEqual([
        expect.objectContaining({
          accountId: account.id,
          resourceId: testResourceId('a'),
        }),
      ]);
      expect(await store.listScanRegressions('s1')).toEqual([]);

      const byIds = await store.getLatestByResourceIds([
        testResourceId('a'),
        testResourceId('unknown'),
      ]);
      expect(byIds).toHaveLength(1);
      expect(byIds[0].posture.resultId).toBe(second.resultId);
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes history by age and count but never the latest result, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const days = [1, 2, 3, 4].map(d => new Date(Date.UTC(2026, 0, d)));
      const account = await (async () => {
        await seedScan(store, 's0', days[0]);
        return seeAccount(store, 'a', days[0], 's0');
      })();
      for (const [i, day] of days.entries()) {
        if (i > 0) await seedScan(store, `s${i}`, day);
        await store.saveResult(resultInput(`s${i}`, account.id, PASS, day));
      }
      for (const i of [0, 1, 2, 3]) {
        await store.updateScan(`s${i}`, { status: 'completed' });
      }
      expect(await store.pruneHistory({ maxPerAccount: 3 })).toBe(1);
      expect(
        (await store.listHistory(account.id, { limit: 10 })).map(h => h.scanId),
      ).toEqual(['s3', 's2', 's1']);
      expect(
        await store.pruneHistory({ olderThan: new Date(Date.UTC(2027, 0, 1)) }),
      ).toBe(2);
      const left = await store.listHistory(account.id, { limit: 10 });
      expect(left.map(h => h.scanId)).toEqual(['s3']);
      expect((await store.getLatest(account.id))?.scanId).toBe('s3');
      expect(await store.getScan('s0')).toBeUndefined();
      expect(await store.getScan('s3')).toBeDefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'prunes only the accounts of one scan when asked, and fails stale scans by trigger, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const days = [1, 2, 3].map(d => new Date(Date.UTC(2026, 0, d)));
      for (const [i, day] of days.entries()) {
        await store.createScan({
          id: `s${i}`,
          trigger: i === 2 ? 'manual' : 'schedule',
          target: { type: 'fleet' },
          createdAt: day,
        });
      }
      const a = await seeAccount(store, 'a', days[0], 's0');
      const b = await seeAccount(store, 'b', days[0], 's0');
      for (const [i, day] of days.entries()) {
        await store.saveResult(resultInput(`s${i}`, a.id, PASS, day));
        if (i < 2)
          await store.saveResult(resultInput(`s${i}`, b.id, PASS, day));
      }
      // s2 scanned only a: pruning scoped to s2 leaves b alone
      expect(await store.pruneHistory({ maxPerAccount: 1, scanId: 's2' })).toBe(
        2,
      );
      expect(await store.listHistory(a.id, { limit: 10 })).toHaveLength(1);
      expect(await store.listHistory(b.id, { limit: 10 })).toHaveLength(2);

      // only manual scans are failed when the trigger is given
      expect(
        await store.failStaleScans(
          new Date(Date.UTC(2026, 1, 1)),
          'stale',
          'manual',
        ),
      ).toBe(1);
      expect((await store.getScan('s2'))?.status).toBe('failed');
      expect((await store.getScan('s0'))?.status).toBe('queued');
    },
  );

  it.each(databases.eachSupportedId())(
    'lists accounts without a stored result as never scanned, pages through them on every sort, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const t = new Date('2026-01-01T00:00:00Z');
      await seedScan(store, 's1', t);
      for (const [name, evaluation] of [
        ['alpha', PASS],
        ['bravo', undefined],
        ['charlie', FAIL],
        ['delta', undefined],
        ['echo', PASS],
      ] as const) {
        const account = await seeAccount(store, name, t, 's1');
        if (evaluation) {
          await store.saveResult(resultInput('s1', account.id, evaluation, t));
        }
      }
      for (const sort of ['score', 'grade', 'name', 'evaluatedAt'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await store.listFleet({
              sort,
              order,
              limit: 2,
              cursor,
            });
            expect(page.totalCount).toBe(5);
            seen.push(...page.items.map(i => i.account.name));
            cursor = page.nextCursor;
          } while (cursor);
          expect([sort, order, [...seen].sort()]).toEqual([
            sort,
            order,
            ['alpha', 'bravo', 'charlie', 'delta', 'echo'],
          ]);
        }
      }
      const byScore = await store.listFleet({
        sort: 'score',
        order: 'asc',
        limit: 10,
      });
      expect(byScore.items.slice(0, 2).map(i => i.account.name)).toEqual([
        'bravo',
        'delta',
      ]);
      expect(byScore.items[0]).toEqual({
        account: expect.objectContaining({ name: 'bravo' }),
        scanState: 'never-scanned',
      });
      expect(byScore.items[2].scanState).toBe('scanned');
      const byGrade = await store.listFleet({
        sort: 'grade',
        order: 'asc',
        limit: 10,
      });
      expect(byGrade.items.slice(3).map(i => i.scanState)).toEqual([
        'never-scanned',
        'never-scanned',
      ]);
      const never = await store.listFleet({
        scanState: 'never-scanned',
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(never.items.map(i => i.account.name)).toEqual(['bravo', 'delta']);
      const scanned = await store.listFleet({
        scanState: 'scanned',
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(scanned.items.map(i => i.account.name)).toEqual([
        'alpha',
        'charlie',
        'echo',
      ]);
      const graded = await store.listFleet({
        grades: ['A', 'B', 'C', 'D', 'F'],
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(graded.totalCount).toBe(3);
    },
  );

  /** `evaluation`'s results with the given controls set to the given statuses, all others pass. */
  function withStatuses(
    evaluation: AccountEvaluation,
    statuses: Record<string, 'fail' | 'unknown' | 'pass'>,
  ) {
    return {
      ...resultInput('s1', '', evaluation, new Date(0)),
      results: evaluation.results.map(r => ({
        ...r,
        status: statuses[r.controlId] ?? 'pass',
      })),
    };
  }

  it.each(databases.eachSupportedId())(
    'counts the failing controls of the latest posture per severity in the fleet, %p',
    async databaseId => {
      const { store, t1, t2 } = await createStoreWithTwoScans(databaseId);
      const bySeverity = (severity: string) =>
        PASS.results.filter(r => r.severity === severity).map(r => r.controlId);
      const [crit1, crit2] = bySeverity('critical');
      const [high1, high2] = bySeverity('high');
      const [medium1] = bySeverity('medium');
      expect([crit1, crit2, high1, high2, medium1]).not.toContain(undefined);

      const upsert = (name: string, scanId: string, at: Date) =>
        seeAccount(store, name, at, scanId);
      const mixed = await upsert('alpha', 's1', t1);
      await store.saveResult({
        ...withStatuses(PASS, {
          [crit1]: 'fail',
          [crit2]: 'fail',
          [high1]: 'fail',
          [high2]: 'unknown',
          [medium1]: 'fail',
        }),
        scanId: 's1',
        accountId: mixed.id,
        evaluatedAt: t1,
      });
      const insecure = await upsert('bravo', 's1', t1);
      await store.saveResult(resultInput('s1', insecure.id, FAIL, t1));
      const clean = await upsert('charlie', 's1', t1);
      await store.saveResult({
        ...withStatuses(PASS, {}),
        scanId: 's1',
        accountId: clean.id,
        evaluatedAt: t1,
      });
      await upsert('delta', 's1', t1);

      const list = async () => {
        const page = await store.listFleet({
          sort: 'name',
          order: 'asc',
          limit: 10,
        });
        return Object.fromEntries(
          page.items.map(i => [i.account.name, i.latest]),
        );
      };
      const first = await list();
      expect(first.alpha).toMatchObject({
        failingCount: 4,
        unknownCount: 1,
        failingBySeverity: { critical: 2, high: 1, medium: 1, low: 0 },
      });
      const failing = FAIL.results.filter(r => r.status === 'fail');
      const count = (severity: string) =>
        failing.filter(r => r.severity === severity).length;
      expect(count('critical')).toBeGreaterThan(0);
      expect(first.bravo?.failingBySeverity).toEqual({
        critical: count('critical'),
        high: count('high'),
        medium: count('medium'),
        low: count('low'),
      });
      expect(first.bravo?.failingCount).toBe(failing.length);
      expect(first.charlie?.failingCount).toBe(0);
      expect(first.charlie?.failingBySeverity).toEqual({
        critical: 0,
        high: 0,
        medium: 0,
        low: 0,
      });
      expect(first.delta).toBeUndefined();

      // a new result replaces the counts: only the latest posture counts
      await store.saveResult({
        ...withStatuses(PASS, { [high2]: 'fail', [crit1]: 'unknown' }),
        scanId: 's2',
        accountId: mixed.id,
        evaluatedAt: t2,
      });
      const second = await list();
      expect(second.alpha).toMatchObject({
        failingCount: 1,
        unknownCount: 1,
        failingBySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
      });
      expect(second.bravo?.failingBySeverity).toEqual(
        first.bravo?.failingBySeverity,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'reads the severity counts of a whole fleet page with a fixed number of queries, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const t = new Date('2026-01-01T00:00:00Z');
      await seedScan(store, 's1', t);
      const queriesFor = async (limit: number) => {
        let queries = 0;
        const onQuery = () => {
          queries += 1;
        };
        knex.on('query', onQuery);
        try {
          const page = await store.listFleet({
            sort: 'name',
            order: 'asc',
            limit,
          });
          expect(page.items).toHaveLength(limit);
          for (const item of page.items) {
            expect(item.latest?.failingBySeverity.critical).toBeGreaterThan(0);
          }
        } finally {
          knex.removeListener('query', onQuery);
        }
        return queries;
      };
      for (let i = 0; i < 6; i++) {
        const account = await seeAccount(store, `aoai-${i}`, t, 's1');
        await store.saveResult(resultInput('s1', account.id, FAIL, t));
      }
      const small = await queriesFor(1);
      const large = await queriesFor(6);
      expect(large).toBe(small);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the fleet with filters, sorting and cursor paging in the database, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const t = new Date('2026-01-01T00:00:00Z');
      await seedScan(store, 's1', t);
      const evaluations = [
        ['alpha', PASS, 'group:default/team-a', 'system:default/pay'],
        ['bravo', FAIL, 'group:default/team-a', 'system:default/pay'],
        ['charlie', FAIL, 'group:default/team-b', undefined],
        ['delta', PASS, undefined, undefined],
        ['echo', PASS, 'group:default/team-b', 'system:default/pay'],
      ] as const;
      for (const [name, evaluation, owner, system] of evaluations) {
        const account = await store.upsertAccount({
          resourceId: testResourceId(
            name,
            name === 'echo'
              ? '00000000-0000-4000-8000-000000000002'
              : undefined,
          ),
          owner,
          system,
          seenAt: t,
          scanId: 's1',
        });
        await store.saveResult(resultInput('s1', account.id, evaluation, t));
      }
      const all = await store.listFleet({
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(all.items.map(i => i.account.name)).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
        'echo',
      ]);
      expect(all.totalCount).toBe(5);
      expect(all.nextCursor).toBeUndefined();

      const owned = await store.listFleet({
        owner: 'group:default/team-a',
        sort: 'name',
        order: 'desc',
        limit: 10,
      });
      expect(owned.items.map(i => i.account.name)).toEqual(['bravo', 'alpha']);

      const failing = FAIL.results.find(
        r => r.status === 'fail' && r.severity === 'critical',
      )!;
      const byControl = await store.listFleet({
        failingControl: failing.controlId,
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(byControl.items.map(i => i.account.name)).toEqual([
        'bravo',
        'charlie',
      ]);
      const bySeverity = await store.listFleet({
        severity: 'critical',
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(bySeverity.items.map(i => i.account.name)).toEqual([
        'bravo',
        'charlie',
      ]);
      const byGrade = await store.listFleet({
        grades: [PASS.score.grade],
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(byGrade.items.map(i => i.account.name)).toEqual([
        'alpha',
        'delta',
        'echo',
      ]);
      const bySub = await store.listFleet({
        subscriptionId: '00000000-0000-4000-8000-000000000002',
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(bySub.items.map(i => i.account.name)).toEqual(['echo']);
      const bySystem = await store.listFleet({
        system: 'system:default/pay',
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(bySystem.totalCount).toBe(3);

      // score ascending with ties, paged two at a time
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await store.listFleet({
          sort: 'score',
          order: 'asc',
          limit: 2,
          cursor,
        });
        seen.push(...page.items.map(item => item.account.name));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect(seen.slice(0, 2).sort()).toEqual(['bravo', 'charlie']);
      await expect(
        store.listFleet({
          sort: 'name',
          order: 'asc',
          limit: 2,
          cursor: (
            await store.listFleet({ sort: 'score', order: 'asc', limit: 2 })
          ).nextCursor,
        }),
      ).rejects.toMatchObject({ name: 'InputError' });

      const summary = await store.getFleetSummary();
      expect(summary.total.accountCount).toBe(5);
      expect(summary.total.worstGrade).toBe(FAIL.score.grade);
      const teamA = summary.byOwner.find(
        o => o.owner === 'group:default/team-a',
      )!;
      expect(teamA.accountCount).toBe(2);
      expect(teamA.grades[FAIL.score.grade]).toBe(1);
      expect(teamA.score).toBeCloseTo(
        (100 * (PASS.score.earnedWeight + FAIL.score.earnedWeight)) /
          (PASS.score.scoredWeight + FAIL.score.scoredWeight),
        0,
      );
      expect(summary.byOwner.find(o => o.owner === null)?.accountCount).toBe(1);
      expect(
        summary.bySystem.find(s => s.system === 'system:default/pay')
          ?.accountCount,
      ).toBe(3);
      expect(
        summary.byControl.find(c => c.controlId === failing.controlId),
      ).toMatchObject({ failing: 2, severity: 'critical' });

      // deleted accounts leave the fleet unless asked for
      await seedScan(store, 's2', t);
      await seeAccount(store, 'alpha', t, 's2');
      await store.markUnseenAccountsDeleted('s2', t);
      expect(
        (
          await store.listFleet({ sort: 'name', order: 'asc', limit: 10 })
        ).items.map(i => i.account.name),
      ).toEqual(['alpha']);
      expect(
        (
          await store.listFleet({
            sort: 'name',
            order: 'asc',
            limit: 10,
            includeDeleted: true,
          })
        ).totalCount,
      ).toBe(5);
    },
  );
});
