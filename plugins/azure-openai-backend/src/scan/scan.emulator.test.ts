import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DEMO_ACCOUNT_IDS,
  generateFleet,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@pavedai/azure-arm-emulator';
import {
  listControls,
  worseGrade,
  type GoldenPathPolicy,
  type Grade,
} from '@pavedai/plugin-azure-openai-common';
import { readGoldenPathPolicy } from '@pavedai/plugin-azure-openai-node';
import { parse } from 'yaml';
import {
  fleetAccountNames,
  scanEmulator as scanFleet,
  withEmulator as withFleetEmulator,
  type AccountOutcome,
} from '../__testUtils__/emulatorScan';

jest.setTimeout(120_000);

/** A fixed fleet: 60 accounts over 3 subscriptions, always the same for this seed. */
const FLEET = { accounts: 60, subscriptions: 3, seed: 7 };

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/** Scans the emulator's whole fleet through the plugin's default (Azure SDK) sources. */
function scanEmulator(emulator: RunningEmulator, policy?: GoldenPathPolicy) {
  return scanFleet(databases, emulator, { policy });
}

function withEmulator<T>(
  options: EmulatorOptions,
  fn: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  return withFleetEmulator(FLEET, options, fn);
}

/** The generated account body of a fleet account, to show which posture the generator gave it. */
function generatedAccount(name: string) {
  return generateFleet(FLEET).resources.find(r =>
    r.id
      .toLowerCase()
      .endsWith(`/providers/microsoft.cognitiveservices/accounts/${name}`),
  )!;
}

/** Controls that read the account's diagnostic settings. */
const NEEDS_DIAGNOSTIC_SETTINGS = listControls()
  .filter(c => c.reads.includes('account.diagnosticSettings'))
  .map(c => c.id);

describe('scans against the ARM emulator (real HTTP, real Azure SDK, default sources)', () => {
  let baseline: Map<string, AccountOutcome>;
  let baselineOperations: Record<string, unknown>;
  let baselineScan: Awaited<ReturnType<typeof scanEmulator>>['scan'];

  beforeAll(async () => {
    baseline = await withEmulator({}, async emulator => {
      const { scan, outcomes } = await scanEmulator(emulator);
      baselineScan = scan;
      baselineOperations = emulator.stats().byOperation;
      return outcomes;
    });
  });

  it('stores every account of a seeded fleet', () => {
    expect(baselineScan).toMatchObject({
      status: 'completed',
      accountsTotal: 60,
      accountsDone: 60,
      accountsFailed: 0,
    });
    const names = fleetAccountNames(FLEET);
    expect(names).toHaveLength(60);
    expect([...baseline.keys()].sort()).toEqual(names);
    for (const outcome of baseline.values()) {
      expect(outcome.status).toBe('ok');
    }
  });

  it('gives named fleet accounts the grade and failing controls their generated posture implies', () => {
    // Hardened by the generator: private, keys off, identity, outbound restricted, lock.
    expect(generatedAccount('aoai-customer-00022').properties).toMatchObject({
      publicNetworkAccess: 'Disabled',
      disableLocalAuth: true,
      restrictOutboundNetworkAccess: true,
    });
    // The fleet's subscriptions have no activity-log export, Defender plan, alerts or policy
    // assignments, so the subscription-level logging and governance controls fail.
    expect(baseline.get('aoai-customer-00022')).toMatchObject({
      grade: 'C',
      score: 79.4,
      failing: [
        'AOAI-BCDR-007',
        'AOAI-BCDR-008',
        'AOAI-DATA-001',
        'AOAI-GOV-001',
        'AOAI-LOG-002',
        'AOAI-LOG-003',
        'AOAI-LOG-004',
        'AOAI-LOG-006',
        'AOAI-LOG-007',
      ],
    });

    // Insecure: public network access, keys on.
    expect(generatedAccount('aoai-customer-00003').properties).toMatchObject({
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
    });
    expect(baseline.get('aoai-customer-00003')).toMatchObject({
      grade: 'F',
      score: 26.2,
      failing: [
        'AOAI-BCDR-005',
        'AOAI-BCDR-008',
        'AOAI-DATA-001',
        'AOAI-DATA-003',
        'AOAI-DATA-004',
        'AOAI-GOV-001',
        'AOAI-IAM-001',
        'AOAI-IAM-002',
        'AOAI-IAM-003',
        'AOAI-IAM-004',
        'AOAI-LOG-001',
        'AOAI-LOG-002',
        'AOAI-LOG-003',
        'AOAI-LOG-004',
        'AOAI-LOG-006',
        'AOAI-LOG-007',
        'AOAI-NET-001',
        'AOAI-NET-002',
        'AOAI-NET-003',
        'AOAI-NET-004',
        'AOAI-SVC-006',
      ],
    });

    // Partial: keys off and public access off, but no lock and a weaker setup elsewhere.
    expect(generatedAccount('aoai-fraud-00019').properties).toMatchObject({
      disableLocalAuth: true,
      restrictOutboundNetworkAccess: false,
    });
    expect(baseline.get('aoai-fraud-00019')).toMatchObject({
      grade: 'F',
      score: 55.6,
      failing: [
        'AOAI-BCDR-005',
        'AOAI-BCDR-008',
        'AOAI-DATA-001',
        'AOAI-DATA-002',
        'AOAI-DATA-003',
        'AOAI-DATA-004',
        'AOAI-GOV-001',
        'AOAI-LOG-001',
        'AOAI-LOG-002',
        'AOAI-LOG-003',
        'AOAI-LOG-004',
        'AOAI-LOG-006',
        'AOAI-LOG-007',
        'AOAI-NET-005',
      ],
    });
  });

  it('gives the same results for the same seed (deterministic)', async () => {
    const again = await withEmulator({}, async emulator => {
      const { outcomes } = await scanEmulator(emulator);
      return outcomes;
    });
    expect(again).toEqual(baseline);
  });

  it('never calls listKeys and never writes to Azure', async () => {
    expect(baselineOperations.Accounts_ListKeys).toBeUndefined();
    expect(baselineOperations.Accounts_List).toBeUndefined(); // discovery goes through Resource Graph
    expect(
      Object.keys(baselineOperations).filter(op =>
        /_(Create|Update|Delete|Purge|Regenerate|ListKeys)/i.test(op),
      ),
    ).toEqual([]);
    expect(Object.keys(baselineOperations)).toContain(
      'DiagnosticSettings_List',
    );
  });

  it('reports the controls of a forbidden evidence piece as unknown for that account only', async () => {
    const target = 'aoai-customer-00022';
    const { scan, outcomes, forbidden, operations } = await withEmulator(
      {
        faults: [
          {
            kind: 'error',
            operation: 'DiagnosticSettings_List',
            resource: `/accounts/${target}/`,
            status: 403,
          },
        ],
      },
      async emulator => ({
        ...(await scanEmulator(emulator)),
        forbidden:
          emulator.stats().byOperation.DiagnosticSettings_List?.byStatus[
            '403'
          ] ?? 0,
        operations: emulator.stats().byOperation,
      }),
    );
    expect(forbidden).toBeGreaterThan(0);
    expect(scan).toMatchObject({
      status: 'completed',
      accountsDone: 60,
      accountsFailed: 0,
    });
    expect(NEEDS_DIAGNOSTIC_SETTINGS).toEqual(
      expect.arrayContaining(['AOAI-LOG-001', 'AOAI-LOG-006']),
    );
    const affected = outcomes.get(target)!;
    expect(affected.status).toBe('ok');
    for (const controlId of NEEDS_DIAGNOSTIC_SETTINGS) {
      expect([controlId, affected.results[controlId]]).not.toEqual([
        controlId,
        'pass',
      ]);
    }
    // With full diagnostics, AOAI-LOG-001 passed in the baseline; now it cannot be known.
    expect(baseline.get(target)!.results['AOAI-LOG-001']).toBe('pass');
    expect(affected.results['AOAI-LOG-001']).toBe('unknown');
    expect(affected.unknown).toContain('AOAI-LOG-001');
    // Every other account is exactly as in the baseline.
    const others = (map: Map<string, AccountOutcome>) =>
      [...map].filter(([name]) => name !== target);
    expect(others(outcomes)).toEqual(others(baseline));
    expect(others(outcomes)).toHaveLength(59);
    expect(operations.Accounts_ListKeys).toBeUndefined();
  });

  it('survives a throttling storm: slower, but every account is stored with the same result', async () => {
    const { scan, outcomes, stats } = await withEmulator(
      {
        faults: [
          { kind: 'throttle', rate: 0.2, times: 12, retryAfterSeconds: 1 },
        ],
      },
      async emulator => ({
        ...(await scanEmulator(emulator)),
        stats: emulator.stats(),
      }),
    );
    expect(stats.faultsInjected).toBe(12);
    expect(scan).toMatchObject({
      status: 'completed',
      accountsTotal: 60,
      accountsDone: 60,
      accountsFailed: 0,
    });
    expect(outcomes).toEqual(baseline);
    expect(stats.byOperation.Accounts_ListKeys).toBeUndefined();
  });
});

describe('the demo preset under the golden-path policy of app-config.yaml', () => {
  /** The demo components and the accounts they depend on (`examples/systems.yaml`). */
  const COMPONENTS = {
    'support-chatbot': [DEMO_ACCOUNT_IDS.chatProd],
    'chat-gateway': [DEMO_ACCOUNT_IDS.chatProd, DEMO_ACCOUNT_IDS.chatDev],
    'doc-indexer': [DEMO_ACCOUNT_IDS.searchProd],
    'search-api': [DEMO_ACCOUNT_IDS.searchProd, DEMO_ACCOUNT_IDS.searchLegacy],
  };

  function repoPolicy(): GoldenPathPolicy {
    const file = path.resolve(__dirname, '../../../../app-config.yaml');
    return readGoldenPathPolicy(
      new ConfigReader(parse(fs.readFileSync(file, 'utf8'))),
    );
  }

  /** Entity grade: the worst grade of the accounts it depends on. */
  async function componentGrades(policy?: GoldenPathPolicy) {
    const emulator = await startEmulator({ preset: 'demo' });
    try {
      const { scan, outcomes } = await scanEmulator(emulator, policy);
      expect(scan.status).toBe('completed');
      return Object.fromEntries(
        Object.entries(COMPONENTS).map(([component, ids]) => [
          component,
          ids
            .map(id => outcomes.get(id.split('/').pop()!)!.grade as Grade)
            .reduce(worseGrade),
        ]),
      );
    } finally {
      await emulator.stop();
    }
  }

  it('reads a complete policy from the repository config', () => {
    const policy = repoPolicy();
    expect(policy.allowedSubscriptionIds).toEqual([
      '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01',
    ]);
    expect(Object.keys(policy.privateEndpointSubnetIdsByRegion ?? {})).toEqual(
      policy.allowedRegions,
    );
  });

  it('keeps the demo grades: support-chatbot A, doc-indexer D, chat-gateway F, search-api F', async () => {
    const expected = {
      'support-chatbot': 'A',
      'chat-gateway': 'F',
      'doc-indexer': 'D',
      'search-api': 'F',
    };
    expect(await componentGrades()).toEqual(expected);
    expect(await componentGrades(repoPolicy())).toEqual(expected);
  });

  it('leaves the hardened demo account with no failing control under the policy', async () => {
    const emulator = await startEmulator({ preset: 'demo' });
    try {
      const { outcomes } = await scanEmulator(emulator, repoPolicy());
      expect(outcomes.get('aoai-chat-prod')?.failing).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
});
