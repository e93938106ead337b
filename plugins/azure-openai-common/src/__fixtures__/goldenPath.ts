/* Shared test data for the golden-path builder tests (not exported from the package). */
import type { GoldenPathPolicy } from '../types';
import type { ProvisionInputs } from '../goldenPath';

export const SUB = '00000000-1111-2222-3333-444444444444';
export const NOW = new Date('2026-11-28T12:00:00Z');

export const testPolicy: GoldenPathPolicy = {
  allowedRegions: ['westeurope', 'swedencentral', 'eastus2'],
  allowedDeploymentSkus: ['Standard', 'DataZoneStandard', 'GlobalStandard'],
  approvedModels: [
    { name: 'gpt-4o', versions: ['2024-11-20'] },
    { name: 'text-embedding-3-large', versions: ['1'] },
  ],
  capacityCaps: { Standard: 100, DataZoneStandard: 200 },
  dataResidency: 'data-zone',
  allowedDataZones: ['EU'],
  requireCustomerManagedKeys: true,
  requiredTags: ['backstage.io-owner', 'backstage.io-system', 'cost-center'],
  allowedOutboundFqdns: ['srch-payments.search.windows.net'],
  logAnalyticsWorkspaceId: `/subscriptions/${SUB}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law-sec`,
  privateEndpointSubnetId: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ai/subnets/snet-pe`,
  privateDnsZoneIds: [
    `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com`,
  ],
  contentFilterProfiles: {
    strict: {
      severityThreshold: 'Low',
      blockProtectedMaterialCode: true,
      blockProfanity: true,
    },
    standard: { severityThreshold: 'Medium' },
  },
  stampTags: { 'cost-center': 'cc-1234' },
};

export const PROFILES = Object.keys(testPolicy.contentFilterProfiles ?? {});

export function validInputs(
  overrides: Partial<ProvisionInputs> = {},
): ProvisionInputs {
  return {
    accountName: 'aoai-payments-prod-weu',
    subscriptionId: SUB,
    resourceGroup: 'rg-ai-prod',
    region: 'westeurope',
    owner: 'group:default/team-payments',
    system: 'payments',
    deployments: [
      {
        name: 'chat',
        model: 'gpt-4o',
        version: '2024-11-20',
        sku: 'DataZoneStandard',
        capacity: 150,
      },
      {
        name: 'embeddings',
        model: 'text-embedding-3-large',
        version: '1',
        sku: 'Standard',
        capacity: 100,
      },
    ],
    contentFilterProfile: 'strict',
    consumerPrincipalIds: ['c0ffee00-0000-4000-8000-00000000a991'],
    customerManagedKey: {
      keyVaultUri: 'https://kv-payments-prod.vault.azure.net/',
      keyName: 'aoai-cmk',
      identity: {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg-ai-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aoai-cmk`,
        clientId: '7d1f0c2a-0000-4000-8000-000000000c3c',
      },
    },
    tags: { 'data-classification': 'confidential' },
    ...overrides,
  };
}
