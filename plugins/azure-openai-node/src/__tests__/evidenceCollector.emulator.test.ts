import {
  ACCOUNT_EVIDENCE_KEYS,
  evaluateAccount,
  EvaluationInput,
  Evidence,
  SUBSCRIPTION_EVIDENCE_KEYS,
} from '@pavedai/plugin-azure-openai-common';
import {
  DEMO_ACCOUNT_IDS,
  DEMO_SUBSCRIPTIONS,
  RunningEmulator,
  startEmulator,
} from '@pavedai/azure-arm-emulator';
import { ConfigReader } from '@backstage/config';
import { collectorFor } from '../__testUtils__/emulatorSetup';
import { EvidenceCollector } from '../evidence/EvidenceCollector';
import { ArmRequestScheduler } from '../scheduling/ArmRequestScheduler';

/*
 * The evidence collector with the real Azure SDK over real HTTP against the
 * ARM emulator's demo preset (examples/accounts.yaml, examples/README.md).
 */

const SUBSCRIPTIONS = [DEMO_SUBSCRIPTIONS.prod, DEMO_SUBSCRIPTIONS.dev];
// The collector reads every account-level piece except the workload's other accounts, which
// the caller supplies.
const ACCOUNT_KEYS = ACCOUNT_EVIDENCE_KEYS.filter(
  k => k !== 'workloadAccounts',
);
const SUBSCRIPTION_KEYS = SUBSCRIPTION_EVIDENCE_KEYS;
const NOW = new Date('2026-01-15T00:00:00Z');

function statuses(input: EvaluationInput): Record<string, string> {
  const evaluation = evaluateAccount(input, { now: NOW });
  return Object.fromEntries(
    evaluation.results.map(r => [r.controlId, r.status]),
  );
}

function states(input: EvaluationInput): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...input.account, ...input.subscription }).map(
      ([key, e]) => [key, stateOf(e)],
    ),
  );
}

function stateOf(e: Evidence | undefined): string {
  if (!e) return 'missing';
  return e.state === 'present' ? 'present' : `absent:${e.reason}`;
}

async function collectDemo(emulator: RunningEmulator) {
  const scan = collectorFor(emulator, SUBSCRIPTIONS).startScan();
  const entries = await Promise.all(
    Object.entries(DEMO_ACCOUNT_IDS).map(
      async ([key, id]) => [key, await scan.collect(id)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<
    keyof typeof DEMO_ACCOUNT_IDS,
    EvaluationInput
  >;
}

describe('EvidenceCollector against the ARM emulator', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ preset: 'demo' });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  it('collects every evidence piece of the four demo accounts', async () => {
    const inputs = await collectDemo(emulator);
    for (const input of Object.values(inputs)) {
      const expected = Object.fromEntries([
        ...ACCOUNT_KEYS.map(k => [k, 'present']),
        ['workloadAccounts', 'absent:not-collected'],
        ...SUBSCRIPTION_KEYS.map(k => [k, 'present']),
      ]);
      expect(states(input)).toEqual(expected);
    }
    // Raw ARM bodies, as the catalog expects them (properties kept).
    const account = inputs.chatProd.account.account as {
      value: { id: string; properties: { publicNetworkAccess: string } };
    };
    expect(account.value.id).toBe(DEMO_ACCOUNT_IDS.chatProd);
    expect(account.value.properties.publicNetworkAccess).toBe('Disabled');
    // The Defender pricing is the raw 2023-01-01 body.
    expect(inputs.chatProd.subscription?.defenderPricing).toMatchObject({
      state: 'present',
      value: { name: 'AI', properties: { pricingTier: 'Standard' } },
    });
    // System policies are part of the RAI policy list.
    const policies = (
      inputs.searchLegacy.account.raiPolicies as {
        value: { value: Array<{ name: string }> };
      }
    ).value.value.map(p => p.name);
    expect(policies).toEqual(
      expect.arrayContaining(['Microsoft.Default', 'Microsoft.DefaultV2']),
    );
  });

  it('gives the postures examples/README.md describes', async () => {
    const inputs = await collectDemo(emulator);

    // aoai-chat-prod: hardened.
    expect(statuses(inputs.chatProd)).toMatchObject({
      'AOAI-NET-001': 'pass', // private endpoint approved
      'AOAI-NET-002': 'pass', // public access off
      'AOAI-NET-005': 'pass', // DNS zone group
      'AOAI-IAM-001': 'pass', // keys off
      'AOAI-IAM-003': 'pass', // managed identity
      'AOAI-DATA-001': 'pass', // customer-managed key
      'AOAI-DATA-002': 'pass', // strict filters
      'AOAI-LOG-001': 'pass', // diagnostics
      'AOAI-LOG-004': 'pass', // Defender on
      'AOAI-BCDR-005': 'pass', // lock
    });

    // aoai-chat-dev: partial.
    expect(statuses(inputs.chatDev)).toMatchObject({
      'AOAI-IAM-001': 'pass', // keys off
      'AOAI-IAM-002': 'pass', // custom subdomain
      'AOAI-NET-002': 'fail', // public access through an IP allowlist
      'AOAI-LOG-001': 'fail', // no diagnostic settings
      'AOAI-LOG-004': 'fail', // Defender Free in dev
    });

    // aoai-search-prod: mostly hardened.
    expect(statuses(inputs.searchProd)).toMatchObject({
      'AOAI-NET-001': 'pass',
      'AOAI-NET-002': 'pass',
      'AOAI-DATA-002': 'fail', // one weakened filter
      'AOAI-NET-005': 'fail', // private endpoint without DNS zone group
      'AOAI-LOG-001': 'pass',
    });

    // aoai-search-legacy: insecure.
    expect(statuses(inputs.searchLegacy)).toMatchObject({
      'AOAI-NET-002': 'fail', // public access
      'AOAI-IAM-001': 'fail', // keys on
      'AOAI-IAM-002': 'fail', // no custom subdomain
      'AOAI-IAM-003': 'fail', // no identity
      'AOAI-IAM-004': 'fail', // Owner for a user
      'AOAI-LOG-001': 'fail', // no logging
    });
  });

  it('reads subscription evidence once per subscription and never lists keys', async () => {
    await collectDemo(emulator);
    const ops = emulator.stats().byOperation;
    for (const op of [
      'MetricAlerts_ListBySubscription',
      'ActivityLogAlerts_ListBySubscriptionId',
      'PolicyAssignments_List',
      'Pricings_Get',
      'DeletedAccounts_List',
    ]) {
      // Two subscriptions, four accounts collected concurrently.
      expect([op, ops[op]?.total]).toEqual([op, 2]);
    }
    for (const op of [
      'Accounts_Get',
      'Deployments_List',
      'RaiPolicies_List',
      'RoleAssignments_ListForScope',
      'DefenderForAISettings_List',
      'NetworkSecurityPerimeterConfigurations_List',
      'ManagementLocks_ListAtScope',
    ]) {
      expect([op, ops[op]?.total]).toEqual([op, 4]);
    }
    // 4 accounts + 2 subscriptions (activity log export).
    expect(ops.DiagnosticSettings_List?.total).toBe(6);
    // Only aoai-chat-prod and aoai-search-prod have a private endpoint.
    expect(ops.PrivateDnsZoneGroups_List?.total).toBe(2);
    expect(ops.Accounts_ListKeys).toBeUndefined();
    expect(ops.Accounts_RegenerateKey).toBeUndefined();
    // Reads only.
    expect(
      Object.keys(ops).filter(op =>
        /_(Create|Update|Delete|Purge|Batch|RegenerateKey|ListKeys)/.test(op),
      ),
    ).toEqual([]);
  });

  it('turns a 403 on one account’s diagnostic settings into unknown, never pass', async () => {
    emulator.faults.add({
      kind: 'error',
      operation: 'DiagnosticSettings_List',
      resource: '/accounts/aoai-chat-prod/',
      status: 403,
      code: 'AuthorizationFailed',
    });
    const inputs = await collectDemo(emulator);

    expect(inputs.chatProd.account.diagnosticSettings).toEqual({
      state: 'absent',
      reason: 'forbidden',
      detail: 'AuthorizationFailed',
    });
    const prod = statuses(inputs.chatProd);
    expect(prod['AOAI-LOG-001']).toBe('unknown');
    // The rest of the account is still judged.
    expect(prod['AOAI-NET-002']).toBe('pass');
    expect(states(inputs.chatProd).deployments).toBe('present');
    // Other accounts and the subscription-level export are untouched.
    expect(inputs.searchProd.account.diagnosticSettings?.state).toBe('present');
    expect(statuses(inputs.searchProd)['AOAI-LOG-001']).toBe('pass');
    expect(
      inputs.chatProd.subscription?.activityLogDiagnosticSettings?.state,
    ).toBe('present');
  });

  it('maps a 404 to not-found and a 500 that outlives the retries to error', async () => {
    emulator.faults.add({
      kind: 'error',
      operation: 'Deployments_List',
      resource: '/accounts/aoai-chat-dev/',
      status: 500,
      code: 'InternalServerError',
    });
    const collector = collectorFor(emulator, SUBSCRIPTIONS);
    const dev = await collector.collectAccount(DEMO_ACCOUNT_IDS.chatDev);
    expect(dev.deployments).toEqual({
      state: 'absent',
      reason: 'error',
      detail: 'InternalServerError',
    });
    // RAI policies are still listed; the deployments that need them are unknown.
    expect(dev.raiPolicies?.state).toBe('present');
    expect(statuses({ account: dev })['AOAI-DATA-002']).toBe('unknown');

    const missing = DEMO_ACCOUNT_IDS.chatDev.replace(
      'aoai-chat-dev',
      'aoai-gone',
    );
    const before = emulator.stats().totalRequests;
    const gone = await collector.collectAccount(missing);
    expect(gone.account).toMatchObject({
      state: 'absent',
      reason: 'not-found',
    });
    expect(gone.deployments).toMatchObject({
      state: 'absent',
      reason: 'not-found',
    });
    // One GET, no child reads for an account that does not exist.
    expect(emulator.stats().totalRequests - before).toBe(1);
  });

  it('loses nothing in a throttling storm', async () => {
    const calm = await collectDemo(emulator);
    emulator.reset();
    emulator.faults.add({
      kind: 'throttle',
      rate: 0.5,
      times: 12,
      retryAfterSeconds: 0,
    });
    const stormy = await collectDemo(emulator);

    // Every 429 also reports an empty read budget, so the whole subscription
    // slows down; the collection still ends with exactly the calm evidence.
    expect(emulator.stats().throttled).toBe(12);
    expect(stormy).toEqual(calm);
    expect(emulator.stats().byOperation.Accounts_ListKeys).toBeUndefined();
  }, 60_000);

  it('uses the account body discovery already read instead of a GET', async () => {
    const collector = collectorFor(emulator, SUBSCRIPTIONS);
    const body = (
      (await collector.collectAccount(DEMO_ACCOUNT_IDS.chatProd)).account as {
        value: unknown;
      }
    ).value;
    emulator.reset();

    const again = await collector.collectAccount(DEMO_ACCOUNT_IDS.chatProd, {
      accountBody: body,
      workloadAccounts: [],
    });
    expect(again.account).toEqual({ state: 'present', value: body });
    expect(again.workloadAccounts).toEqual({ state: 'present', value: [] });
    expect(emulator.stats().byOperation.Accounts_Get).toBeUndefined();
    // DNS zone groups still follow the private endpoint the body names.
    expect(emulator.stats().byOperation.PrivateDnsZoneGroups_List?.total).toBe(
      1,
    );
  });

  it('stops with an AbortError when the signal aborts', async () => {
    const collector = collectorFor(emulator, SUBSCRIPTIONS);
    await expect(
      collector.collectAccount(DEMO_ACCOUNT_IDS.chatProd, {
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(emulator.stats().totalRequests).toBe(0);

    emulator.faults.add({ kind: 'latency', latencyMs: 2000 });
    const controller = new AbortController();
    const scan = collector.startScan({ signal: controller.signal });
    const pending = scan.collect(DEMO_ACCOUNT_IDS.searchProd);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('concatenates every page of a list', async () => {
    const onePage = await collectDemo(emulator);
    const paged = await startEmulator({ preset: 'demo', pageSize: 1 });
    try {
      const manyPages = await collectDemo(paged);
      // Etags are random per emulator instance.
      const withoutEtags = (x: unknown) =>
        JSON.parse(JSON.stringify(x, (k, v) => (k === 'etag' ? undefined : v)));
      expect(withoutEtags(manyPages)).toEqual(withoutEtags(onePage));
      // The RAI policies of one account alone took several pages.
      expect(paged.stats().byOperation.RaiPolicies_List!.total).toBeGreaterThan(
        4 * 2,
      );
    } finally {
      await paged.stop();
    }
  });

  it('reads a policy a deployment names that the list lacks, once', async () => {
    const [deployment] = emulator.state.list(
      `${DEMO_ACCOUNT_IDS.chatDev}/deployments`,
    );
    emulator.state.put({
      ...deployment,
      properties: { ...deployment.properties, raiPolicyName: 'policy-gone' },
    });
    const dev = await collectorFor(emulator, SUBSCRIPTIONS).collectAccount(
      DEMO_ACCOUNT_IDS.chatDev,
    );

    expect(emulator.stats().byOperation.RaiPolicies_Get?.byStatus).toEqual({
      '404': 1,
    });
    // The list is kept; the deployment whose policy is missing is not a pass.
    expect(dev.raiPolicies?.state).toBe('present');
    expect(statuses({ account: dev })['AOAI-SVC-001']).not.toBe('pass');
  });

  it('is configured from app-config alone', async () => {
    const config = new ConfigReader({
      azureOpenAI: {
        azure: {
          credential: { kind: 'staticToken', token: 'audit-token' },
          resourceManagerUrl: emulator.url,
          subscriptions: SUBSCRIPTIONS,
        },
      },
    });
    const scheduler = new ArmRequestScheduler({ total: 2, perSubscription: 1 });
    const input = await EvidenceCollector.fromConfig(config, { scheduler })
      .startScan()
      .collect(DEMO_ACCOUNT_IDS.searchLegacy);
    expect(statuses(input)['AOAI-IAM-001']).toBe('fail');
    expect(scheduler.inFlight()).toBe(0);
    expect(emulator.stats().byOperation.Accounts_Get?.total).toBe(1);
  });

  it('marks a piece timeout when its deadline passes', async () => {
    emulator.faults.add({
      kind: 'latency',
      operation: 'Deployments_List',
      latencyMs: 3000,
    });
    const collector = collectorFor(emulator, SUBSCRIPTIONS, {
      pieceDeadlineMs: 200,
    });
    const account = await collector.collectAccount(DEMO_ACCOUNT_IDS.chatDev);
    expect(account.deployments).toMatchObject({
      state: 'absent',
      reason: 'timeout',
    });
    expect(account.account?.state).toBe('present');
  });
});
