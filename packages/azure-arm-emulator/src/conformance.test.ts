import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { NetworkManagementClient } from '@azure/arm-network';
import { MonitorClient } from '@azure/arm-monitor';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { emulatorPipelinePolicy, staticTokenCredential } from './clientPolicy';
import { startEmulator, type RunningEmulator } from './startEmulator';
import { DEMO_ACCOUNT_IDS, DEMO_SUBSCRIPTIONS } from './presets/demo';
import { generateFleet } from './presets/fleet';
import { sdkOptions, withEmulator } from './__testUtils__/emulatorHarness';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'rg-golden';

describe('golden path end to end with the real SDK clients', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo' });
  });
  afterAll(() => emu.stop());

  const opts = () => sdkOptions(emu.url);
  const cred = staticTokenCredential();
  const poll = { updateIntervalInMs: 1 };

  it('creates account, deployment, RAI policy, private endpoint, diagnostics and role assignment, then lists them', async () => {
    const resources = new ResourceManagementClient(cred, SUB, opts());
    await resources.resourceGroups.createOrUpdate(RG, {
      location: 'swedencentral',
    });
    expect((await resources.resourceGroups.get(RG)).location).toBe(
      'swedencentral',
    );

    const cs = new CognitiveServicesManagementClient(cred, SUB, opts());
    const account = await cs.accounts.beginCreateAndWait(
      RG,
      'aoai-golden',
      {
        location: 'swedencentral',
        kind: 'OpenAI',
        sku: { name: 'S0' },
        identity: { type: 'SystemAssigned' },
        properties: {
          customSubDomainName: 'aoai-golden',
          publicNetworkAccess: 'Disabled',
          disableLocalAuth: true,
        },
      },
      poll,
    );
    await cs.raiPolicies.createOrUpdate(RG, 'aoai-golden', 'strict', {
      properties: {
        mode: 'Blocking',
        basePolicyName: 'Microsoft.DefaultV2',
        contentFilters: [
          {
            name: 'Jailbreak',
            enabled: true,
            blocking: true,
            source: 'Prompt',
          },
        ],
      },
    });
    const dep = await cs.deployments.beginCreateOrUpdateAndWait(
      RG,
      'aoai-golden',
      'chat',
      {
        sku: { name: 'DataZoneStandard', capacity: 50 },
        properties: {
          model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' },
          raiPolicyName: 'strict',
        },
      },
      poll,
    );
    expect(dep.properties?.provisioningState).toBe('Succeeded');

    const network = new NetworkManagementClient(cred, SUB, opts());
    const pe = await network.privateEndpoints.beginCreateOrUpdateAndWait(
      RG,
      'pe-golden',
      {
        location: 'swedencentral',
        subnet: {
          id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
        },
        privateLinkServiceConnections: [
          {
            name: 'c',
            privateLinkServiceId: account.id,
            groupIds: ['account'],
          },
        ],
      },
      poll,
    );
    expect(pe.provisioningState).toBe('Succeeded');
    const zoneGroup =
      await network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(
        RG,
        'pe-golden',
        'default',
        {
          privateDnsZoneConfigs: [
            {
              name: 'openai',
              privateDnsZoneId: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com`,
            },
          ],
        },
        poll,
      );
    expect(zoneGroup.provisioningState).toBe('Succeeded');
    const withPe = await cs.accounts.get(RG, 'aoai-golden');
    expect(
      withPe.properties?.privateEndpointConnections?.[0].properties
        ?.privateLinkServiceConnectionState?.status,
    ).toBe('Approved');
    expect(
      (await cs.privateEndpointConnections.list(RG, 'aoai-golden')).value,
    ).toHaveLength(1);

    const monitor = new MonitorClient(cred, SUB, opts());
    await monitor.diagnosticSettings.createOrUpdate(account.id!, 'to-law', {
      workspaceId: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces/law`,
      logs: [{ categoryGroup: 'allLogs', enabled: true }],
      metrics: [{ category: 'AllMetrics', enabled: true }],
    });

    const auth = new AuthorizationManagementClient(cred, SUB, opts());
    await auth.roleAssignments.create(
      account.id!,
      '0b6e3f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      {
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`,
        principalId: '6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60',
        principalType: 'ServicePrincipal',
      },
    );

    const deployments = [];
    for await (const d of cs.deployments.list(RG, 'aoai-golden'))
      deployments.push(d.name);
    expect(deployments).toEqual(['chat']);
    const policies = [];
    for await (const p of cs.raiPolicies.list(RG, 'aoai-golden'))
      policies.push(p.name);
    expect(policies).toContain('strict');
    const settings = [];
    for await (const s of monitor.diagnosticSettings.list(account.id!))
      settings.push(s.name);
    expect(settings).toEqual(['to-law']);
    const ras = [];
    for await (const r of auth.roleAssignments.listForScope(account.id!, {
      filter: 'atScope()',
    }))
      ras.push(r.principalId);
    expect(ras).toEqual(['6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60']);
    const groups = [];
    for await (const g of network.privateDnsZoneGroups.list(RG, 'pe-golden'))
      groups.push(g.name);
    expect(groups).toEqual(['default']);

    const stats = emu.stats().byOperation;
    expect(stats.Accounts_Create.total).toBe(1);
    expect(stats.PrivateEndpoints_CreateOrUpdate.total).toBe(1);
    expect(stats.DiagnosticSettings_CreateOrUpdate.total).toBe(1);
    expect(stats.RoleAssignments_Create.total).toBe(1);
    expect(stats.Accounts_ListKeys).toBeUndefined();
  });

  it('finds the demo accounts through Resource Graph and rejects unsupported KQL', async () => {
    const graph = new ResourceGraphClient(cred, opts());
    const result = await graph.resources({
      query:
        "Resources | where type =~ 'Microsoft.CognitiveServices/accounts' and kind in~ ('OpenAI','AIServices') | project id, name, tags | order by name asc",
      subscriptions: [DEMO_SUBSCRIPTIONS.prod, DEMO_SUBSCRIPTIONS.dev],
    });
    expect((result.data as any[]).map(r => r.id).sort()).toEqual(
      Object.values(DEMO_ACCOUNT_IDS).sort(),
    );
    await expect(
      graph.resources({ query: 'Resources | summarize count() by location' }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('pages Resource Graph results with $skipToken at 1000 rows', async () => {
    await withEmulator(
      {
        fleet: { accounts: 1100, subscriptions: 3, seed: 7 },
      },
      async big => {
        const graph = new ResourceGraphClient(cred, {
          additionalPolicies: [
            {
              policy: emulatorPipelinePolicy(big.url),
              position: 'perRetry' as const,
            },
          ],
        });
        const query =
          "Resources | where type =~ 'microsoft.cognitiveservices/accounts' | project id";
        const first = await graph.resources({ query });
        expect(first.count).toBe(1000);
        expect(first.totalRecords).toBe(1100);
        expect(first.skipToken).toBeTruthy();
        const second = await graph.resources({
          query,
          options: { skipToken: first.skipToken },
        });
        expect(second.count).toBe(100);
        expect(second.skipToken).toBeUndefined();
      },
    );
  });
});

describe('demo preset and fleet', () => {
  it('serves exactly the four accounts of examples/accounts.yaml with their postures', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const accounts = emu.state.listByType(
        'Microsoft.CognitiveServices/accounts',
      );
      expect(accounts.map(a => a.id).sort()).toEqual(
        Object.values(DEMO_ACCOUNT_IDS).sort(),
      );
      const chatProd = emu.state.get(DEMO_ACCOUNT_IDS.chatProd)!;
      expect(chatProd.properties.publicNetworkAccess).toBe('Disabled');
      expect(chatProd.tags).toEqual({
        'backstage.io-owner': 'team-chat',
        'backstage.io-system': 'customer-assistant',
      });
      expect(
        emu.state.list(
          `${DEMO_ACCOUNT_IDS.chatProd}/providers/Microsoft.Authorization/locks`,
        ),
      ).toHaveLength(1);
      const legacy = emu.state.get(DEMO_ACCOUNT_IDS.searchLegacy)!;
      expect(legacy.properties.disableLocalAuth).toBe(false);
      expect(
        emu.state.list(
          `${DEMO_ACCOUNT_IDS.searchLegacy}/providers/Microsoft.Insights/diagnosticSettings`,
        ),
      ).toHaveLength(0);
      expect(
        emu.state.list(
          `${DEMO_ACCOUNT_IDS.chatDev}/providers/Microsoft.Insights/diagnosticSettings`,
        ),
      ).toHaveLength(0);
      const searchPe = emu.state.get(
        `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-search-prod/providers/Microsoft.Network/privateEndpoints/pe-aoai-search-prod`,
      )!;
      expect(
        emu.state.list(`${searchPe.id}/privateDnsZoneGroups`),
      ).toHaveLength(0);
    });
  });

  it('generates the same fleet for the same seed and a different one for another seed', () => {
    const a = generateFleet({ accounts: 30, subscriptions: 3, seed: 5 });
    const b = generateFleet({ accounts: 30, subscriptions: 3, seed: 5 });
    const c = generateFleet({ accounts: 30, subscriptions: 3, seed: 6 });
    const strip = (s: typeof a) =>
      JSON.stringify(s.resources.map(r => ({ ...r, etag: undefined })));
    expect(strip(a)).toBe(strip(b));
    expect(strip(a)).not.toBe(strip(c));
    const accounts = a.resources.filter(
      r => r.type === 'Microsoft.CognitiveServices/accounts',
    );
    expect(accounts).toHaveLength(30);
    const postures = new Set(
      accounts.map(r => r.properties.publicNetworkAccess),
    );
    expect(postures).toEqual(new Set(['Enabled', 'Disabled']));
  });
});
