import { completeAccount } from '../handlers/accounts';
import { guidOf, hexOf } from '../handlers/common';
import { defaultContentFilters } from '../handlers/rai';
import { resourceGroupBody } from '../handlers/resourceGroups';
import type { ArmResource } from '../state';

/** Fixed creation time of preset resources, so snapshots are stable. */
export const PRESET_TIME = '2025-10-01T09:00:00.000Z';
const SYSTEM_DATA = {
  createdBy: 'platform-provisioner',
  createdByType: 'Application',
  createdAt: PRESET_TIME,
  lastModifiedBy: 'platform-provisioner',
  lastModifiedByType: 'Application',
  lastModifiedAt: PRESET_TIME,
};

/** Well-known role definition GUIDs. */
export const ROLES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  cognitiveServicesOpenAIContributor: 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908',
} as const;

/** A resource group. */
export function resourceGroup(
  sub: string,
  name: string,
  location: string,
): ArmResource {
  return resourceGroupBody(sub, name, location);
}

/** The tags that tie an Azure resource to its Backstage owner and system. */
export function catalogTags(
  owner: string,
  system: string,
): Record<string, string> {
  return { 'backstage.io-owner': owner, 'backstage.io-system': system };
}

/** Posture knobs of a preset account. */
export interface AccountSpec {
  sub: string;
  rg: string;
  name: string;
  location: string;
  kind?: 'OpenAI' | 'AIServices';
  tags?: Record<string, string>;
  customSubDomain?: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  ipRules?: string[];
  disableLocalAuth: boolean;
  identity: boolean;
  restrictOutbound?: boolean;
  /** FQDNs the account may reach when outbound access is restricted. */
  allowedFqdns?: string[];
  cmk?: boolean;
}

/** An account body. */
export function account(s: AccountSpec): ArmResource {
  const id = `/subscriptions/${s.sub}/resourceGroups/${s.rg}/providers/Microsoft.CognitiveServices/accounts/${s.name}`;
  const locked =
    s.publicNetworkAccess === 'Disabled' || (s.ipRules?.length ?? 0) > 0;
  return completeAccount({
    id,
    location: s.location,
    kind: s.kind ?? 'OpenAI',
    sku: { name: 'S0' },
    tags: s.tags,
    identity: s.identity ? { type: 'SystemAssigned' } : undefined,
    systemData: SYSTEM_DATA,
    provisioningState: 'Succeeded',
    createdAt: PRESET_TIME,
    properties: {
      customSubDomainName: s.customSubDomain === false ? undefined : s.name,
      publicNetworkAccess: s.publicNetworkAccess,
      networkAcls: {
        defaultAction: locked ? 'Deny' : 'Allow',
        bypass: 'AzureServices',
        ipRules: (s.ipRules ?? []).map(value => ({ value })),
        virtualNetworkRules: [],
      },
      disableLocalAuth: s.disableLocalAuth,
      restrictOutboundNetworkAccess: s.restrictOutbound ?? false,
      allowedFqdnList: s.restrictOutbound
        ? s.allowedFqdns ?? [
            `st${s.name.replace(/[^a-z0-9]/g, '')}.blob.core.windows.net`,
          ]
        : undefined,
      dynamicThrottlingEnabled: false,
      encryption: s.cmk
        ? {
            keySource: 'Microsoft.KeyVault',
            keyVaultProperties: {
              keyVaultUri: `https://kv-${s.name}.vault.azure.net/`,
              keyName: 'aoai-cmk',
              keyVersion: hexOf(`cmk:${id}`),
            },
          }
        : undefined,
    },
  });
}

/** The id of an account. */
export function accountIdFor(sub: string, rg: string, name: string): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.CognitiveServices/accounts/${name}`;
}

/** A model deployment body. */
export function deployment(
  accountId: string,
  name: string,
  d: {
    model: string;
    version: string;
    sku: string;
    capacity: number;
    raiPolicyName?: string;
    upgrade?: string;
  },
): ArmResource {
  return {
    id: `${accountId}/deployments/${name}`,
    name,
    type: 'Microsoft.CognitiveServices/accounts/deployments',
    etag: `"${guidOf(`etag:${accountId}/${name}`)}"`,
    sku: { name: d.sku, capacity: d.capacity },
    systemData: SYSTEM_DATA,
    properties: {
      model: { format: 'OpenAI', name: d.model, version: d.version },
      versionUpgradeOption: d.upgrade ?? 'OnceNewDefaultVersionAvailable',
      raiPolicyName: d.raiPolicyName ?? 'Microsoft.DefaultV2',
      provisioningState: 'Succeeded',
      rateLimits: [
        { key: 'request', renewalPeriod: 10, count: d.capacity },
        { key: 'token', renewalPeriod: 60, count: d.capacity * 1000 },
      ],
    },
  };
}

/** RAI policy flavours. */
export type RaiFlavour = 'strict' | 'weakened' | 'async';

/** A custom RAI policy body. */
export function raiPolicy(
  accountId: string,
  name: string,
  flavour: RaiFlavour,
): ArmResource {
  const strict: Array<Record<string, unknown>> = defaultContentFilters().map(
    f => ({
      ...f,
      ...(f.severityThreshold
        ? {
            severityThreshold:
              f.name === 'Hate' || f.name === 'Selfharm' ? 'Low' : 'Medium',
          }
        : {}),
    }),
  );
  strict.push({
    name: 'Indirect Attack',
    enabled: true,
    blocking: true,
    source: 'Prompt',
  });
  const weaken = (f: Record<string, unknown>) => {
    const out = f.severityThreshold
      ? { ...f, severityThreshold: 'High' }
      : { ...f };
    if (f.name === 'Jailbreak' || f.name === 'Violence') {
      return { ...out, enabled: false, blocking: false };
    }
    return out;
  };
  const filters = flavour === 'weakened' ? strict.map(weaken) : strict;
  return {
    id: `${accountId}/raiPolicies/${name}`,
    name,
    type: 'Microsoft.CognitiveServices/accounts/raiPolicies',
    etag: `"${guidOf(`etag:${accountId}/rai/${name}`)}"`,
    systemData: SYSTEM_DATA,
    properties: {
      type: 'UserManaged',
      basePolicyName: 'Microsoft.DefaultV2',
      mode: flavour === 'async' ? 'Asynchronous_filter' : 'Default',
      contentFilters: filters,
    },
  };
}

/**
 * A private endpoint to an account plus the approved connection it adds to
 * the account. Mutates the account body.
 */
export function privateEndpoint(
  target: ArmResource,
  pe: { sub: string; rg: string; name: string; subnetId: string },
): ArmResource {
  const id = `/subscriptions/${pe.sub}/resourceGroups/${pe.rg}/providers/Microsoft.Network/privateEndpoints/${pe.name}`;
  const connectionName = `${pe.name}.${guidOf(`pec:${id}`)}`;
  const state = {
    status: 'Approved',
    description: 'Auto-Approved',
    actionsRequired: 'None',
  };
  target.properties.privateEndpointConnections = [
    ...(target.properties.privateEndpointConnections ?? []),
    {
      id: `${target.id}/privateEndpointConnections/${connectionName}`,
      name: connectionName,
      type: 'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
      properties: {
        privateEndpoint: { id },
        groupIds: ['account'],
        privateLinkServiceConnectionState: state,
        provisioningState: 'Succeeded',
      },
    },
  ];
  return privateEndpointBody(id, pe.name, target.location, pe.subnetId, [
    {
      name: `${pe.name}-conn`,
      properties: {
        privateLinkServiceId: target.id,
        groupIds: ['account'],
        privateLinkServiceConnectionState: state,
      },
    },
  ]);
}

/** A private endpoint body. */
export function privateEndpointBody(
  id: string,
  name: string,
  location: string,
  subnetId: string,
  connections: any[],
  manual: any[] = [],
): ArmResource {
  const fill = (c: any) => ({
    id: `${id}/privateLinkServiceConnections/${c.name}`,
    name: c.name,
    type: 'Microsoft.Network/privateEndpoints/privateLinkServiceConnections',
    etag: `W/"${guidOf(`etag:${id}/${c.name}`)}"`,
    properties: { provisioningState: 'Succeeded', ...c.properties },
  });
  return {
    id,
    name,
    type: 'Microsoft.Network/privateEndpoints',
    location,
    etag: `W/"${guidOf(`etag:${id}`)}"`,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: guidOf(`guid:${id}`),
      subnet: { id: subnetId },
      privateLinkServiceConnections: connections.map(fill),
      manualPrivateLinkServiceConnections: manual.map(fill),
      networkInterfaces: [
        {
          id: `${
            id.split('/providers/')[0]
          }/providers/Microsoft.Network/networkInterfaces/${name}.nic.${guidOf(
            `nic:${id}`,
          )}`,
        },
      ],
      customDnsConfigs: [],
    },
  };
}

/** A private DNS zone group body. */
export function dnsZoneGroup(
  peId: string,
  name: string,
  zoneIds: string[],
): ArmResource {
  return {
    id: `${peId}/privateDnsZoneGroups/${name}`,
    name,
    etag: `W/"${guidOf(`etag:${peId}/${name}`)}"`,
    properties: {
      provisioningState: 'Succeeded',
      privateDnsZoneConfigs: zoneIds.map(z => ({
        name: z.split('/').pop()!.replace(/\./g, '-'),
        properties: { privateDnsZoneId: z, recordSets: [] },
      })),
    },
  };
}

/** Diagnostic setting flavours. */
export type DiagnosticsFlavour = 'full' | 'partial';

/** A diagnostic setting body on a resource (or a subscription). */
export function diagnosticSetting(
  resourceId: string,
  name: string,
  workspaceId: string,
  flavour: DiagnosticsFlavour,
): ArmResource {
  const logs =
    flavour === 'full'
      ? [
          { categoryGroup: 'allLogs', enabled: true },
          { categoryGroup: 'audit', enabled: true },
        ]
      : [
          { category: 'Audit', enabled: true },
          { category: 'RequestResponse', enabled: false },
        ];
  return {
    id: `${resourceId}/providers/Microsoft.Insights/diagnosticSettings/${name}`,
    name,
    type: 'Microsoft.Insights/diagnosticSettings',
    properties: {
      workspaceId,
      logs,
      metrics: [{ category: 'AllMetrics', enabled: flavour === 'full' }],
    },
  };
}

/** A role assignment body. */
export function roleAssignment(
  scope: string,
  role: string,
  principalId: string,
  principalType: 'User' | 'ServicePrincipal' | 'Group',
): ArmResource {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)![1];
  const name = guidOf(`ra:${scope}:${role}:${principalId}`);
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
      principalType,
      scope,
      createdOn: PRESET_TIME,
      updatedOn: PRESET_TIME,
      createdBy: guidOf('platform-provisioner'),
      updatedBy: guidOf('platform-provisioner'),
    },
  };
}

/** A management lock body. */
export function lock(
  scope: string,
  name: string,
  level: 'CanNotDelete' | 'ReadOnly',
): ArmResource {
  return {
    id: `${scope}/providers/Microsoft.Authorization/locks/${name}`,
    name,
    type: 'Microsoft.Authorization/locks',
    properties: {
      level,
      notes: 'Protects a production Azure OpenAI account.',
      owners: [],
    },
  };
}

/** A Defender for AI setting body. */
export function defenderSetting(
  accountId: string,
  state: 'Enabled' | 'Disabled',
): ArmResource {
  return {
    id: `${accountId}/defenderForAISettings/Default`,
    name: 'Default',
    type: 'Microsoft.CognitiveServices/accounts/defenderForAISettings',
    systemData: SYSTEM_DATA,
    properties: { state },
  };
}

/** A network security perimeter configuration of an account (the perimeter enforces access). */
export function nspConfiguration(
  accountId: string,
  perimeterId: string,
  location: string,
): ArmResource {
  const perimeter = perimeterId.split('/').pop()!;
  const name = `${perimeter}.${guidOf(`nsp-assoc:${accountId}`)}`;
  return {
    id: `${accountId}/networkSecurityPerimeterConfigurations/${name}`,
    name,
    type: 'Microsoft.CognitiveServices/accounts/networkSecurityPerimeterConfigurations',
    properties: {
      provisioningState: 'Succeeded',
      provisioningIssues: [],
      networkSecurityPerimeter: {
        id: perimeterId,
        perimeterGuid: guidOf(`nsp:${perimeterId}`),
        location,
      },
      resourceAssociation: {
        name: `${accountId.split('/').pop()}-assoc`,
        accessMode: 'Enforced',
      },
      profile: {
        name: 'default',
        accessRulesVersion: 1,
        accessRules: [
          {
            name: 'corp-egress',
            properties: {
              direction: 'Inbound',
              addressPrefixes: ['203.0.113.0/24'],
            },
          },
        ],
        diagnosticSettingsVersion: 0,
        enabledLogCategories: [],
      },
    },
  };
}

/** A policy assignment at subscription scope, enforced. */
export function policyAssignment(
  sub: string,
  name: string,
  displayName: string,
  definitionId: string,
): ArmResource {
  return {
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/policyAssignments',
    properties: {
      displayName,
      policyDefinitionId: definitionId,
      scope: `/subscriptions/${sub}`,
      enforcementMode: 'Default',
      notScopes: [],
    },
  };
}

/** The last segment of an ARM id: the resource's name. */
function lastSegment(id: string): string {
  return id.split('/').pop()!;
}

/**
 * A virtual network with its subnets, each subnet also stored as its own resource (so it can be
 * read by id, as a private endpoint's `subnet.id` refers to it).
 */
export function virtualNetwork(
  id: string,
  location: string,
  addressPrefix: string,
  subnets: ReadonlyArray<{ name: string; addressPrefix: string }>,
): ArmResource[] {
  const subnetBodies = subnets.map(s => ({
    id: `${id}/subnets/${s.name}`,
    name: s.name,
    type: 'Microsoft.Network/virtualNetworks/subnets',
    etag: `W/"${guidOf(`etag:${id}/subnets/${s.name}`)}"`,
    properties: {
      provisioningState: 'Succeeded',
      addressPrefix: s.addressPrefix,
      privateEndpointNetworkPolicies: 'Disabled',
      privateLinkServiceNetworkPolicies: 'Enabled',
    },
  }));
  return [
    {
      id,
      name: lastSegment(id),
      type: 'Microsoft.Network/virtualNetworks',
      location,
      etag: `W/"${guidOf(`etag:${id}`)}"`,
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: guidOf(`vnet:${id}`),
        addressSpace: { addressPrefixes: [addressPrefix] },
        enableDdosProtection: false,
      },
    },
    ...subnetBodies,
  ];
}

/** A private DNS zone (global), e.g. `privatelink.openai.azure.com`. */
export function privateDnsZone(id: string): ArmResource {
  return {
    id,
    name: lastSegment(id),
    type: 'Microsoft.Network/privateDnsZones',
    location: 'global',
    etag: guidOf(`etag:${id}`),
    properties: {
      maxNumberOfRecordSets: 25000,
      numberOfRecordSets: 1,
      maxNumberOfVirtualNetworkLinks: 1000,
      numberOfVirtualNetworkLinks: 0,
      maxNumberOfVirtualNetworkLinksWithRegistration: 100,
      numberOfVirtualNetworkLinksWithRegistration: 0,
      provisioningState: 'Succeeded',
    },
  };
}

/** A Log Analytics workspace (pay-as-you-go, 90 days retention). */
export function logAnalyticsWorkspace(
  id: string,
  location: string,
): ArmResource {
  return {
    id,
    name: lastSegment(id),
    type: 'Microsoft.OperationalInsights/workspaces',
    location,
    properties: {
      provisioningState: 'Succeeded',
      customerId: guidOf(`workspace:${id}`),
      sku: { name: 'PerGB2018', lastSkuUpdate: PRESET_TIME },
      retentionInDays: 90,
      features: { enableLogAccessUsingOnlyResourcePermissions: true },
      workspaceCapping: { dailyQuotaGb: -1 },
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      createdDate: PRESET_TIME,
      modifiedDate: PRESET_TIME,
    },
  };
}

/** A user-assigned managed identity with a fixed client id. */
export function userAssignedIdentity(
  id: string,
  location: string,
  clientId: string,
): ArmResource {
  return {
    id,
    name: lastSegment(id),
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location,
    tags: {},
    systemData: SYSTEM_DATA,
    properties: {
      tenantId: guidOf('tenant'),
      principalId: guidOf(`principal:${id}`),
      clientId,
      isolationScope: 'None',
    },
  };
}
