import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { MonitorClient } from '@azure/arm-monitor';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ManagementLockClient } from '@azure/arm-locks';
import { PolicyClient } from '@azure/arm-policy';
import { SecurityCenter } from '@azure/arm-security';
import { ResourceManagementClient } from '@azure/arm-resources';
import { staticTokenCredential } from './clientPolicy';
import { DEMO_ACCOUNT_IDS, DEMO_SUBSCRIPTIONS } from './presets/demo';
import { startEmulator, type RunningEmulator } from './startEmulator';
import { sdkOptions } from './__testUtils__/emulatorHarness';

const PROD = DEMO_SUBSCRIPTIONS.prod;
const DEV = DEMO_SUBSCRIPTIONS.dev;

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('the rest of the served surface, through the real SDK clients', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo' });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  const opts = () => sdkOptions(emu.url);
  const cred = staticTokenCredential();
  const cs = (sub: string = PROD) =>
    new CognitiveServicesManagementClient(cred, sub, opts());
  const poll = { updateIntervalInMs: 1 };
  // The demo locks aoai-chat-prod (CanNotDelete); tests that delete its children remove the lock first.
  const unlockChatProd = () =>
    emu.state.delete(
      `${DEMO_ACCOUNT_IDS.chatProd}/providers/Microsoft.Authorization/locks/do-not-delete`,
    );

  it('serves models, usages, domain checks, private link resources and content filters', async () => {
    const c = cs();
    const models = await all(c.models.list('swedencentral'));
    expect(models.map(m => m.model?.name)).toContain('gpt-4.1');
    expect(
      models.find(m => m.model?.name === 'gpt-35-turbo')?.model
        ?.lifecycleStatus,
    ).toBe('Deprecating');
    expect((await all(c.usages.list('swedencentral'))).length).toBeGreaterThan(
      0,
    );
    expect(
      (await all(c.accounts.listModels('rg-chat-prod', 'aoai-chat-prod')))
        .length,
    ).toBeGreaterThan(0);
    expect(
      (await c.accounts.listUsages('rg-chat-prod', 'aoai-chat-prod')).value
        ?.length,
    ).toBeGreaterThan(0);
    const taken = await c.checkDomainAvailability(
      'aoai-chat-prod',
      'Microsoft.CognitiveServices/accounts',
    );
    expect(taken.isSubdomainAvailable).toBe(false);
    expect(
      (
        await c.checkDomainAvailability(
          'brand-new-name',
          'Microsoft.CognitiveServices/accounts',
        )
      ).isSubdomainAvailable,
    ).toBe(true);
    const plr = await c.privateLinkResources.list(
      'rg-chat-prod',
      'aoai-chat-prod',
    );
    expect(plr.value?.[0].properties?.requiredZoneNames).toEqual([
      'privatelink.openai.azure.com',
    ]);
    const filters = await all(c.raiContentFilters.list('swedencentral'));
    expect(filters.map(f => f.properties?.name)).toEqual(
      expect.arrayContaining(['Hate', 'Jailbreak', 'Indirect Attack']),
    );
    expect(
      (await c.raiContentFilters.get('swedencentral', 'Jailbreak')).properties
        ?.source,
    ).toBe('Prompt');
    expect(
      await all(
        c.networkSecurityPerimeterConfigurations.list(
          'rg-chat-prod',
          'aoai-chat-prod',
        ),
      ),
    ).toEqual([]);
  });

  it('checks SKU availability, lists deployment SKUs and approves or removes private endpoint connections', async () => {
    unlockChatProd();
    const c = cs();
    const skus = await c.checkSkuAvailability(
      'swedencentral',
      ['S0', 'F0'],
      'OpenAI',
      'Microsoft.CognitiveServices/accounts',
    );
    expect(skus.value?.map(v => [v.skuName, v.skuAvailable])).toEqual([
      ['S0', true],
      ['F0', false],
    ]);
    const depSkus = await all(
      c.deployments.listSkus('rg-chat-prod', 'aoai-chat-prod', 'gpt-4.1'),
    );
    expect(depSkus.map(s => s.sku?.name)).toContain('DataZoneStandard');

    const [connection] = (
      await c.privateEndpointConnections.list('rg-chat-prod', 'aoai-chat-prod')
    ).value!;
    const rejected =
      await c.privateEndpointConnections.beginCreateOrUpdateAndWait(
        'rg-chat-prod',
        'aoai-chat-prod',
        connection.name!,
        {
          properties: {
            privateLinkServiceConnectionState: {
              status: 'Rejected',
              description: 'not allowed',
            },
          },
        },
        poll,
      );
    expect(rejected.properties?.privateLinkServiceConnectionState?.status).toBe(
      'Rejected',
    );
    expect(
      (await c.accounts.get('rg-chat-prod', 'aoai-chat-prod')).properties
        ?.privateEndpointConnections?.[0].properties
        ?.privateLinkServiceConnectionState?.status,
    ).toBe('Rejected');
    await c.privateEndpointConnections.beginDeleteAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      connection.name!,
      poll,
    );
    expect(
      (
        await c.privateEndpointConnections.list(
          'rg-chat-prod',
          'aoai-chat-prod',
        )
      ).value,
    ).toEqual([]);
  });

  it('serves Defender for AI settings', async () => {
    const c = cs();
    expect(
      (
        await c.defenderForAISettings.get(
          'rg-chat-prod',
          'aoai-chat-prod',
          'Default',
        )
      ).state,
    ).toBe('Enabled');
    expect(
      (
        await all(
          c.defenderForAISettings.list('rg-chat-prod', 'aoai-chat-prod'),
        )
      ).map(s => s.state),
    ).toEqual(['Enabled']);
    const legacy = cs(DEV);
    const legacyDefaultState = async () =>
      (
        await legacy.defenderForAISettings.get(
          'rg-search-legacy',
          'aoai-search-legacy',
          'Default',
        )
      ).state;
    // Never configured: Azure reports the Default setting as Disabled.
    expect(
      (
        await all(
          legacy.defenderForAISettings.list(
            'rg-search-legacy',
            'aoai-search-legacy',
          ),
        )
      ).map(s => [s.name, s.state]),
    ).toEqual([['Default', 'Disabled']]);
    expect(await legacyDefaultState()).toBe('Disabled');
    await legacy.defenderForAISettings.createOrUpdate(
      'rg-search-legacy',
      'aoai-search-legacy',
      'Default',
      { state: 'Enabled' },
    );
    expect(await legacyDefaultState()).toBe('Enabled');
    await legacy.defenderForAISettings.update(
      'rg-search-legacy',
      'aoai-search-legacy',
      'Default',
      { state: 'Disabled' },
    );
    expect(await legacyDefaultState()).toBe('Disabled');
  });

  it('manages RAI blocklists, items, policies and deployments end to end', async () => {
    unlockChatProd();
    const c = cs();
    await c.raiBlocklists.createOrUpdate(
      'rg-chat-prod',
      'aoai-chat-prod',
      'terms',
      { properties: { description: 'banned terms' } },
    );
    await c.raiBlocklistItems.createOrUpdate(
      'rg-chat-prod',
      'aoai-chat-prod',
      'terms',
      'i1',
      { properties: { pattern: 'secret', isRegex: false } },
    );
    await c.raiBlocklistItems.batchAdd(
      'rg-chat-prod',
      'aoai-chat-prod',
      'terms',
      [
        { name: 'i2', properties: { pattern: 'p.*', isRegex: true } },
        { name: 'i3', properties: { pattern: 'x' } },
      ],
    );
    expect(
      (
        await all(
          c.raiBlocklistItems.list('rg-chat-prod', 'aoai-chat-prod', 'terms'),
        )
      )
        .map(i => i.name)
        .sort(),
    ).toEqual(['i1', 'i2', 'i3']);
    await c.raiBlocklistItems.batchDelete(
      'rg-chat-prod',
      'aoai-chat-prod',
      'terms',
      ['i3'],
    );
    await c.raiBlocklistItems.beginDeleteAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      'terms',
      'i2',
      poll,
    );
    expect(
      (
        await all(
          c.raiBlocklistItems.list('rg-chat-prod', 'aoai-chat-prod', 'terms'),
        )
      ).map(i => i.name),
    ).toEqual(['i1']);
    expect(
      (await all(c.raiBlocklists.list('rg-chat-prod', 'aoai-chat-prod'))).map(
        b => b.name,
      ),
    ).toEqual(['terms']);

    const policy = await c.raiPolicies.createOrUpdate(
      'rg-chat-prod',
      'aoai-chat-prod',
      'with-blocklist',
      {
        properties: {
          mode: 'Blocking',
          contentFilters: [],
          customBlocklists: [
            { blocklistName: 'terms', blocking: true, source: 'Prompt' },
          ],
        },
      },
    );
    expect(policy.properties?.type).toBe('UserManaged');
    await expect(
      c.raiPolicies.createOrUpdate('rg-chat-prod', 'aoai-chat-prod', 'bad', {
        properties: {
          customBlocklists: [
            { blocklistName: 'missing', blocking: true, source: 'Prompt' },
          ],
        },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect(
      (
        await c.raiPolicies.get(
          'rg-chat-prod',
          'aoai-chat-prod',
          'Microsoft.DefaultV2',
        )
      ).properties?.type,
    ).toBe('SystemManaged');
    // A policy in use by a deployment cannot be deleted.
    await expect(
      c.raiPolicies.beginDelete(
        'rg-chat-prod',
        'aoai-chat-prod',
        'chat-strict',
      ),
    ).rejects.toMatchObject({ statusCode: 409 });
    await c.raiPolicies.beginDeleteAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      'with-blocklist',
      poll,
    );
    await expect(
      c.raiPolicies.get('rg-chat-prod', 'aoai-chat-prod', 'with-blocklist'),
    ).rejects.toMatchObject({ statusCode: 404 });

    const updated = await c.deployments.beginUpdateAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      'gpt-4.1',
      { sku: { name: 'DataZoneStandard', capacity: 150 } },
      poll,
    );
    expect(updated.sku?.capacity).toBe(150);
    await c.deployments.beginDeleteAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      'gpt-4.1-mini',
      poll,
    );
    expect(
      (await all(c.deployments.list('rg-chat-prod', 'aoai-chat-prod'))).map(
        d => d.name,
      ),
    ).toEqual(['gpt-4.1']);
  });

  it('serves monitor alerts and subscription diagnostic settings', async () => {
    const m = new MonitorClient(cred, PROD, opts());
    expect(
      (await all(m.activityLogAlerts.listBySubscriptionId())).map(a => a.name),
    ).toEqual(['alert-aoai-account-changes']);
    const alerts = await all(m.metricAlerts.listBySubscription());
    expect(alerts.map(a => a.name).sort()).toEqual([
      'aoai-chat-prod-auth-failures',
      'aoai-chat-prod-rai-blocked',
      'aoai-search-prod-auth-failures',
      'aoai-search-prod-rai-blocked',
    ]);
    expect(alerts[0].actions?.[0].actionGroupId).toMatch(
      /actionGroups\/ag-platform-oncall$/,
    );
    const devMonitor = new MonitorClient(cred, DEV, opts());
    expect(await all(devMonitor.metricAlerts.listBySubscription())).toEqual([]);
    const subSettings = await all(
      m.diagnosticSettings.list(`/subscriptions/${PROD}`),
    );
    expect(subSettings.map(s => s.name)).toEqual(['activity-log-to-law']);
    await expect(
      all(m.diagnosticSettings.list(`${DEMO_ACCOUNT_IDS.chatProd}-missing`)),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('serves role assignments, locks and policy assignments at the scopes the product reads', async () => {
    const auth = new AuthorizationManagementClient(cred, DEV, opts());
    const legacy = await all(
      auth.roleAssignments.listForScope(DEMO_ACCOUNT_IDS.searchLegacy, {
        filter: 'atScope()',
      }),
    );
    expect(legacy.map(r => r.roleDefinitionId?.split('/').pop())).toContain(
      '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    );
    const one = await auth.roleAssignments.get(
      DEMO_ACCOUNT_IDS.searchLegacy,
      legacy[0].name!,
    );
    expect(one.principalId).toBe(legacy[0].principalId);
    // Without a filter, a resource group scope also sees assignments below it.
    const rgScope = `/subscriptions/${DEV}/resourceGroups/rg-search-legacy`;
    expect((await all(auth.roleAssignments.listForScope(rgScope))).length).toBe(
      2,
    );
    expect(
      (
        await all(
          auth.roleAssignments.listForScope(rgScope, { filter: 'atScope()' }),
        )
      ).length,
    ).toBe(0);
    await auth.roleAssignments.delete(
      DEMO_ACCOUNT_IDS.searchLegacy,
      legacy[0].name!,
    );
    expect(
      (
        await all(
          auth.roleAssignments.listForScope(DEMO_ACCOUNT_IDS.searchLegacy),
        )
      ).length,
    ).toBe(1);

    const locks = new ManagementLockClient(cred, PROD, opts());
    const chatLocks = await all(
      locks.managementLocks.listAtResourceLevel(
        'rg-chat-prod',
        'Microsoft.CognitiveServices',
        '',
        'accounts',
        'aoai-chat-prod',
      ),
    );
    expect(chatLocks.map(l => l.level)).toEqual(['CanNotDelete']);
    const devLocks = new ManagementLockClient(cred, DEV, opts());
    expect(
      await all(
        devLocks.managementLocks.listAtResourceLevel(
          'rg-chat-dev',
          'Microsoft.CognitiveServices',
          '',
          'accounts',
          'aoai-chat-dev',
        ),
      ),
    ).toEqual([]);
    await devLocks.managementLocks.createOrUpdateAtResourceLevel(
      'rg-chat-dev',
      'Microsoft.CognitiveServices',
      '',
      'accounts',
      'aoai-chat-dev',
      'keep',
      { level: 'CanNotDelete' },
    );
    expect(
      (
        await all(
          devLocks.managementLocks.listAtResourceLevel(
            'rg-chat-dev',
            'Microsoft.CognitiveServices',
            '',
            'accounts',
            'aoai-chat-dev',
          ),
        )
      ).map(l => l.name),
    ).toEqual(['keep']);

    const policy = new PolicyClient(cred, PROD, opts());
    const prodPolicies = [
      'aoai-managed-identity',
      'defender-for-ai',
      'deny-aoai-public-access',
      'mcsb',
    ];
    expect(
      (await all(policy.policyAssignments.list())).map(p => p.name).sort(),
    ).toEqual(prodPolicies);
    expect(
      (
        await all(
          policy.policyAssignments.listForResource(
            'rg-chat-prod',
            'Microsoft.CognitiveServices',
            '',
            'accounts',
            'aoai-chat-prod',
          ),
        )
      )
        .map(p => p.name)
        .sort(),
    ).toEqual(prodPolicies);
    expect(
      await all(new PolicyClient(cred, DEV, opts()).policyAssignments.list()),
    ).toEqual([]);
  });

  it('serves the Defender for Cloud AI pricing and resource groups', async () => {
    const prod = new SecurityCenter(cred, PROD, opts());
    expect((await prod.pricings.get('AI')).pricingTier).toBe('Standard');
    const dev = new SecurityCenter(cred, DEV, opts());
    expect((await dev.pricings.get('AI')).pricingTier).toBe('Free');
    await dev.pricings.update('AI', { pricingTier: 'Standard' });
    expect((await dev.pricings.get('AI')).pricingTier).toBe('Standard');

    const resources = new ResourceManagementClient(cred, PROD, opts());
    expect(
      (await resources.resourceGroups.checkExistence('rg-chat-prod')).body,
    ).toBe(true);
    expect(
      (await resources.resourceGroups.checkExistence('rg-nope')).body,
    ).toBe(false);
    expect(
      (await all(resources.resourceGroups.list())).map(g => g.name),
    ).toContain('rg-monitoring');
    await expect(
      resources.resourceGroups.createOrUpdate('bad name!', {
        location: 'westeurope',
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
