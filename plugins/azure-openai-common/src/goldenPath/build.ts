import { resolvePolicy } from '../engine/policy';
import type {
  ContentFilterProfile,
  GoldenPathPolicy,
  ResolvedGoldenPathPolicy,
} from '../types';
import { deterministicGuid } from './guid';
import {
  accountId,
  DIAGNOSTIC_SETTING_NAME,
  DNS_ZONE_GROUP_NAME,
  lastSegment,
  LOCK_NAME,
  privateEndpointId,
  privateEndpointName,
  privateEndpointSubnetFor,
  raiPolicyName,
  resourceGroupId,
  roleDefinitionId,
} from './ids';
import { normalizeInputs } from './normalize';
import type { NormalizedInputs } from './normalize';
import type {
  ArmBody,
  ArmResourceRequest,
  DesiredState,
  ProvisionInputs,
} from './types';

/**
 * api-versions the golden path's request bodies are written for.
 *
 * @public
 */
export const GOLDEN_PATH_API_VERSIONS = Object.freeze({
  cognitiveServices: '2024-10-01',
  network: '2024-05-01',
  diagnosticSettings: '2021-05-01-preview',
  defenderForAISettings: '2025-06-01',
  metricAlerts: '2018-03-01',
  roleAssignments: '2022-04-01',
  locks: '2020-05-01',
});

/**
 * Log categories of an Azure OpenAI account the golden path always collects.
 *
 * @public
 */
export const GOLDEN_PATH_LOG_CATEGORIES: readonly string[] = Object.freeze([
  'Audit',
  'RequestResponse',
  'AzureOpenAIRequestUsage',
  'Trace',
]);

const HARM_CATEGORIES = ['Hate', 'Sexual', 'Violence', 'Selfharm'];

function request(
  id: string,
  type: string,
  apiVersion: string,
  body: ArmBody,
): ArmResourceRequest {
  return { id, name: lastSegment(id), type, apiVersion, body };
}

function sortedTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(tags).sort()) out[k] = tags[k];
  return out;
}

/** Tags of the account: extra tags, then policy tags, then the golden path's own (which win). */
function accountTags(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
): Record<string, string> {
  return sortedTags({
    ...i.tags,
    ...p.stampTags,
    'backstage.io-owner': i.owner,
    'backstage.io-system': i.system,
  });
}

function buildAccount(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  id: string,
): ArmResourceRequest {
  const cmk = i.customerManagedKey;
  const uami =
    cmk && cmk.identity !== 'SystemAssigned' ? cmk.identity : undefined;
  const identity: ArmBody = uami
    ? {
        type: 'SystemAssigned, UserAssigned',
        userAssignedIdentities: { [uami.resourceId]: {} },
      }
    : { type: 'SystemAssigned' };
  const properties: Record<string, unknown> = {
    customSubDomainName: i.customSubDomainName,
    publicNetworkAccess: 'Disabled',
    networkAcls: {
      defaultAction: 'Deny',
      bypass: 'None',
      ipRules: [],
      virtualNetworkRules: [],
    },
    disableLocalAuth: true,
    restrictOutboundNetworkAccess: true,
    allowedFqdnList: [...p.allowedOutboundFqdns],
    dynamicThrottlingEnabled: false,
  };
  if (cmk) {
    properties.encryption = {
      keySource: 'Microsoft.KeyVault',
      keyVaultProperties: {
        keyVaultUri: cmk.keyVaultUri,
        keyName: cmk.keyName,
        ...(cmk.keyVersion ? { keyVersion: cmk.keyVersion } : {}),
        ...(uami ? { identityClientId: uami.clientId } : {}),
      },
    };
  }
  return request(
    id,
    'Microsoft.CognitiveServices/accounts',
    GOLDEN_PATH_API_VERSIONS.cognitiveServices,
    {
      location: i.region,
      kind: 'OpenAI',
      sku: { name: 'S0' },
      identity,
      tags: accountTags(i, p),
      properties,
    },
  );
}

/** A metric alert on one signal of the account, notifying the action group. */
function metricAlert(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  accId: string,
  suffix: string,
  description: string,
  criterion: Record<string, unknown>,
): ArmResourceRequest {
  return request(
    `${resourceGroupId(
      i.subscriptionId,
      i.resourceGroup,
    )}/providers/Microsoft.Insights/metricAlerts/${i.accountName}-${suffix}`,
    'Microsoft.Insights/metricAlerts',
    GOLDEN_PATH_API_VERSIONS.metricAlerts,
    {
      location: 'global',
      tags: accountTags(i, p),
      properties: {
        description,
        severity: 2,
        enabled: true,
        scopes: [accId],
        evaluationFrequency: 'PT5M',
        windowSize: 'PT15M',
        targetResourceType: 'Microsoft.CognitiveServices/accounts',
        targetResourceRegion: i.region,
        criteria: {
          'odata.type':
            'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
          allOf: [
            {
              criterionType: 'StaticThresholdCriterion',
              metricNamespace: 'Microsoft.CognitiveServices/accounts',
              timeAggregation: 'Total',
              operator: 'GreaterThan',
              ...criterion,
            },
          ],
        },
        autoMitigate: true,
        actions: [{ actionGroupId: p.alertActionGroupId }],
      },
    },
  );
}

/** The golden path's alerts: content-safety rejections and authentication failures. */
function metricAlerts(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  accId: string,
): ArmResourceRequest[] {
  if (!p.alertActionGroupId) return [];
  return [
    metricAlert(
      i,
      p,
      accId,
      'rai-rejected',
      'Golden path: requests rejected by the content filter',
      {
        name: 'rai-rejected',
        metricName: 'RAIRejectedRequests',
        threshold: 10,
      },
    ),
    metricAlert(
      i,
      p,
      accId,
      'auth-failures',
      'Golden path: authentication and authorization failures',
      {
        name: 'auth-failures',
        metricName: 'AzureOpenAIRequests',
        threshold: 20,
        dimensions: [
          { name: 'StatusCode', operator: 'Include', values: ['401', '403'] },
        ],
      },
    ),
  ];
}

/**
 * The content filters of a profile. Prompt shields and protected-material detection are always
 * on and blocking (protected code blocks only when the profile says so); the profile sets the
 * harm threshold.
 */
function contentFilters(profile: ContentFilterProfile): ArmBody[] {
  const threshold = profile.severityThreshold ?? 'Medium';
  const filters: ArmBody[] = [];
  for (const name of HARM_CATEGORIES) {
    for (const source of ['Prompt', 'Completion']) {
      filters.push({
        name,
        enabled: true,
        blocking: true,
        source,
        severityThreshold: threshold,
      });
    }
  }
  filters.push(
    { name: 'Jailbreak', enabled: true, blocking: true, source: 'Prompt' },
    {
      name: 'Indirect Attack',
      enabled: true,
      blocking: true,
      source: 'Prompt',
    },
    {
      name: 'Protected Material Text',
      enabled: true,
      blocking: true,
      source: 'Completion',
    },
    {
      name: 'Protected Material Code',
      enabled: true,
      blocking: profile.blockProtectedMaterialCode === true,
      source: 'Completion',
    },
  );
  if (profile.blockProfanity) {
    for (const source of ['Prompt', 'Completion']) {
      filters.push({
        name: 'Profanity',
        enabled: true,
        blocking: true,
        source,
      });
    }
  }
  return filters;
}

/**
 * Builds everything the golden path writes for one account, as raw ARM request bodies with their
 * ids, hardened by construction.
 *
 * @remarks
 * Pure and deterministic: the same inputs and policy give a deep-equal result, and nothing is read
 * from the clock or the network. It never throws; malformed inputs give a desired state that
 * {@link validateProvisionInputs} and {@link preflight} reject. Always call {@link preflight}
 * before writing anything.
 *
 * Hardened defaults: public network access disabled; network ACLs deny by default with no bypass;
 * local (key) auth disabled; custom subdomain; system-assigned identity (plus the user-assigned
 * identity of the customer-managed key, when given); outbound access restricted to the policy's
 * FQDNs; dynamic throttling off; a custom RAI policy from the chosen profile on every deployment;
 * pinned model versions; a private endpoint with its DNS zone group; diagnostic settings with
 * every OpenAI log category and AllMetrics; Defender for AI on; alerts on content-safety
 * rejections and authentication failures (with the policy's action group); the consumer role for each consumer; a CanNotDelete
 * lock; the `backstage.io-owner` and `backstage.io-system` tags.
 *
 * @param inputs - what the developer asked for
 * @param policy - the golden-path policy
 * @public
 */
export function buildDesiredState(
  inputs: ProvisionInputs,
  policy?: GoldenPathPolicy,
): DesiredState {
  const p = resolvePolicy(
    policy && typeof policy === 'object' ? policy : undefined,
  );
  const i = normalizeInputs(inputs, p.defaultCustomerManagedKey);
  const accId = accountId(i.subscriptionId, i.resourceGroup, i.accountName);
  const profile: ContentFilterProfile = Object.prototype.hasOwnProperty.call(
    p.contentFilterProfiles,
    i.contentFilterProfile,
  )
    ? p.contentFilterProfiles[i.contentFilterProfile]
    : {};
  const rai = raiPolicyName(i.contentFilterProfile);
  const peName = privateEndpointName(i.accountName);
  const peId = privateEndpointId(i.subscriptionId, i.resourceGroup, peName);
  const roleId = roleDefinitionId(i.subscriptionId, p.consumerRoleDefinitionId);
  const consumers = [...new Set(i.consumerPrincipalIds)].sort();

  return {
    account: buildAccount(i, p, accId),
    raiPolicy: request(
      `${accId}/raiPolicies/${rai}`,
      'Microsoft.CognitiveServices/accounts/raiPolicies',
      GOLDEN_PATH_API_VERSIONS.cognitiveServices,
      {
        properties: {
          basePolicyName: 'Microsoft.DefaultV2',
          mode: 'Default',
          contentFilters: contentFilters(profile),
        },
      },
    ),
    deployments: i.deployments.map(d =>
      request(
        `${accId}/deployments/${d.name}`,
        'Microsoft.CognitiveServices/accounts/deployments',
        GOLDEN_PATH_API_VERSIONS.cognitiveServices,
        {
          sku: {
            name: d.sku,
            capacity: Number.isFinite(d.capacity) ? d.capacity : null,
          },
          properties: {
            model: { format: 'OpenAI', name: d.model, version: d.version },
            versionUpgradeOption: 'OnceCurrentVersionExpired',
            raiPolicyName: rai,
          },
        },
      ),
    ),
    privateEndpoint: request(
      peId,
      'Microsoft.Network/privateEndpoints',
      GOLDEN_PATH_API_VERSIONS.network,
      {
        location: i.region,
        tags: accountTags(i, p),
        properties: {
          subnet: { id: privateEndpointSubnetFor(p, i.region) },
          customNetworkInterfaceName: `${peName}-nic`,
          privateLinkServiceConnections: [
            {
              name: peName,
              properties: {
                privateLinkServiceId: accId,
                groupIds: ['account'],
              },
            },
          ],
        },
      },
    ),
    privateDnsZoneGroup: request(
      `${peId}/privateDnsZoneGroups/${DNS_ZONE_GROUP_NAME}`,
      'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      GOLDEN_PATH_API_VERSIONS.network,
      {
        properties: {
          privateDnsZoneConfigs: [...p.privateDnsZoneIds]
            .sort()
            .map(zoneId => ({
              name: lastSegment(zoneId).replace(/\./g, '-'),
              properties: { privateDnsZoneId: zoneId },
            })),
        },
      },
    ),
    diagnosticSettings: request(
      `${accId}/providers/Microsoft.Insights/diagnosticSettings/${DIAGNOSTIC_SETTING_NAME}`,
      'Microsoft.Insights/diagnosticSettings',
      GOLDEN_PATH_API_VERSIONS.diagnosticSettings,
      {
        properties: {
          workspaceId: p.logAnalyticsWorkspaceId,
          logs: GOLDEN_PATH_LOG_CATEGORIES.map(category => ({
            category,
            enabled: true,
          })),
          metrics: [{ category: 'AllMetrics', enabled: true }],
        },
      },
    ),
    defenderForAISettings: request(
      `${accId}/defenderForAISettings/Default`,
      'Microsoft.CognitiveServices/accounts/defenderForAISettings',
      GOLDEN_PATH_API_VERSIONS.defenderForAISettings,
      { properties: { state: 'Enabled' } },
    ),
    metricAlerts: metricAlerts(i, p, accId),
    roleAssignments: consumers.map(principalId =>
      request(
        `${accId}/providers/Microsoft.Authorization/roleAssignments/${deterministicGuid(
          `${accId.toLowerCase()}|${principalId.toLowerCase()}|${roleId.toLowerCase()}`,
        )}`,
        'Microsoft.Authorization/roleAssignments',
        GOLDEN_PATH_API_VERSIONS.roleAssignments,
        {
          properties: {
            roleDefinitionId: roleId,
            principalId,
            principalType: 'ServicePrincipal',
          },
        },
      ),
    ),
    lock: request(
      `${accId}/providers/Microsoft.Authorization/locks/${LOCK_NAME}`,
      'Microsoft.Authorization/locks',
      GOLDEN_PATH_API_VERSIONS.locks,
      {
        properties: {
          level: 'CanNotDelete',
          notes: 'Golden path: protect the Azure OpenAI account from deletion.',
        },
      },
    ),
  };
}
