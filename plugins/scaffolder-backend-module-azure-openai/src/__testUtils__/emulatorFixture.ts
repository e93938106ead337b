import { ConfigReader } from '@backstage/config';
import {
  DEMO_GOLDEN_PATH,
  startEmulator,
  type FaultRule,
  type RunningEmulator,
} from '@pavedai/azure-arm-emulator';
import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import { readAzureAccessConfig } from '@pavedai/plugin-azure-openai-node';
import { createProvisioningArm } from '../arm/provisioningArm';

/** The demo preset's landing zone for golden-path accounts (production subscription). */
export const PROD = DEMO_GOLDEN_PATH.resourceGroup.subscriptionId;
export const RG = DEMO_GOLDEN_PATH.resourceGroup.name;

/** The golden-path policy of the tests: the demo's network, monitoring and key. */
export const testPolicy: GoldenPathPolicy = {
  allowedSubscriptionIds: [PROD],
  allowedRegions: ['swedencentral'],
  approvedModels: [
    { name: 'gpt-4.1', versions: ['2025-04-14'] },
    { name: 'gpt-4.1-mini', versions: ['2025-04-14'] },
  ],
  allowedDeploymentSkus: ['DataZoneStandard'],
  capacityCaps: { DataZoneStandard: 200 },
  dataResidency: 'data-zone',
  allowedDataZones: ['EU'],
  logAnalyticsWorkspaceId: DEMO_GOLDEN_PATH.logAnalyticsWorkspaceId,
  alertActionGroupId: `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.Insights/actionGroups/ag-platform-oncall`,
  allowedOutboundFqdns: ['srch-platform-prod.search.windows.net'],
  privateEndpointSubnetId: DEMO_GOLDEN_PATH.subnetIds.swedencentral,
  privateDnsZoneIds: [DEMO_GOLDEN_PATH.privateDnsZoneId],
  defaultCustomerManagedKey: {
    keyVaultUri: 'https://kv-platform-prod.vault.azure.net/',
    keyName: 'aoai-cmk',
    identity: {
      resourceId: DEMO_GOLDEN_PATH.cmkIdentityId,
      clientId: DEMO_GOLDEN_PATH.cmkIdentityClientId,
    },
  },
};

/** Inputs of a provisioning run that the test policy allows. */
export function provisionInput(overrides: Record<string, unknown> = {}) {
  return {
    accountName: 'aoai-orders-prod',
    resourceGroup: RG,
    region: 'swedencentral',
    owner: 'group:default/team-chat',
    system: 'customer-assistant',
    contentFilterProfile: 'strict',
    deployments: [
      {
        name: 'chat',
        model: 'gpt-4.1',
        version: '2025-04-14',
        sku: 'DataZoneStandard',
        capacity: 50,
      },
      {
        name: 'chat-mini',
        model: 'gpt-4.1-mini',
        version: '2025-04-14',
        sku: 'DataZoneStandard',
        capacity: 100,
      },
    ],
    consumerPrincipalIds: ['6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60'],
    ...overrides,
  };
}

/** Every ARM call the emulator answered. */
export interface Call {
  method: string;
  path: string;
  operationId: string;
  status: number;
}

const READ_ONLY_POSTS =
  /checkDomainAvailability|checkSkuAvailability|Microsoft\.ResourceGraph/i;

/** Calls that change ARM state (PUT, PATCH, DELETE, and POSTs other than checks and queries). */
export function mutating(calls: readonly Call[]): Call[] {
  return calls.filter(
    c =>
      c.method === 'PUT' ||
      c.method === 'PATCH' ||
      c.method === 'DELETE' ||
      (c.method === 'POST' && !READ_ONLY_POSTS.test(c.path)),
  );
}

/** The demo preset (which holds the golden path's network, workspace and key identity), over real HTTP on 127.0.0.1. */
export async function startGoldenPathEmulator(
  options: { faults?: FaultRule[] } = {},
) {
  const calls: Call[] = [];
  const emulator: RunningEmulator = await startEmulator({
    preset: 'demo',
    faults: options.faults,
    onRequest: e =>
      calls.push({
        method: e.method,
        path: e.path,
        operationId: e.operationId,
        status: e.status,
      }),
  });
  const access = readAzureAccessConfig(
    new ConfigReader({
      azureOpenAI: {
        azure: {
          credential: { kind: 'staticToken', token: 'provisioning-token' },
          resourceManagerUrl: emulator.url,
          subscriptions: [PROD],
          retries: 3,
        },
      },
    }),
  );
  const arm = createProvisioningArm(access, { retryDelayInMs: 5 });
  return { emulator, arm, calls };
}

/** Provisioner timing for tests: fast polls, short conflict waits. */
export const testSettings = {
  pollIntervalMs: 5,
  stepTimeoutMs: 60_000,
  conflictRetries: 3,
  conflictRetryDelayMs: 5,
};
