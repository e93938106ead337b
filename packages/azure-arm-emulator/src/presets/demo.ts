import type { ArmResource, EmulatorStateSnapshot } from '../state';
import {
  account,
  accountIdFor,
  catalogTags,
  defenderSetting,
  deployment,
  diagnosticSetting,
  dnsZoneGroup,
  lock,
  logAnalyticsWorkspace,
  policyAssignment,
  privateDnsZone,
  privateEndpoint,
  raiPolicy,
  resourceGroup,
  roleAssignment,
  ROLES,
  userAssignedIdentity,
  virtualNetwork,
} from './builders';

/** Subscriptions of the demo (see `examples/README.md`). @public */
export const DEMO_SUBSCRIPTIONS = {
  prod: '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01',
  dev: '3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02',
} as const;

/** The ARM ids of the demo accounts, exactly as in `examples/accounts.yaml`. @public */
export const DEMO_ACCOUNT_IDS = {
  chatProd: accountIdFor(
    DEMO_SUBSCRIPTIONS.prod,
    'rg-chat-prod',
    'aoai-chat-prod',
  ),
  chatDev: accountIdFor(DEMO_SUBSCRIPTIONS.dev, 'rg-chat-dev', 'aoai-chat-dev'),
  searchProd: accountIdFor(
    DEMO_SUBSCRIPTIONS.prod,
    'rg-search-prod',
    'aoai-search-prod',
  ),
  searchLegacy: accountIdFor(
    DEMO_SUBSCRIPTIONS.dev,
    'rg-search-legacy',
    'aoai-search-legacy',
  ),
} as const;

const PROD = DEMO_SUBSCRIPTIONS.prod;
const DEV = DEMO_SUBSCRIPTIONS.dev;
const WORKSPACE = `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-security-prod`;
const ZONE = `/subscriptions/${PROD}/resourceGroups/rg-network-prod/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com`;
const VNET = (loc: string) =>
  `/subscriptions/${PROD}/resourceGroups/rg-network-prod/providers/Microsoft.Network/virtualNetworks/vnet-prod-${loc}`;
const SUBNET = (loc: string) => `${VNET(loc)}/subnets/snet-private-endpoints`;
const CMK_IDENTITY = `/subscriptions/${PROD}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aoai-cmk`;

/**
 * The shared platform resources of the demo that the golden-path policy in `app-config.yaml`
 * refers to: private endpoint subnets per region, the private DNS zone, the Log Analytics
 * workspace, the user-assigned identity of the customer-managed key, and the resource group
 * templates provision into.
 *
 * @public
 */
export const DEMO_GOLDEN_PATH = {
  subnetIds: {
    swedencentral: SUBNET('swedencentral'),
    westeurope: SUBNET('westeurope'),
  },
  privateDnsZoneId: ZONE,
  logAnalyticsWorkspaceId: WORKSPACE,
  cmkIdentityId: CMK_IDENTITY,
  cmkIdentityClientId: '5b7c9d1e-3f2a-4c6b-8d0e-1a2b3c4d5e6f',
  resourceGroup: {
    subscriptionId: PROD,
    name: 'rg-ai-golden-path',
    location: 'swedencentral',
  },
} as const;
const PRINCIPALS = {
  chatApp: '6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60',
  searchApp: '7c2e4d3b-1a5f-4b9c-8d0e-2f3a4b5c6d71',
  legacyUser: '9e4a6f5d-3c7b-4d1e-8f2a-4b5c6d7e8f93',
  chatDevTeam: '8d3f5e4c-2b6a-4c0d-9e1f-3a4b5c6d7e82',
};

const ACTION_GROUP = `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.Insights/actionGroups/ag-platform-oncall`;

function actionGroup(): ArmResource {
  return {
    id: ACTION_GROUP,
    name: 'ag-platform-oncall',
    type: 'Microsoft.Insights/ActionGroups',
    location: 'global',
    properties: {
      groupShortName: 'oncall',
      enabled: true,
      emailReceivers: [
        {
          name: 'platform',
          emailAddress: 'platform-oncall@example.com',
          useCommonAlertSchema: true,
        },
      ],
    },
  };
}

/** A content-safety alert and an authentication-failure alert on one account. */
function metricAlerts(
  accountId: string,
  location: string,
  label: string,
): ArmResource[] {
  const alert = (
    name: string,
    criterion: Record<string, unknown>,
  ): ArmResource => ({
    id: `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.Insights/metricAlerts/${name}`,
    name,
    type: 'Microsoft.Insights/metricAlerts',
    location: 'global',
    properties: {
      severity: 2,
      enabled: true,
      scopes: [accountId],
      evaluationFrequency: 'PT5M',
      windowSize: 'PT15M',
      targetResourceType: 'Microsoft.CognitiveServices/accounts',
      targetResourceRegion: location,
      criteria: {
        'odata.type':
          'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion',
            timeAggregation: 'Total',
            operator: 'GreaterThan',
            ...criterion,
          },
        ],
      },
      autoMitigate: true,
      actions: [{ actionGroupId: ACTION_GROUP }],
    },
  });
  return [
    alert(`aoai-${label}-rai-blocked`, {
      name: 'blocked',
      metricName: 'RAIRejectedRequests',
      threshold: 10,
    }),
    alert(`aoai-${label}-auth-failures`, {
      name: 'auth',
      metricName: 'AzureOpenAIRequests',
      threshold: 20,
      dimensions: [
        { name: 'StatusCode', operator: 'Include', values: ['401', '403'] },
      ],
    }),
  ];
}

/**
 * What both hardened production accounts carry: full diagnostics to the
 * security workspace, the app's OpenAI User role, a delete lock and Defender.
 */
function hardenedProdEvidence(
  accountId: string,
  appPrincipalId: string,
): ArmResource[] {
  return [
    diagnosticSetting(accountId, 'to-law-security', WORKSPACE, 'full'),
    roleAssignment(
      accountId,
      ROLES.cognitiveServicesOpenAIUser,
      appPrincipalId,
      'ServicePrincipal',
    ),
    lock(accountId, 'do-not-delete', 'CanNotDelete'),
    defenderSetting(accountId, 'Enabled'),
  ];
}

/**
 * The `demo` preset: the four accounts of `examples/accounts.yaml` with the
 * postures described in `examples/README.md`.
 *
 * @public
 */
export function demoPreset(): EmulatorStateSnapshot {
  // aoai-chat-prod: hardened.
  const chatProd = account({
    sub: PROD,
    rg: 'rg-chat-prod',
    name: 'aoai-chat-prod',
    location: 'swedencentral',
    tags: catalogTags('team-chat', 'customer-assistant'),
    publicNetworkAccess: 'Disabled',
    disableLocalAuth: true,
    identity: true,
    restrictOutbound: true,
    allowedFqdns: [
      'srch-chat-prod.search.windows.net',
      'stchatprodswc.blob.core.windows.net',
    ],
    cmk: true,
  });
  const chatProdPe = privateEndpoint(chatProd, {
    sub: PROD,
    rg: 'rg-chat-prod',
    name: 'pe-aoai-chat-prod',
    subnetId: SUBNET('swedencentral'),
  });

  // aoai-chat-dev: partial.
  const chatDev = account({
    sub: DEV,
    rg: 'rg-chat-dev',
    name: 'aoai-chat-dev',
    location: 'swedencentral',
    tags: catalogTags('team-chat', 'customer-assistant'),
    publicNetworkAccess: 'Enabled',
    ipRules: ['203.0.113.0/24', '198.51.100.17'],
    disableLocalAuth: true,
    identity: true,
  });

  // aoai-search-prod: mostly hardened; one weakened filter; PE without DNS zone group.
  const searchProd = account({
    sub: PROD,
    rg: 'rg-search-prod',
    name: 'aoai-search-prod',
    location: 'westeurope',
    tags: catalogTags('team-search', 'knowledge-search'),
    publicNetworkAccess: 'Disabled',
    disableLocalAuth: true,
    identity: true,
    restrictOutbound: true,
    allowedFqdns: ['srch-knowledge-prod.search.windows.net'],
  });
  const searchProdPe = privateEndpoint(searchProd, {
    sub: PROD,
    rg: 'rg-search-prod',
    name: 'pe-aoai-search-prod',
    subnetId: SUBNET('westeurope'),
  });

  // aoai-search-legacy: insecure.
  const legacy = account({
    sub: DEV,
    rg: 'rg-search-legacy',
    name: 'aoai-search-legacy',
    location: 'eastus',
    tags: catalogTags('team-search', 'knowledge-search'),
    publicNetworkAccess: 'Enabled',
    disableLocalAuth: false,
    identity: false,
    customSubDomain: false,
  });

  const resources = [
    resourceGroup(PROD, 'rg-chat-prod', 'swedencentral'),
    resourceGroup(PROD, 'rg-search-prod', 'westeurope'),
    resourceGroup(PROD, 'rg-network-prod', 'westeurope'),
    resourceGroup(PROD, 'rg-monitoring', 'westeurope'),
    resourceGroup(DEV, 'rg-chat-dev', 'swedencentral'),
    resourceGroup(DEV, 'rg-search-legacy', 'eastus'),
    resourceGroup(PROD, 'rg-ai-golden-path', 'swedencentral'),
    resourceGroup(PROD, 'rg-security', 'westeurope'),

    // Shared platform resources the golden-path policy refers to (no Cognitive Services account).
    ...virtualNetwork(VNET('swedencentral'), 'swedencentral', '10.10.0.0/16', [
      { name: 'snet-private-endpoints', addressPrefix: '10.10.1.0/24' },
    ]),
    ...virtualNetwork(VNET('westeurope'), 'westeurope', '10.20.0.0/16', [
      { name: 'snet-private-endpoints', addressPrefix: '10.20.1.0/24' },
    ]),
    privateDnsZone(ZONE),
    logAnalyticsWorkspace(WORKSPACE, 'westeurope'),
    userAssignedIdentity(
      CMK_IDENTITY,
      'westeurope',
      DEMO_GOLDEN_PATH.cmkIdentityClientId,
    ),

    chatProd,
    raiPolicy(chatProd.id, 'chat-strict', 'strict'),
    deployment(chatProd.id, 'gpt-4.1', {
      model: 'gpt-4.1',
      version: '2025-04-14',
      sku: 'DataZoneStandard',
      capacity: 100,
      raiPolicyName: 'chat-strict',
      upgrade: 'OnceCurrentVersionExpired',
    }),
    deployment(chatProd.id, 'gpt-4.1-mini', {
      model: 'gpt-4.1-mini',
      version: '2025-04-14',
      sku: 'DataZoneStandard',
      capacity: 200,
      raiPolicyName: 'chat-strict',
      upgrade: 'OnceCurrentVersionExpired',
    }),
    chatProdPe,
    dnsZoneGroup(chatProdPe.id, 'default', [ZONE]),
    ...hardenedProdEvidence(chatProd.id, PRINCIPALS.chatApp),

    chatDev,
    deployment(chatDev.id, 'gpt-4o-mini', {
      model: 'gpt-4o-mini',
      version: '2024-07-18',
      sku: 'GlobalStandard',
      capacity: 50,
    }),
    deployment(chatDev.id, 'text-embedding-3-small', {
      model: 'text-embedding-3-small',
      version: '1',
      sku: 'Standard',
      capacity: 30,
    }),
    roleAssignment(
      chatDev.id,
      ROLES.cognitiveServicesOpenAIContributor,
      PRINCIPALS.chatDevTeam,
      'Group',
    ),
    defenderSetting(chatDev.id, 'Disabled'),

    searchProd,
    raiPolicy(searchProd.id, 'search-strict', 'strict'),
    raiPolicy(searchProd.id, 'search-relaxed', 'weakened'),
    deployment(searchProd.id, 'text-embedding-3-large', {
      model: 'text-embedding-3-large',
      version: '1',
      sku: 'Standard',
      capacity: 120,
      raiPolicyName: 'search-strict',
      upgrade: 'OnceCurrentVersionExpired',
    }),
    deployment(searchProd.id, 'gpt-4.1', {
      model: 'gpt-4.1',
      version: '2025-04-14',
      sku: 'GlobalStandard',
      capacity: 150,
      raiPolicyName: 'search-relaxed',
      upgrade: 'OnceCurrentVersionExpired',
    }),
    searchProdPe,
    ...hardenedProdEvidence(searchProd.id, PRINCIPALS.searchApp),

    legacy,
    deployment(legacy.id, 'gpt-35-turbo', {
      model: 'gpt-35-turbo',
      version: '0125',
      sku: 'Standard',
      capacity: 60,
    }),
    roleAssignment(legacy.id, ROLES.owner, PRINCIPALS.legacyUser, 'User'),
    roleAssignment(
      legacy.id,
      ROLES.cognitiveServicesUser,
      PRINCIPALS.searchApp,
      'ServicePrincipal',
    ),

    // Subscription-level evidence.
    {
      ...diagnosticSetting(
        `/subscriptions/${PROD}`,
        'activity-log-to-law',
        WORKSPACE,
        'full',
      ),
      properties: {
        workspaceId: WORKSPACE,
        logs: ['Administrative', 'Security', 'Policy', 'Alert'].map(
          category => ({ category, enabled: true }),
        ),
      },
    },
    {
      id: `/subscriptions/${PROD}/providers/Microsoft.Security/pricings/AI`,
      name: 'AI',
      type: 'Microsoft.Security/pricings',
      properties: {
        pricingTier: 'Standard',
        freeTrialRemainingTime: 'PT0S',
        enablementTime: '2025-09-01T00:00:00Z',
      },
    },
    {
      id: `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.Insights/activityLogAlerts/alert-aoai-account-changes`,
      name: 'alert-aoai-account-changes',
      type: 'Microsoft.Insights/ActivityLogAlerts',
      location: 'global',
      properties: {
        scopes: [`/subscriptions/${PROD}`],
        enabled: true,
        condition: {
          allOf: [
            { field: 'category', equals: 'Administrative' },
            {
              field: 'resourceType',
              equals: 'Microsoft.CognitiveServices/accounts',
            },
          ],
        },
        actions: { actionGroups: [{ actionGroupId: ACTION_GROUP }] },
      },
    },
    actionGroup(),
    ...metricAlerts(chatProd.id, 'swedencentral', 'chat-prod'),
    ...metricAlerts(searchProd.id, 'westeurope', 'search-prod'),
    policyAssignment(
      PROD,
      'mcsb',
      'Microsoft cloud security benchmark',
      '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
    ),
    policyAssignment(
      PROD,
      'aoai-managed-identity',
      'Azure AI Services resources should use a managed identity',
      '/providers/Microsoft.Authorization/policyDefinitions/fe3fd216-4f83-4fc1-8984-2bbec80a3418',
    ),
    policyAssignment(
      PROD,
      'defender-for-ai',
      'Enable threat protection for AI workloads',
      '/providers/Microsoft.Authorization/policyDefinitions/c2c0c6d8-007b-4a48-8d9b-3539bddd8e87',
    ),
    policyAssignment(
      PROD,
      'deny-aoai-public-access',
      'Azure AI Services resources should restrict network access',
      '/providers/Microsoft.Authorization/policyDefinitions/037eea7a-bd0a-46c5-9a66-03aea78705d3',
    ),
  ];
  return {
    version: 1,
    resources,
    deletedAccounts: [],
    subscriptions: [
      { subscriptionId: PROD, displayName: 'prod' },
      { subscriptionId: DEV, displayName: 'dev' },
    ],
  };
}
