import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import {
  goldenPathPolicyVersion,
  parseGoldenPathPolicy,
  readGoldenPathPolicy,
} from './readGoldenPathPolicy';

const SUB = '3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02';
const PROD = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const NET = `/subscriptions/${PROD}/resourceGroups/rg-network-prod/providers/Microsoft.Network`;
const SUBNET = (loc: string) =>
  `${NET}/virtualNetworks/vnet-prod-${loc}/subnets/snet-private-endpoints`;
const ZONE = `${NET}/privateDnsZones/privatelink.openai.azure.com`;
const WORKSPACE = `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-security-prod`;
const IDENTITY = `/subscriptions/${PROD}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aoai-cmk`;

const FULL: GoldenPathPolicy = {
  allowedSubscriptionIds: [SUB],
  allowedRegions: ['swedencentral', 'westeurope'],
  allowedDeploymentSkus: ['DataZoneStandard', 'Standard'],
  approvedModels: [
    { name: 'gpt-4.1', versions: ['2025-04-14'] },
    { name: 'text-embedding-3-large' },
  ],
  capacityCaps: { Standard: 50, DataZoneStandard: 100 },
  dataResidency: 'data-zone',
  allowedDataZones: ['EU'],
  requireCustomerManagedKeys: true,
  privilegedPrincipalAllowlist: ['6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60'],
  allowedOutboundFqdns: ['api.contoso.com'],
  requiredTags: ['cost-center'],
  requiredPolicyDefinitionIds: ['037eea7a-bd0a-46c5-9a66-03aea78705d3'],
  streamingModeExceptions: ['chat-stream'],
  noAutoUpgradeExceptions: ['legacy'],
  modelRetirementWarningDays: 90,
  nonWaivableControls: ['AOAI-IAM-001'],
  disabledControls: ['AOAI-IAM-002'],
  logAnalyticsWorkspaceId: WORKSPACE,
  alertActionGroupId: `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.Insights/actionGroups/ag-platform-oncall`,
  privateEndpointSubnetId: SUBNET('swedencentral'),
  privateEndpointSubnetIdsByRegion: {
    swedencentral: SUBNET('swedencentral'),
    westeurope: SUBNET('westeurope'),
  },
  privateDnsZoneIds: [ZONE],
  contentFilterProfiles: {
    strict: {
      severityThreshold: 'Low',
      blockProtectedMaterialCode: true,
      blockProfanity: true,
    },
    standard: { severityThreshold: 'Medium' },
  },
  consumerRoleDefinitionId: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  stampTags: { 'cost-center': 'platform-shared' },
  defaultCustomerManagedKey: {
    keyVaultUri: 'https://kv-platform-prod.vault.azure.net/',
    keyName: 'aoai-cmk',
    identity: {
      resourceId: IDENTITY,
      clientId: '0b5e8c3d-2f4a-4e6b-9c1d-7a8f9e0d1c2b',
    },
  },
  requiredControls: ['AOAI-IAM-003'],
};

function read(goldenPath: unknown) {
  return readGoldenPathPolicy(
    new ConfigReader(
      goldenPath === undefined
        ? {}
        : ({ azureOpenAI: { goldenPath } } as object),
    ),
  );
}

function errorOf(goldenPath: unknown): Error {
  try {
    read(goldenPath);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the config to be refused');
}

function withField(key: string, value: unknown) {
  return { ...FULL, [key]: value };
}

describe('readGoldenPathPolicy', () => {
  it('gives an empty policy when the block is missing', () => {
    expect(read(undefined)).toEqual({});
    expect(read({})).toEqual({});
  });

  it('round-trips a full policy', () => {
    expect(read(FULL)).toEqual(FULL);
  });

  it('accepts a system-assigned identity for the customer-managed key', () => {
    const cmk = {
      keyVaultUri: 'https://kv-platform-prod.vault.azure.net',
      keyName: 'aoai-cmk',
      keyVersion: '0123456789abcdef0123456789abcdef',
      identity: 'SystemAssigned',
    };
    expect(read({ defaultCustomerManagedKey: cmk })).toEqual({
      defaultCustomerManagedKey: cmk,
    });
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'a subscription id that is no GUID',
      withField('allowedSubscriptionIds', [SUB, 'sub-dev']),
      'azureOpenAI.goldenPath.allowedSubscriptionIds[1]',
      /'sub-dev' is not a GUID/,
    ],
    [
      'a region with spaces',
      withField('allowedRegions', ['West Europe']),
      'azureOpenAI.goldenPath.allowedRegions[0]',
      /westeurope/,
    ],
    [
      'a wrongly typed list',
      withField('allowedRegions', 'westeurope'),
      'azureOpenAI.goldenPath.allowedRegions',
      /wanted string-array/,
    ],
    [
      'a capacity cap of zero',
      withField('capacityCaps', { Standard: 0 }),
      'azureOpenAI.goldenPath.capacityCaps.Standard',
      /not a positive whole number/,
    ],
    [
      'a fractional capacity cap',
      withField('capacityCaps', { DataZoneStandard: 2.5 }),
      'azureOpenAI.goldenPath.capacityCaps.DataZoneStandard',
      /not a positive whole number/,
    ],
    [
      'a capacity cap that is no number',
      withField('capacityCaps', { Standard: 'lots' }),
      'azureOpenAI.goldenPath.capacityCaps.Standard',
      /number/,
    ],
    [
      'an unknown data-residency rule',
      withField('dataResidency', 'eu-only'),
      'azureOpenAI.goldenPath.dataResidency',
      /none, data-zone, regional/,
    ],
    [
      'an unknown data zone',
      withField('allowedDataZones', ['Europe']),
      'azureOpenAI.goldenPath.allowedDataZones[0]',
      /EU, US, APAC/,
    ],
    [
      'a content filter threshold of High',
      withField('contentFilterProfiles', {
        lax: { severityThreshold: 'High' },
      }),
      'azureOpenAI.goldenPath.contentFilterProfiles.lax.severityThreshold',
      /fails the golden path.*'Low'.*'Medium'/,
    ],
    [
      'a workspace id of another resource type',
      withField('logAnalyticsWorkspaceId', ZONE),
      'azureOpenAI.goldenPath.logAnalyticsWorkspaceId',
      /Microsoft\.OperationalInsights\/workspaces/,
    ],
    [
      'an action group id of another resource type',
      withField('alertActionGroupId', WORKSPACE),
      'azureOpenAI.goldenPath.alertActionGroupId',
      /Microsoft\.Insights\/actionGroups/,
    ],
    [
      'a virtual network instead of a subnet',
      withField(
        'privateEndpointSubnetId',
        `${NET}/virtualNetworks/vnet-prod-westeurope`,
      ),
      'azureOpenAI.goldenPath.privateEndpointSubnetId',
      /not the ARM id of a virtual network subnet/,
    ],
    [
      'a subnet per region that is no subnet',
      withField('privateEndpointSubnetIdsByRegion', { westeurope: ZONE }),
      'azureOpenAI.goldenPath.privateEndpointSubnetIdsByRegion.westeurope',
      /subnets\/\{subnet\}/,
    ],
    [
      'a DNS zone id of another resource type',
      withField('privateDnsZoneIds', [ZONE, WORKSPACE]),
      'azureOpenAI.goldenPath.privateDnsZoneIds[1]',
      /not the ARM id of a private DNS zone/,
    ],
    [
      'an unknown control',
      withField('requiredControls', ['AOAI-NOPE-999']),
      'azureOpenAI.goldenPath.requiredControls[0]',
      /not a control of the catalog/,
    ],
    [
      'an unknown disabled control',
      withField('disabledControls', ['AOAI-IAM-001', 'typo']),
      'azureOpenAI.goldenPath.disabledControls[1]',
      /not a control of the catalog/,
    ],
    [
      'an unknown non-waivable control',
      withField('nonWaivableControls', ['x']),
      'azureOpenAI.goldenPath.nonWaivableControls[0]',
      /not a control of the catalog/,
    ],
    [
      'a Key Vault URI of another host',
      withField('defaultCustomerManagedKey', {
        ...FULL.defaultCustomerManagedKey,
        keyVaultUri: 'https://example.com/',
      }),
      'azureOpenAI.goldenPath.defaultCustomerManagedKey.keyVaultUri',
      /not a Key Vault URI/,
    ],
    [
      'an identity id of another resource type',
      withField('defaultCustomerManagedKey', {
        ...FULL.defaultCustomerManagedKey,
        identity: { resourceId: WORKSPACE, clientId: SUB },
      }),
      'azureOpenAI.goldenPath.defaultCustomerManagedKey.identity.resourceId',
      /user-assigned managed identity/,
    ],
    [
      'an identity without a client id GUID',
      withField('defaultCustomerManagedKey', {
        ...FULL.defaultCustomerManagedKey,
        identity: { resourceId: IDENTITY, clientId: 'id-aoai-cmk' },
      }),
      'azureOpenAI.goldenPath.defaultCustomerManagedKey.identity.clientId',
      /not a GUID/,
    ],
    [
      'a misspelt key',
      { allowedRegion: ['westeurope'] },
      'azureOpenAI.goldenPath.allowedRegion',
      /unknown key.*allowedRegions/,
    ],
    [
      'a model without a name',
      withField('approvedModels', [{ versions: ['1'] }]),
      'azureOpenAI.goldenPath.approvedModels[0].name',
      /name/,
    ],
  ])('refuses %s and names its path', (_, goldenPath, path, detail) => {
    const error = errorOf(goldenPath);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(detail);
  });
});

describe('parseGoldenPathPolicy', () => {
  it('accepts a plain object exactly as the config reader does', () => {
    expect(parseGoldenPathPolicy(FULL)).toEqual(FULL);
    expect(parseGoldenPathPolicy(FULL)).toEqual(read(FULL));
    expect(parseGoldenPathPolicy({})).toEqual({});
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'a forbidden severity threshold',
      { contentFilterProfiles: { standard: { severityThreshold: 'High' } } },
      'candidate.contentFilterProfiles.standard.severityThreshold',
      /fails the golden path's content filter control/,
    ],
    [
      'an unknown key',
      { allowedRegion: ['westeurope'] },
      'candidate.allowedRegion',
      /unknown key.*allowedRegions/,
    ],
    [
      'a wrongly typed list',
      { allowedDeploymentSkus: 'Standard' },
      'candidate.allowedDeploymentSkus',
      /string-array/,
    ],
    [
      'a control that does not exist',
      { disabledControls: ['AOAI-NOPE-001'] },
      'candidate.disabledControls[0]',
      /not a control of the catalog/,
    ],
    ['no object', ['westeurope'], 'candidate', /expected an object/],
    ['nothing', null, 'candidate', /expected an object/],
  ])(
    'refuses %s and names the field under the given path',
    (_, value, path, detail) => {
      let error: unknown;
      try {
        parseGoldenPathPolicy(value, 'candidate');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toContain(`Invalid ${path}`);
      expect((error as Error).message).toMatch(detail);
    },
  );
});

describe('goldenPathPolicyVersion', () => {
  it('is 16 hex characters and stable under key order', () => {
    const reversed = Object.fromEntries(
      Object.entries(FULL).reverse(),
    ) as GoldenPathPolicy;
    const version = goldenPathPolicyVersion(FULL);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(goldenPathPolicyVersion(reversed)).toBe(version);
    expect(
      goldenPathPolicyVersion({
        ...FULL,
        capacityCaps: { DataZoneStandard: 100, Standard: 50 },
      }),
    ).toBe(version);
  });

  it('treats defaults spelt out like defaults left out', () => {
    expect(goldenPathPolicyVersion({ dataResidency: 'none' })).toBe(
      goldenPathPolicyVersion({}),
    );
  });

  it('changes when a field changes', () => {
    const version = goldenPathPolicyVersion(FULL);
    expect(
      goldenPathPolicyVersion({
        ...FULL,
        capacityCaps: { Standard: 51, DataZoneStandard: 100 },
      }),
    ).not.toBe(version);
    expect(
      goldenPathPolicyVersion({ ...FULL, allowedRegions: ['westeurope'] }),
    ).not.toBe(version);
  });
});
