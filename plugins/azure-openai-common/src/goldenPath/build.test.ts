import { buildDesiredState } from './build';
import { validateProvisionInputs } from './validate';
import { preflight, defaultPreflightControls } from './preflight';
import { deterministicGuid } from './guid';
import {
  NOW,
  PROFILES,
  SUB,
  testPolicy,
  validInputs,
} from '../__fixtures__/goldenPath';
import { DEFAULT_CONTENT_FILTER_PROFILES } from '../types';
import type { GoldenPathPolicy } from '../types';

const GUID_V5 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ACCOUNT_ID = `/subscriptions/${SUB}/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/aoai-payments-prod-weu`;

describe('buildDesiredState', () => {
  it.each(PROFILES)(
    'with the "%s" profile passes every required control',
    profile => {
      const result = preflight(
        validInputs({ contentFilterProfile: profile }),
        testPolicy,
        { now: NOW },
      );
      expect(result.problems).toEqual([]);
      expect(result.blocking).toEqual([]);
      expect(result.ok).toBe(true);
      const required = new Set(result.requiredControls);
      const statuses = result.evaluation.results
        .filter(r => required.has(r.controlId))
        .map(r => [r.controlId, r.status]);
      expect(statuses).toHaveLength(defaultPreflightControls().length);
      // the test policy exercises every required control: none is merely not applicable
      expect(statuses.filter(([, s]) => s !== 'pass')).toEqual([]);
    },
  );

  it.each(Object.keys(DEFAULT_CONTENT_FILTER_PROFILES))(
    'with the built-in "%s" profile (policy without profiles) passes every required control',
    profile => {
      const { contentFilterProfiles: _, ...policy } = testPolicy;
      const result = preflight(
        validInputs({ contentFilterProfile: profile }),
        policy,
        { now: NOW },
      );
      expect(result.blocking).toEqual([]);
      expect(result.ok).toBe(true);
    },
  );

  it('requires the content-filter and network controls by default', () => {
    expect(defaultPreflightControls()).toEqual(
      expect.arrayContaining([
        'AOAI-NET-001',
        'AOAI-NET-002',
        'AOAI-NET-005',
        'AOAI-IAM-001',
        'AOAI-DATA-002',
        'AOAI-DATA-004',
        'AOAI-LOG-001',
        'AOAI-BCDR-005',
        'AOAI-SVC-003',
      ]),
    );
    // subscription-level and uncollectable evidence is not the builder's to promise
    expect(defaultPreflightControls()).not.toContain('AOAI-LOG-004');
    expect(defaultPreflightControls()).not.toContain('AOAI-NET-003');
    expect(defaultPreflightControls()).not.toContain('AOAI-BCDR-008');
  });

  it('hardens the account by construction', () => {
    const { account } = buildDesiredState(validInputs(), testPolicy);
    expect(account.id).toBe(ACCOUNT_ID);
    expect(account.body).toMatchObject({
      location: 'westeurope',
      kind: 'OpenAI',
      sku: { name: 'S0' },
      identity: { type: 'SystemAssigned, UserAssigned' },
      properties: {
        customSubDomainName: 'aoai-payments-prod-weu',
        publicNetworkAccess: 'Disabled',
        networkAcls: {
          defaultAction: 'Deny',
          bypass: 'None',
          ipRules: [],
          virtualNetworkRules: [],
        },
        disableLocalAuth: true,
        restrictOutboundNetworkAccess: true,
        allowedFqdnList: ['srch-payments.search.windows.net'],
        dynamicThrottlingEnabled: false,
        encryption: {
          keySource: 'Microsoft.KeyVault',
          keyVaultProperties: {
            keyVaultUri: 'https://kv-payments-prod.vault.azure.net/',
            keyName: 'aoai-cmk',
            identityClientId: '7d1f0c2a-0000-4000-8000-000000000c3c',
          },
        },
      },
    });
    expect(account.body.tags).toEqual({
      'backstage.io-owner': 'group:default/team-payments',
      'backstage.io-system': 'payments',
      'cost-center': 'cc-1234',
      'data-classification': 'confidential',
    });
  });

  it('uses a system-assigned identity only when the key is read by it or there is no key', () => {
    const { account } = buildDesiredState(
      validInputs({ customerManagedKey: undefined }),
      { ...testPolicy, requireCustomerManagedKeys: false },
    );
    expect(account.body.identity).toEqual({ type: 'SystemAssigned' });
    expect(account.body.properties).not.toHaveProperty('encryption');
  });

  it('does not let extra tags override the golden-path tags', () => {
    const { account } = buildDesiredState(
      validInputs({
        tags: { 'backstage.io-owner': 'someone-else', 'cost-center': 'x' },
      }),
      testPolicy,
    );
    expect(account.body.tags).toMatchObject({
      'backstage.io-owner': 'group:default/team-payments',
      'cost-center': 'cc-1234',
    });
  });

  it('pins every deployment to its version with the profile RAI policy', () => {
    const state = buildDesiredState(
      validInputs({ contentFilterProfile: 'standard' }),
      testPolicy,
    );
    expect(state.raiPolicy.id).toBe(
      `${ACCOUNT_ID}/raiPolicies/golden-path-standard`,
    );
    expect(state.deployments.map(d => d.id)).toEqual([
      `${ACCOUNT_ID}/deployments/chat`,
      `${ACCOUNT_ID}/deployments/embeddings`,
    ]);
    for (const d of state.deployments) {
      expect(d.body).toMatchObject({
        properties: {
          model: { format: 'OpenAI' },
          versionUpgradeOption: 'OnceCurrentVersionExpired',
          raiPolicyName: 'golden-path-standard',
        },
      });
    }
    expect(state.deployments[0].body).toMatchObject({
      sku: { name: 'DataZoneStandard', capacity: 150 },
      properties: { model: { name: 'gpt-4o', version: '2024-11-20' } },
    });
    const filters = (
      state.raiPolicy.body.properties as { contentFilters: unknown[] }
    ).contentFilters;
    expect(filters).toEqual(
      expect.arrayContaining([
        {
          name: 'Hate',
          enabled: true,
          blocking: true,
          source: 'Prompt',
          severityThreshold: 'Medium',
        },
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
      ]),
    );
    expect(state.raiPolicy.body.properties).toMatchObject({ mode: 'Default' });
  });

  it('builds the private endpoint, DNS zone group, diagnostics, roles and lock', () => {
    const state = buildDesiredState(validInputs(), testPolicy);
    const peId = `/subscriptions/${SUB}/resourceGroups/rg-ai-prod/providers/Microsoft.Network/privateEndpoints/pep-aoai-payments-prod-weu-account`;
    expect(state.privateEndpoint.id).toBe(peId);
    expect(state.privateEndpoint.body).toMatchObject({
      location: 'westeurope',
      properties: {
        subnet: { id: testPolicy.privateEndpointSubnetId },
        privateLinkServiceConnections: [
          {
            properties: {
              privateLinkServiceId: ACCOUNT_ID,
              groupIds: ['account'],
            },
          },
        ],
      },
    });
    expect(state.privateDnsZoneGroup.id).toBe(
      `${peId}/privateDnsZoneGroups/default`,
    );
    expect(state.privateDnsZoneGroup.body).toEqual({
      properties: {
        privateDnsZoneConfigs: [
          {
            name: 'privatelink-openai-azure-com',
            properties: { privateDnsZoneId: testPolicy.privateDnsZoneIds![0] },
          },
        ],
      },
    });
    expect(state.diagnosticSettings.body).toEqual({
      properties: {
        workspaceId: testPolicy.logAnalyticsWorkspaceId,
        logs: [
          'Audit',
          'RequestResponse',
          'AzureOpenAIRequestUsage',
          'Trace',
        ].map(category => ({ category, enabled: true })),
        metrics: [{ category: 'AllMetrics', enabled: true }],
      },
    });
    expect(state.roleAssignments).toHaveLength(1);
    expect(state.roleAssignments[0].name).toMatch(GUID_V5);
    expect(state.roleAssignments[0].body).toEqual({
      properties: {
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`,
        principalId: 'c0ffee00-0000-4000-8000-00000000a991',
        principalType: 'ServicePrincipal',
      },
    });
    expect(state.lock.id).toBe(
      `${ACCOUNT_ID}/providers/Microsoft.Authorization/locks/golden-path-no-delete`,
    );
    expect(state.lock.body).toMatchObject({
      properties: { level: 'CanNotDelete' },
    });
  });
});

describe('determinism', () => {
  it('gives identical output for identical inputs', () => {
    const a = buildDesiredState(validInputs(), testPolicy);
    const b = buildDesiredState(validInputs(), testPolicy);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const pa = preflight(validInputs(), testPolicy, { now: NOW });
    const pb = preflight(validInputs(), testPolicy, { now: NOW });
    expect(JSON.stringify(pb)).toBe(JSON.stringify(pa));
  });

  it('does not depend on the order of consumers or tags', () => {
    const ids = [
      'c0ffee00-0000-4000-8000-00000000a991',
      'c0ffee00-0000-4000-8000-00000000a992',
    ];
    const a = buildDesiredState(
      validInputs({ consumerPrincipalIds: ids, tags: { a: '1', b: '2' } }),
      testPolicy,
    );
    const b = buildDesiredState(
      validInputs({
        consumerPrincipalIds: [...ids].reverse(),
        tags: { b: '2', a: '1' },
      }),
      testPolicy,
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('names role assignments from scope, principal and role', () => {
    const name = (principal: string, policy: GoldenPathPolicy = testPolicy) =>
      buildDesiredState(
        validInputs({ consumerPrincipalIds: [principal] }),
        policy,
      ).roleAssignments[0].name;
    const p1 = 'c0ffee00-0000-4000-8000-00000000a991';
    const p2 = 'c0ffee00-0000-4000-8000-00000000a992';
    expect(name(p1)).toBe(name(p1));
    expect(name(p1)).not.toBe(name(p2));
    expect(
      name(p1, {
        ...testPolicy,
        consumerRoleDefinitionId: 'a97b65f3-24c7-4388-baec-2e87135dc908',
      }),
    ).not.toBe(name(p1));
  });

  it('implements RFC 4122 version 5 GUIDs', () => {
    // the well-known example: uuidv5('www.example.com', DNS namespace)
    expect(
      deterministicGuid(
        'www.example.com',
        '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      ),
    ).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(deterministicGuid('x')).toMatch(GUID_V5);
    expect(deterministicGuid(`é 😀 ${'a'.repeat(200)}`)).toMatch(GUID_V5);
  });
});

describe('buildDesiredState: the policy default customer-managed key', () => {
  it('encrypts with the policy key when the developer gives none, and the input key wins', () => {
    const policyKey = {
      keyVaultUri: 'https://kv-platform.vault.azure.net/',
      keyName: 'aoai-platform',
      identity: {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg-sec/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk`,
        clientId: '11111111-0000-4000-8000-000000000001',
      },
    };
    const policy = { ...testPolicy, defaultCustomerManagedKey: policyKey };
    const withoutKey = { ...validInputs(), customerManagedKey: undefined };
    const props = (s: ReturnType<typeof buildDesiredState>) =>
      (s.account.body.properties as any).encryption.keyVaultProperties;
    expect(props(buildDesiredState(withoutKey, policy)).keyName).toBe(
      'aoai-platform',
    );
    expect(validateProvisionInputs(withoutKey, policy)).toEqual([]);
    expect(validateProvisionInputs(withoutKey, testPolicy)).toContainEqual(
      expect.objectContaining({ field: 'customerManagedKey' }),
    );
    expect(props(buildDesiredState(validInputs(), policy)).keyName).toBe(
      'aoai-cmk',
    );
  });
});

describe('buildDesiredState: private endpoint subnet per region', () => {
  it('puts the private endpoint in the subnet of its region, else the default subnet', () => {
    const weu = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-weu/subnets/snet-pe`;
    const policy = {
      ...testPolicy,
      privateEndpointSubnetIdsByRegion: { 'West Europe': weu },
    };
    const subnetOf = (region: string) =>
      (
        buildDesiredState(validInputs({ region }), policy).privateEndpoint.body
          .properties as any
      ).subnet.id;
    expect(subnetOf('westeurope')).toBe(weu);
    expect(subnetOf('swedencentral')).toBe(testPolicy.privateEndpointSubnetId);
  });

  it('reports a missing subnet for the chosen region', () => {
    const policy = { ...testPolicy, privateEndpointSubnetId: undefined };
    expect(validateProvisionInputs(validInputs(), policy)).toContainEqual(
      expect.objectContaining({
        field: 'policy.privateEndpointSubnetId',
        message: expect.stringContaining('westeurope'),
      }),
    );
  });
});

describe('buildDesiredState: Defender for AI and alerts', () => {
  it('turns Defender for AI on and alerts on content-safety and authentication signals when the policy names an action group', () => {
    const actionGroup = `/subscriptions/${SUB}/resourceGroups/rg-mon/providers/Microsoft.Insights/actionGroups/ag-oncall`;
    const policy = { ...testPolicy, alertActionGroupId: actionGroup };
    const state = buildDesiredState(validInputs(), policy);

    expect(state.defenderForAISettings.body).toEqual({
      properties: { state: 'Enabled' },
    });
    expect(state.metricAlerts.map(a => a.name)).toEqual([
      'aoai-payments-prod-weu-rai-rejected',
      'aoai-payments-prod-weu-auth-failures',
    ]);
    const result = preflight(validInputs(), policy, { now: NOW });
    const status = (id: string) =>
      result.evaluation.results.find(r => r.controlId === id)?.status;
    expect(status('AOAI-LOG-002')).toBe('pass');
    expect(status('AOAI-LOG-006')).toBe('pass');
  });

  it('creates no alert without an action group, and the alerting control then fails', () => {
    const state = buildDesiredState(validInputs(), testPolicy);
    expect(state.metricAlerts).toEqual([]);
    const result = preflight(validInputs(), testPolicy, { now: NOW });
    expect(
      result.evaluation.results.find(r => r.controlId === 'AOAI-LOG-002')
        ?.status,
    ).toBe('fail');
  });
});
