import { TestDatabases } from '@backstage/backend-test-utils';
import {
  generateFleet,
  type EmulatorOptions,
  type FaultRule,
  type RequestLogEntry,
  type RunningEmulator,
} from '@pavedai/azure-arm-emulator';
import {
  scanEmulator,
  withEmulator,
  fleetAccountNames,
  type AccountOutcome,
} from '../__testUtils__/emulatorScan';

/*
 * The fault matrix: each fault injected by the ARM emulator into a scan of the same seeded fleet
 * (60 accounts over 3 subscriptions), through the real Azure SDK. Every scan must complete with
 * every account stored; a control may only ever degrade from its fault-free status to `unknown`
 * (so nothing passes without its evidence), with a message saying why; and the accounts no fault
 * touched are scored exactly as without faults. (The throttling storm and a single forbidden
 * evidence piece are in scan.emulator.test.ts.)
 */

jest.setTimeout(180_000);

const FLEET = { accounts: 60, subscriptions: 3, seed: 7 };
const NAMES = fleetAccountNames(FLEET);
const SUBSCRIPTIONS = generateFleet(FLEET).subscriptions!.map(s =>
  s.subscriptionId.toLowerCase(),
);
/** Account name to its subscription id (lower case). */
const SUBSCRIPTION_OF = new Map(
  generateFleet(FLEET)
    .resources.filter(r =>
      /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i.test(r.id),
    )
    .map(r => [r.id.split('/').pop()!, r.id.split('/')[2].toLowerCase()]),
);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

interface FaultedScan {
  scan: Awaited<ReturnType<typeof scanEmulator>>['scan'];
  outcomes: Map<string, AccountOutcome>;
  /** Calls answered with a 5xx or reset (status 0). */
  failedCalls: RequestLogEntry[];
  faultsInjected: number;
}

async function scanWith(
  options: EmulatorOptions,
  scanOptions: { retries?: number } = {},
  during?: (emulator: RunningEmulator, entry: RequestLogEntry) => void,
): Promise<FaultedScan> {
  const failedCalls: RequestLogEntry[] = [];
  let running: RunningEmulator | undefined;
  return withEmulator(
    FLEET,
    {
      ...options,
      onRequest: entry => {
        if (entry.status === 0 || entry.status >= 500) failedCalls.push(entry);
        if (running) during?.(running, entry);
      },
    },
    async emulator => {
      running = emulator;
      const { scan, outcomes } = await scanEmulator(
        databases,
        emulator,
        scanOptions,
      );
      return {
        scan,
        outcomes,
        failedCalls,
        faultsInjected: emulator.stats().faultsInjected,
      };
    },
  );
}

/**
 * The accounts a set of failed calls can have touched: the account the path names, or every
 * account of the path's subscription when the path names none (subscription-level evidence, a
 * private endpoint's DNS zone groups).
 */
function touchedAccounts(calls: RequestLogEntry[]): Set<string> {
  const touched = new Set<string>();
  for (const call of calls) {
    const account = /\/accounts\/([^/?]+)/i.exec(call.path)?.[1];
    if (account && NAMES.includes(account)) {
      touched.add(account);
      continue;
    }
    const sub = /^\/+subscriptions\/([^/?]+)/i
      .exec(call.path)?.[1]
      ?.toLowerCase();
    for (const name of NAMES) {
      if (!sub || SUBSCRIPTION_OF.get(name) === sub) touched.add(name);
    }
  }
  return touched;
}

let baseline: Map<string, AccountOutcome>;

beforeAll(async () => {
  baseline = (await scanWith({})).outcomes;
  if ([...baseline.keys()].sort().join() !== NAMES.join()) {
    throw new Error('the fault-free scan did not store every account');
  }
});

/** The invariants every faulted scan keeps; returns the accounts that differ from the baseline. */
function expectSafeDegradation(
  { scan, outcomes }: FaultedScan,
  touched: Set<string>,
  reason: RegExp,
): string[] {
  expect(scan).toMatchObject({
    status: 'completed',
    accountsTotal: 60,
    accountsDone: 60,
  });
  expect([...outcomes.keys()].sort()).toEqual(NAMES);
  const changed: string[] = [];
  for (const name of NAMES) {
    const before = baseline.get(name)!;
    const after = outcomes.get(name)!;
    if (!touched.has(name)) {
      expect([name, after]).toEqual([name, before]);
      continue;
    }
    for (const [controlId, status] of Object.entries(after.results)) {
      if (status === before.results[controlId]) continue;
      // Only ever degraded to unknown: never a pass (or fail) the evidence did not support.
      expect([name, controlId, status]).toEqual([name, controlId, 'unknown']);
      expect([name, controlId, after.unknownMessages[controlId]]).toEqual([
        name,
        controlId,
        expect.stringMatching(reason),
      ]);
    }
    if (JSON.stringify(after) !== JSON.stringify(before)) changed.push(name);
  }
  return changed;
}

describe('fault matrix against the ARM emulator', () => {
  it('latency spikes (5% of calls 1.5 s slower): same results for every account', async () => {
    const result = await scanWith({
      faults: [{ kind: 'latency', rate: 0.05, latencyMs: 1500 }],
    });
    expect(result.faultsInjected).toBeGreaterThan(10);
    expect(expectSafeDegradation(result, new Set(), /./)).toEqual([]);
  });

  it.each([0.05, 0.3])(
    '%s of calls answer 500: retried, so every account is scored as without faults',
    async rate => {
      const result = await scanWith({
        faults: [{ kind: 'error', rate, status: 500 }],
      });
      expect(result.failedCalls.length).toBeGreaterThan(rate * 500);
      expect(expectSafeDegradation(result, new Set(), /./)).toEqual([]);
    },
  );

  it('30% of account-level calls answer 500 with retries off: the accounts they touched degrade to unknown ("the read failed"), the others are unchanged', async () => {
    // Discovery is left alone here: without retries a failed Resource Graph page fails the scan
    // (the fleet is unknown); with retries it survives 30% of 500s (the test above).
    const result = await scanWith(
      {
        faults: [
          {
            kind: 'error',
            rate: 0.3,
            status: 500,
            resource: '/resourcegroups/',
          },
        ],
      },
      { retries: 0 },
    );
    const touched = touchedAccounts(result.failedCalls);
    const changed = expectSafeDegradation(
      result,
      touched,
      /^Could not evaluate: .*the read failed/,
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const name of changed) {
      expect(outcomesUnknownCount(result.outcomes, name)).toBeGreaterThan(
        baseline.get(name)!.unknown.length,
      );
    }
  });

  it('connection resets on 5% of calls: retried, same results for every account', async () => {
    const result = await scanWith({
      faults: [{ kind: 'reset', rate: 0.05 }],
    });
    expect(
      result.failedCalls.filter(c => c.status === 0).length,
    ).toBeGreaterThan(5);
    expect(expectSafeDegradation(result, new Set(), /./)).toEqual([]);
  });

  it('a throttling storm (half the calls answer 429 for a while): the scan completes; a read that stays throttled past every retry is unknown with the reason, never guessed', async () => {
    const result = await scanWith({
      faults: [
        { kind: 'throttle', rate: 0.5, times: 150, retryAfterSeconds: 1 },
      ],
    });
    expect(result.faultsInjected).toBe(150);
    // Retries absorb almost all of it; on a loaded machine an unlucky read can be throttled on
    // every attempt, and then only its controls may change, to unknown (TooManyRequests).
    const changed = expectSafeDegradation(
      result,
      new Set(NAMES),
      /TooManyRequests/,
    );
    expect(changed.length).toBeLessThan(NAMES.length / 4);
  });

  it('malformed JSON from the deployments list of two accounts: their deployment controls are unknown, the rest unchanged', async () => {
    const targets = ['aoai-customer-00022', 'aoai-fraud-00019'];
    const result = await scanWith({
      faults: targets.map(
        (name): FaultRule => ({
          kind: 'malformedJson',
          operation: 'Deployments_List',
          resource: `/accounts/${name}/`,
        }),
      ),
    });
    expect(result.faultsInjected).toBeGreaterThanOrEqual(2);
    const changed = expectSafeDegradation(
      result,
      new Set(targets),
      /^Could not evaluate: .*(the read failed|unexpected)/,
    );
    expect(changed.sort()).toEqual([...targets].sort());
  });

  it('one subscription forbidden (403 on everything in it): its accounts are all unknown with the reason, never pass; the others unchanged', async () => {
    const forbidden = SUBSCRIPTIONS[1];
    const result = await scanWith({
      faults: [
        {
          kind: 'error',
          status: 403,
          code: 'AuthorizationFailed',
          resource: `/subscriptions/${forbidden}/`,
        },
      ],
    });
    const inForbidden = NAMES.filter(n => SUBSCRIPTION_OF.get(n) === forbidden);
    expect(inForbidden.length).toBe(20);
    const changed = expectSafeDegradation(
      result,
      new Set(inForbidden),
      /^Could not evaluate: .*HTTP 403/,
    );
    expect(changed.sort()).toEqual(inForbidden);
    for (const name of inForbidden) {
      const statuses = Object.values(result.outcomes.get(name)!.results);
      expect(statuses).not.toContain('pass');
      expect(statuses).not.toContain('fail');
    }
  });

  it('an account deleted mid-scan (after discovery listed it): stored with its controls unknown ("not found"), the others unchanged', async () => {
    const victim = 'aoai-customer-00003';
    let deleted = false;
    const result = await scanWith({}, {}, (emulator, entry) => {
      if (!deleted && entry.operationId === 'Resources') {
        deleted = true;
        const id = emulator.state
          .all()
          .find(r => r.id.toLowerCase().endsWith(`/accounts/${victim}`))!.id;
        emulator.state.delete(id);
      }
    });
    expect(deleted).toBe(true);
    const changed = expectSafeDegradation(
      result,
      new Set([victim]),
      /^Could not evaluate: .*not found/,
    );
    expect(changed).toEqual([victim]);
    const statuses = Object.values(result.outcomes.get(victim)!.results);
    expect(statuses).not.toContain('pass');
  });
});

function outcomesUnknownCount(
  outcomes: Map<string, AccountOutcome>,
  name: string,
): number {
  return outcomes.get(name)!.unknown.length;
}
