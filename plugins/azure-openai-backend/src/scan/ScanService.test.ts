import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { accountIdFor } from '../database/armId';
import { DEFAULT_SCAN_SCHEDULE, type AuditConfig } from '../config';
import {
  evaluateFixture,
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from '../testUtils/fixtures';
import { createRecordingAuditor } from '../testUtils/fakeAuditor';
import { testAuditConfig } from '../testUtils/testAuditConfig';
import { requestGatedScanOfTwo } from '../testUtils/gatedScan';
import { createSqliteStore } from '../__testUtils__/testDatabases';
import type { AccountClaim } from '../linking/EntityLinker';
import { ScanService } from './ScanService';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-28T12:00:00Z');

describe('ScanService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    options: {
      config?: Partial<AuditConfig>;
      claims?: Map<string, AccountClaim>;
      loadClaims?: () => Promise<Map<string, AccountClaim>>;
    } = {},
  ) {
    const store = await createSqliteStore(databases);
    const sources = new FakeSources();
    const auditor = createRecordingAuditor();
    let clock = NOW.getTime();
    const service = ScanService.create({
      store,
      accountSource: sources,
      evidenceSource: sources,
      policySource: { getPolicy: async () => TEST_POLICY },
      loadClaims:
        options.loadClaims ?? (async () => options.claims ?? new Map()),
      logger: mockServices.logger.mock(),
      auditor,
      config: testAuditConfig(options.config),
      now: () => new Date((clock += 1000)),
    });
    return { store, sources, auditor, service };
  }

  it('scans the fleet, stores each posture and survives a failing account', async () => {
    const { store, sources, auditor, service } = await setup();
    const good = sources.add('aoai-good', loadEvidence('pass-hardened').input);
    const bad = sources.add('aoai-bad', loadEvidence('fail-insecure').input);
    const broken = sources.add('aoai-broken', new Error('connection reset'));

    const scan = await service.runScheduledScan();

    expect(scan).toMatchObject({
      status: 'completed',
      trigger: 'schedule',
      accountsTotal: 3,
      accountsDone: 3,
      accountsFailed: 1,
    });
    const goodPosture = await store.getLatest(accountIdFor(good.resourceId));
    expect(goodPosture?.grade).toBe(
      evaluateFixture('pass-hardened').score.grade,
    );
    expect(goodPosture?.status).toBe('ok');
    const badPosture = await store.getLatest(accountIdFor(bad.resourceId));
    expect(badPosture?.grade).toBe(
      evaluateFixture('fail-insecure').score.grade,
    );
    expect(
      badPosture?.results.filter(r => r.status === 'fail').length,
    ).toBeGreaterThan(0);

    const brokenPosture = await store.getLatest(
      accountIdFor(broken.resourceId),
    );
    expect(brokenPosture?.status).toBe('error');
    expect(brokenPosture?.error).toContain('connection reset');
    expect(brokenPosture?.results.some(r => r.status === 'pass')).toBe(false);
    expect(brokenPosture?.results.some(r => r.status === 'unknown')).toBe(true);

    expect(auditor.events).toHaveLength(1);
    expect(auditor.events[0].options).toMatchObject({
      eventId: 'scan',
      meta: { scanId: scan.id, trigger: 'schedule' },
    });
    expect(auditor.events[0].outcome).toMatchObject({
      status: 'succeeded',
      meta: { accountsDone: 3, accountsFailed: 1 },
    });
  });

  it('keeps at most the configured number of accounts in flight', async () => {
    const { sources, service } = await setup({ config: { concurrency: 3 } });
    for (let i = 0; i < 12; i++) {
      sources.add(`aoai-${i}`, loadEvidence('na-minimal').input);
    }
    const scan = await service.runScheduledScan();
    expect(scan.accountsDone).toBe(12);
    expect(sources.maxInFlight).toBeLessThanOrEqual(3);
    expect(sources.maxInFlight).toBeGreaterThan(1);
  });

  it('marks accounts that disappear as deleted, but not when discovery fails', async () => {
    const { store, sources, service } = await setup();
    const a = sources.add('aoai-a', loadEvidence('pass-hardened').input);
    const b = sources.add('aoai-b', loadEvidence('pass-hardened').input);
    await service.runScheduledScan();

    sources.remove(b.resourceId);
    sources.listError = new Error('ARM list failed');
    const failed = await service.runScheduledScan();
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('ARM list failed');
    expect((await store.getAccount(b.resourceId))?.deleted).toBe(false);

    sources.listError = undefined;
    const completed = await service.runScheduledScan();
    expect(completed.status).toBe('completed');
    expect((await store.getAccount(b.resourceId))?.deleted).toBe(true);
    expect((await store.getAccount(a.resourceId))?.deleted).toBe(false);
    // history of the deleted account is kept
    expect(await store.getLatest(accountIdFor(b.resourceId))).toBeDefined();
  });

  it('exposes regressions against the previous result', async () => {
    const { sources, service } = await setup();
    const account = sources.add(
      'aoai-drift',
      loadEvidence('pass-hardened').input,
    );
    const first = await service.runScheduledScan();
    expect(await service.getRegressions(first.id)).toEqual([]);

    sources.add('aoai-drift', loadEvidence('fail-insecure').input);
    const second = await service.runScheduledScan();
    const regressions = await service.getRegressions(second.id);
    expect(regressions).toHaveLength(1);
    expect(regressions[0].resourceId).toBe(account.resourceId);
    expect(regressions[0].diff.gradeRegressed).toBe(true);
    expect(regressions[0].diff.regressions.length).toBeGreaterThan(0);
    expect(regressions[0].diff.regressions[0]).toMatchObject({
      from: expect.any(String),
      to: expect.stringMatching(/fail|unknown/),
    });
    await expect(service.getRegressions('no-such-scan')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('answers an on-demand scan at once and runs it in the background', async () => {
    const { store, sources, auditor, service } = await setup();
    const account = sources.add(
      'aoai-one',
      loadEvidence('pass-hardened').input,
    );
    sources.add('aoai-other', loadEvidence('pass-hardened').input);
    let release!: () => void;
    sources.gate = new Promise<void>(resolve => {
      release = resolve;
    });

    const queued = await service.requestScan({
      trigger: 'manual',
      requestedBy: 'user:default/alice',
      target: {
        type: 'accounts',
        resourceIds: [account.resourceId, testResourceId('aoai-gone')],
        entityRef: 'component:default/payments',
      },
    });
    expect(queued.status).toBe('queued');
    release();
    await service.waitForIdle();

    const done = await service.getScan(queued.id);
    expect(done).toMatchObject({
      status: 'completed',
      accountsTotal: 2,
      accountsDone: 1,
      accountsFailed: 1,
      requestedBy: 'user:default/alice',
    });
    expect(sources.collected).toEqual([account.resourceId]);
    expect(
      await store.getAccount(testResourceId('aoai-other')),
    ).toBeUndefined();
    expect(auditor.events[0].options.severityLevel).toBe('medium');
    await expect(service.getScan('missing')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('aborts on-demand scans on shutdown and records them as failed', async () => {
    const { sources, service } = await setup({ config: { concurrency: 1 } });
    const { first, queued, release } = await requestGatedScanOfTwo(
      sources,
      service,
    );
    const stopping = service.shutdown();
    release();
    await stopping;
    const scan = await service.getScan(queued.id);
    expect(scan.status).toBe('failed');
    expect(scan.error).toContain('aborted');
    expect(sources.collected).toEqual([first.resourceId]);
  });

  it('takes owner and system from a claiming entity, else from tags', async () => {
    const claimed = testResourceId('aoai-claimed');
    const { store, sources, service } = await setup({
      claims: new Map([
        [
          claimed.toLowerCase(),
          {
            entityRef: 'resource:default/aoai-claimed',
            owner: 'group:default/platform',
            system: 'system:default/core',
          },
        ],
      ]),
    });
    sources.add('aoai-claimed', loadEvidence('na-minimal').input, {
      tags: { 'backstage.io-owner': 'ignored' },
    });
    sources.add('aoai-tagged', loadEvidence('na-minimal').input, {
      tags: {
        'backstage.io-owner': 'team-payments',
        'backstage.io-system': 'payments',
      },
    });
    sources.add('aoai-orphan', loadEvidence('na-minimal').input);
    await service.runScheduledScan();
    expect(await store.getAccount(claimed)).toMatchObject({
      owner: 'group:default/platform',
      system: 'system:default/core',
    });
    expect(await store.getAccount(testResourceId('aoai-tagged'))).toMatchObject(
      {
        owner: 'group:default/team-payments',
        system: 'system:default/payments',
      },
    );
    const orphan = await store.getAccount(testResourceId('aoai-orphan'));
    expect(orphan?.owner).toBeUndefined();
    expect(orphan?.system).toBeUndefined();
  });

  it('asks discovery for the accounts catalog entities name, and starts one collection per scan', async () => {
    const named = testResourceId('aoai-named');
    const { sources, service } = await setup({
      claims: new Map([
        [
          named.toLowerCase(),
          { resourceId: named, entityRef: 'resource:default/aoai-named' },
        ],
      ]),
    });
    sources.add('aoai-a', loadEvidence('na-minimal').input);
    sources.add('aoai-b', loadEvidence('na-minimal').input);
    await service.runScheduledScan();
    expect(sources.listCalls).toHaveLength(1);
    expect(sources.listCalls[0].accountIds).toEqual([named]);
    expect(sources.scansStarted).toBe(1);
  });

  it('scans by id without getAccount, taking metadata from the account body', async () => {
    const { store, sources } = await setup();
    const hardened = loadEvidence('pass-hardened').input;
    const body = (hardened.account.account as { value: { id: string } }).value;
    sources.fleet.set(body.id.toLowerCase(), {
      account: { resourceId: body.id },
      evidence: hardened,
    });
    const missing = testResourceId('aoai-missing');
    sources.fleet.set(missing.toLowerCase(), {
      account: { resourceId: missing },
      evidence: {
        account: { account: { state: 'absent', reason: 'not-found' } },
      },
    });
    const source = {
      listAccounts: sources.listAccounts.bind(sources),
      startScan: sources.startScan.bind(sources),
    };
    const withoutGet = ScanService.create({
      store,
      accountSource: source,
      evidenceSource: source,
      loadClaims: async () => new Map(),
      logger: mockServices.logger.mock(),
      auditor: createRecordingAuditor(),
      config: testAuditConfig(),
    });
    const queued = await withoutGet.requestScan({
      trigger: 'manual',
      target: { type: 'accounts', resourceIds: [body.id, missing] },
    });
    await withoutGet.waitForIdle();
    expect(await withoutGet.getScan(queued.id)).toMatchObject({
      status: 'completed',
      accountsTotal: 2,
      accountsDone: 1,
      accountsFailed: 1,
    });
    expect(await store.getAccount(body.id)).toMatchObject({
      location: 'westeurope',
      kind: 'OpenAI',
      system: 'system:default/payments',
      tags: expect.objectContaining({ 'cost-center': 'cc-1234' }),
    });
    expect(await store.getAccount(missing)).toBeUndefined();
  });

  it('falls back to tags when the catalog cannot be read', async () => {
    const { store, sources, service } = await setup({
      loadClaims: async () => {
        throw new Error('catalog down');
      },
    });
    sources.add('aoai-tagged', loadEvidence('na-minimal').input, {
      tags: { 'backstage.io-owner': 'group:ops/sre' },
    });
    expect((await service.runScheduledScan()).status).toBe('completed');
    expect((await store.getAccount(testResourceId('aoai-tagged')))?.owner).toBe(
      'group:ops/sre',
    );
  });

  it('applies disabled controls from config and history retention', async () => {
    const controlId = evaluateFixture('fail-insecure').results.find(
      r => r.status === 'fail',
    )!.controlId;
    const { store, sources, service } = await setup({
      config: {
        disabledControls: [controlId],
        history: { maxScansPerAccount: 2 },
      },
    });
    const account = sources.add('aoai-x', loadEvidence('fail-insecure').input);
    for (let i = 0; i < 3; i++) await service.runScheduledScan();
    const latest = await store.getLatest(accountIdFor(account.resourceId));
    expect(latest?.results.find(r => r.controlId === controlId)?.status).toBe(
      'not-applicable',
    );
    expect(
      await store.listHistory(accountIdFor(account.resourceId), { limit: 10 }),
    ).toHaveLength(2);
  });

  it('aborts an on-demand scan that outlives azureOpenAI.audit.onDemandTimeout', async () => {
    const { sources, service, auditor } = await setup({
      config: { concurrency: 1, onDemandTimeoutMs: 20 },
    });
    const { first, queued, release } = await requestGatedScanOfTwo(
      sources,
      service,
    );
    // the first account is still being collected when the timeout fires
    await new Promise(resolve => setTimeout(resolve, 100));
    release();
    await service.waitForIdle();
    const scan = await service.getScan(queued.id);
    expect(scan.status).toBe('failed');
    expect(scan.error).toContain('onDemandTimeout');
    expect(scan.error).toContain('aborted');
    expect(sources.collected).toEqual([first.resourceId]);
    expect(auditor.events[0].outcome?.status).toBe('failed');
  });

  it('fails scans left queued or running once they are older than their own timeout', async () => {
    const { store, service } = await setup({
      config: {
        schedule: { ...DEFAULT_SCAN_SCHEDULE, timeout: { minutes: 30 } },
        onDemandTimeoutMs: 10 * 60 * 1000,
      },
    });
    const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
    const seed = async (
      id: string,
      trigger: 'schedule' | 'manual',
      createdAt: Date,
    ) => {
      await store.createScan({
        id,
        trigger,
        target: { type: 'fleet' },
        createdAt,
      });
      await store.updateScan(id, { status: 'running', startedAt: createdAt });
    };
    await seed('manual-old', 'manual', minutesAgo(11));
    await seed('manual-young', 'manual', minutesAgo(5));
    await seed('schedule-young', 'schedule', minutesAgo(20));
    await seed('schedule-old', 'schedule', minutesAgo(31));
    await store.createScan({
      id: 'manual-queued-old',
      trigger: 'manual',
      target: { type: 'fleet' },
      createdAt: minutesAgo(60),
    });

    expect(await service.failStaleScans()).toBe(3);
    const status = async (id: string) => (await store.getScan(id))?.status;
    expect(await status('manual-old')).toBe('failed');
    expect(await status('manual-queued-old')).toBe('failed');
    expect(await status('schedule-old')).toBe('failed');
    expect(await status('manual-young')).toBe('running');
    expect(await status('schedule-young')).toBe('running');
    expect((await store.getScan('manual-old'))?.error).toContain('10 minutes');
    expect((await store.getScan('schedule-old'))?.error).toContain(
      '30 minutes',
    );
  });

  it('applies history retention after an on-demand scan, only to the accounts it scanned', async () => {
    const { store, sources, service } = await setup();
    const x = sources.add('aoai-x', loadEvidence('na-minimal').input);
    const y = sources.add('aoai-y', loadEvidence('na-minimal').input);
    for (let i = 0; i < 3; i++) await service.runScheduledScan();
    const historyOf = async (resourceId: string) =>
      (await store.listHistory(accountIdFor(resourceId), { limit: 10 })).length;
    expect(await historyOf(x.resourceId)).toBe(3);

    let clock = NOW.getTime() + 60_000;
    const retaining = ScanService.create({
      store,
      accountSource: sources,
      evidenceSource: sources,
      loadClaims: async () => new Map(),
      logger: mockServices.logger.mock(),
      auditor: createRecordingAuditor(),
      config: testAuditConfig({ history: { maxScansPerAccount: 2 } }),
      now: () => new Date((clock += 1000)),
    });
    const scan = await retaining.requestScan({
      trigger: 'manual',
      target: { type: 'accounts', resourceIds: [x.resourceId] },
    });
    await retaining.waitForIdle();
    expect((await retaining.getScan(scan.id)).status).toBe('completed');
    expect(await historyOf(x.resourceId)).toBe(2);
    // y was not part of the on-demand scan: its history is untouched until a scheduled scan
    expect(await historyOf(y.resourceId)).toBe(3);
  });

  it('records a discovered account before collecting it, so the fleet lists it as never scanned', async () => {
    const { store, sources, service } = await setup();
    sources.add('aoai-slow', loadEvidence('na-minimal').input);
    let release!: () => void;
    sources.gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const running = service.runScheduledScan();
    while (sources.inFlight === 0)
      await new Promise(resolve => setImmediate(resolve));
    const during = await store.listFleet({
      sort: 'name',
      order: 'asc',
      limit: 10,
    });
    expect(during.items).toEqual([
      {
        account: expect.objectContaining({ name: 'aoai-slow' }),
        scanState: 'never-scanned',
      },
    ]);
    release();
    expect((await running).status).toBe('completed');
    const after = await store.listFleet({
      sort: 'name',
      order: 'asc',
      limit: 10,
    });
    expect(after.items[0].scanState).toBe('scanned');
  });
});
