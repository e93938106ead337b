import fs from 'node:fs';
import path from 'node:path';
import {
  evaluateAccount,
  type AccountEvaluation,
  type EvaluationInput,
  type GoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-common';
import type {
  AccountSource,
  DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
  ListAccountsOptions,
} from '../types';

const fixturesDir = path.join(
  path.dirname(
    require.resolve('@pavedai/plugin-azure-openai-common/package.json'),
  ),
  'src',
  '__fixtures__',
);

/** The raw ARM fixtures of the common package. */
export type CommonFixtureName =
  | 'pass-hardened'
  | 'fail-insecure'
  | 'fail-drift'
  | 'na-minimal'
  | 'unknown-forbidden';

/** Loads a raw ARM fixture of the common package. */
export function loadEvidence(name: CommonFixtureName): {
  input: EvaluationInput;
  policy?: GoldenPathPolicy;
} {
  return JSON.parse(
    fs.readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8'),
  );
}

/** Same policy as the common package's fixture tests. */
export const TEST_POLICY: GoldenPathPolicy = {
  allowedRegions: ['westeurope', 'swedencentral'],
  dataResidency: 'data-zone',
  allowedDataZones: ['EU'],
  requiredTags: ['owner', 'cost-center', 'data-classification'],
};

/** Evaluates a fixture at a fixed time. */
export function evaluateFixture(
  name: CommonFixtureName,
  now = new Date('2026-11-28T12:00:00Z'),
): AccountEvaluation {
  return evaluateAccount(loadEvidence(name).input, {
    policy: TEST_POLICY,
    now,
  });
}

/** ARM id of a test account. */
export function testResourceId(
  name: string,
  subscription = '00000000-0000-4000-8000-000000000001',
): string {
  return `/subscriptions/${subscription}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/${name}`;
}

/** A fake fleet: account → evidence (or an error to throw). */
export interface FakeFleetAccount {
  account: DiscoveredAccount;
  evidence: EvaluationInput | Error;
}

/** In-memory account and evidence sources over a mutable fleet. */
export class FakeSources
  implements AccountSource, EvidenceSource, EvidenceCollection
{
  /** Options of every `listAccounts` call. */
  listCalls: ListAccountsOptions[] = [];
  /** How many collections (scans) were started. */
  scansStarted = 0;
  readonly fleet = new Map<string, FakeFleetAccount>();
  collected: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  listError?: Error;
  /** Resolves collection calls one by one when set (to observe concurrency). */
  gate?: Promise<void>;

  add(
    name: string,
    evidence: EvaluationInput | Error,
    extra: Partial<DiscoveredAccount> = {},
  ): DiscoveredAccount {
    const account: DiscoveredAccount = {
      resourceId: testResourceId(name),
      location: 'westeurope',
      kind: 'OpenAI',
      tags: {},
      ...extra,
    };
    this.fleet.set(account.resourceId.toLowerCase(), { account, evidence });
    return account;
  }

  remove(resourceId: string): void {
    this.fleet.delete(resourceId.toLowerCase());
  }

  startScan(): EvidenceCollection {
    this.scansStarted += 1;
    return this;
  }

  async *listAccounts(
    options: ListAccountsOptions,
  ): AsyncIterable<DiscoveredAccount> {
    this.listCalls.push(options);
    for (const entry of [...this.fleet.values()]) {
      yield entry.account;
    }
    if (this.listError) throw this.listError;
  }

  async getAccount(resourceId: string): Promise<DiscoveredAccount | undefined> {
    return this.fleet.get(resourceId.toLowerCase())?.account;
  }

  async collect(account: DiscoveredAccount): Promise<EvaluationInput> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise(resolve => setImmediate(resolve));
      if (this.gate) await this.gate;
      this.collected.push(account.resourceId);
      const entry = this.fleet.get(account.resourceId.toLowerCase());
      if (!entry) throw new Error(`no such account ${account.resourceId}`);
      if (entry.evidence instanceof Error) throw entry.evidence;
      return entry.evidence;
    } finally {
      this.inFlight -= 1;
    }
  }
}
