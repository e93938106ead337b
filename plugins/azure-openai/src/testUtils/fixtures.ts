import type { Entity } from '@backstage/catalog-model';
import type {
  FleetItem,
  AzureOpenAIAccount,
  ControlResult,
  ControlStatus,
  EntityPosture,
  GoldenPathOptions,
  LinkedAccountPosture,
} from '@pavedai/plugin-azure-openai-common';
import { getControl } from '@pavedai/plugin-azure-openai-common';
import type { AzureOpenAIApi } from '../api/AzureOpenAIApi';

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'search-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-search' },
  relations: [
    { type: 'dependsOn', targetRef: 'resource:default/aoai-search-legacy' },
  ],
};

export function result(
  controlId: string,
  status: ControlStatus,
  message = `${controlId} is ${status}`,
): ControlResult {
  const control = getControl(controlId);
  if (!control) throw new Error(`unknown control ${controlId}`);
  return {
    controlId,
    area: control.area,
    severity: control.severity,
    status,
    evidenceStatus:
      status === 'waived' || status === 'attested' ? 'fail' : status,
    message,
    evidence: [
      {
        path: `account:properties.${controlId}`,
        observed: status === 'pass' ? 'Disabled' : 'Enabled',
        expected: 'Disabled',
      },
    ],
    remediation: control.remediation,
  } as ControlResult;
}

export function account(
  name: string,
  id = name.padEnd(32, '0'),
): AzureOpenAIAccount {
  return {
    id,
    resourceId: `/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-${name}/providers/Microsoft.CognitiveServices/accounts/${name}`,
    subscriptionId: '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01',
    resourceGroup: `rg-${name}`,
    name,
    location: 'westeurope',
    kind: 'OpenAI',
    tags: {},
    owner: 'group:default/team-search',
    system: 'system:default/knowledge-search',
    firstSeenAt: '2026-01-01T00:00:00Z',
    lastSeenAt: '2026-01-02T00:00:00Z',
    deleted: false,
  };
}

export function linked(
  name: string,
  results: ControlResult[],
  grade: 'A' | 'B' | 'C' | 'D' | 'F' = 'F',
  score = 41.5,
): LinkedAccountPosture {
  const counts = {
    pass: 0,
    fail: 0,
    unknown: 0,
    'not-applicable': 0,
    waived: 0,
    attested: 0,
    'attestation-required': 0,
  };
  for (const r of results) counts[r.status]++;
  return {
    account: account(name),
    linkedBy: [`resource:default/${name}`],
    posture: {
      resultId: `r-${name}`,
      scanId: '11111111-1111-4111-8111-111111111111',
      evaluatedAt: new Date(Date.now() - 3 * 60 * 1000).toISOString(),
      status: 'ok',
      score,
      grade,
      capped: grade === 'F',
      earnedWeight: score,
      scoredWeight: 100,
      counts,
      results,
    },
  };
}

export function entityPosture(accounts: LinkedAccountPosture[]): EntityPosture {
  const first = accounts[0]?.posture;
  return {
    entityRef: 'component:default/search-api',
    aggregate: first
      ? {
          score: first.score,
          grade: first.grade,
          capped: first.capped,
          earnedWeight: first.earnedWeight,
          scoredWeight: first.scoredWeight,
          counts: first.counts,
          accountCount: accounts.length,
          worstAccountIndex: 0,
        }
      : undefined,
    accounts,
    unscanned: [],
  };
}

export const insecurePosture = entityPosture([
  linked('aoai-search-legacy', [
    result('AOAI-NET-001', 'fail', 'No private endpoint is connected.'),
    result('AOAI-NET-002', 'fail', 'publicNetworkAccess is Enabled.'),
    result('AOAI-IAM-001', 'fail', 'disableLocalAuth is false.'),
    result('AOAI-LOG-007', 'fail', 'No activity log alert.'),
    result('AOAI-IAM-002', 'pass', 'Custom subdomain is set.'),
    result('AOAI-GOV-003', 'attestation-required', 'Needs a statement.'),
  ]),
]);

export function mockApi(
  overrides: Partial<AzureOpenAIApi> = {},
): AzureOpenAIApi {
  const fail = () => Promise.reject(new Error('not mocked'));
  return {
    getEntityPosture: jest.fn(fail),
    getAccountHistory: jest.fn(fail),
    listFleet: jest.fn(fail),
    getFleetSummary: jest.fn(fail),
    createScan: jest.fn(fail),
    getScan: jest.fn(fail),
    getGoldenPathOptions: jest.fn(fail),
    downloadExport: jest.fn(fail),
    getGoldenPathPolicy: jest.fn(fail),
    previewPolicyImpact: jest.fn(fail),
    downloadPolicyImpactCsv: jest.fn(fail),
    getAccountDrift: jest.fn(fail),
    requestWaiver: jest.fn(fail),
    listWaivers: jest.fn(fail),
    decideWaiver: jest.fn(fail),
    revokeWaiver: jest.fn(fail),
    createAttestation: jest.fn(fail),
    listAttestations: jest.fn(fail),
    getGovernanceHistory: jest.fn(fail),
    ...overrides,
  };
}

/** A golden-path policy that restricts every choice. */
export const goldenPathOptions: GoldenPathOptions = {
  subscriptions: [
    '00000000-0000-0000-0000-000000000001',
    '00000000-0000-0000-0000-000000000002',
  ],
  regions: ['swedencentral', 'westeurope'],
  models: [
    { name: 'gpt-4.1', versions: ['2025-04-14'] },
    { name: 'gpt-4o', versions: ['2024-08-06', '2024-11-20'] },
    { name: 'text-embedding-3-large', versions: [] },
  ],
  deploymentSkus: ['Standard', 'DataZoneStandard'],
  capacityCaps: { Standard: 50, DataZoneStandard: 100 },
  dataResidency: 'data-zone',
  allowedDataZones: ['EU'],
  contentFilterProfiles: [
    {
      name: 'default',
      severityThreshold: 'Medium',
      blockProtectedMaterialCode: false,
      blockProfanity: false,
    },
    {
      name: 'strict',
      severityThreshold: 'Low',
      blockProtectedMaterialCode: true,
      blockProfanity: true,
    },
  ],
  requiresCustomerManagedKey: false,
  policyVersion: 'sha256:abc',
};

/** A golden-path policy that restricts nothing. */
export const unrestrictedGoldenPathOptions: GoldenPathOptions = {
  subscriptions: [],
  regions: [],
  models: [],
  deploymentSkus: [],
  capacityCaps: {},
  dataResidency: 'none',
  allowedDataZones: [],
  contentFilterProfiles: [],
  requiresCustomerManagedKey: false,
  policyVersion: 'sha256:open',
};

/** A scanned fleet item; grade F fails seven controls, grade A none. */
export function fleetItem(
  name: string,
  grade: 'A' | 'F',
  score: number,
): FleetItem {
  return {
    account: account(name),
    scanState: 'scanned',
    latest: {
      resultId: `r-${name}`,
      scanId: 's',
      evaluatedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
      status: 'ok',
      score,
      grade,
      capped: false,
      failingCount: grade === 'F' ? 7 : 0,
      unknownCount: 1,
      failingBySeverity:
        grade === 'F'
          ? { critical: 2, high: 3, medium: 1, low: 1 }
          : { critical: 0, high: 0, medium: 0, low: 0 },
    },
  };
}
