import fs from 'node:fs';
import path from 'node:path';
import type { EvaluationInput } from '../evidence';
import type { GoldenPathPolicy } from '../types';

/** A named raw-ARM fixture. */
export interface Fixture {
  name: string;
  description: string;
  input: EvaluationInput;
  policy?: GoldenPathPolicy;
}

/** Evaluation time used by every fixture test. */
export const FIXTURE_NOW = new Date('2026-11-28T12:00:00Z');

/** The golden-path policy the fixtures are written against. */
export const FIXTURE_POLICY: GoldenPathPolicy = {
  allowedRegions: ['westeurope', 'swedencentral'],
  allowedDeploymentSkus: [
    'Standard',
    'ProvisionedManaged',
    'DataZoneStandard',
    'DataZoneProvisionedManaged',
    'GlobalStandard',
  ],
  approvedModels: [
    { name: 'gpt-4o', versions: ['2024-11-20'] },
    { name: 'gpt-4.1' },
    { name: 'text-embedding-3-large' },
  ],
  capacityCaps: {
    Standard: 200,
    DataZoneStandard: 300,
    GlobalStandard: 300,
    ProvisionedManaged: 100,
  },
  dataResidency: 'data-zone',
  allowedDataZones: ['EU'],
  privilegedPrincipalAllowlist: ['aaaaaaaa-0000-4000-8000-000000000001'],
  allowedOutboundFqdns: [
    'srch-payments-prod.search.windows.net',
    'stpaymentsprodweu.blob.core.windows.net',
  ],
  requiredTags: ['owner', 'cost-center', 'data-classification'],
};

/** Loads a fixture by file name (without `.json`). */
export function loadFixture(name: string): Fixture {
  const raw = JSON.parse(
    fs.readFileSync(path.join(__dirname, `${name}.json`), 'utf8'),
  );
  return { name, ...raw };
}

/** Names of all fixtures in this folder. */
export function fixtureNames(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.json'))
    .map(f => f.replace(/\.json$/, ''))
    .sort();
}

/** Merges the fixture's policy overrides over {@link FIXTURE_POLICY}. */
export function fixturePolicy(fixture: Fixture): GoldenPathPolicy {
  return { ...FIXTURE_POLICY, ...(fixture.policy ?? {}) };
}
