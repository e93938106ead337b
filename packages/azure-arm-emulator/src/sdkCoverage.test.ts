import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { NetworkManagementClient } from '@azure/arm-network';
import { MonitorClient } from '@azure/arm-monitor';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ManagementLockClient } from '@azure/arm-locks';
import { PolicyClient } from '@azure/arm-policy';
import { SecurityCenter } from '@azure/arm-security';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { staticTokenCredential } from './clientPolicy';
import {
  DEMO_ACCOUNT_IDS,
  DEMO_GOLDEN_PATH,
  DEMO_SUBSCRIPTIONS,
} from './presets/demo';
import { createRouter } from './routes';
import { sdkOptions, withEmulator } from './__testUtils__/emulatorHarness';

/**
 * Proof that the real SDK clients drive every served operation: one pass over
 * all of them, then the emulator's stats must name every route's operation id
 * with a 2xx answer. The only exception is the `Location` result URL, which the
 * SDK never polls when `Azure-AsyncOperation` is present (it is covered over raw
 * HTTP in handlers/operations.test.ts).
 */
const NOT_CALLED_BY_THE_SDK = ['OperationResults_Get'];

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

it('drives every served operation with the real SDK clients', async () => {
  await withEmulator(
    {
      preset: 'demo',
      throttling: { enabled: false },
    },
    async emu => {
      const options = sdkOptions(emu.url);
      const cred = staticTokenCredential('coverage');
      const PROD = DEMO_SUBSCRIPTIONS.prod;
      const poll = { updateIntervalInMs: 1 };
      const rg = 'rg-coverage';
      const name = 'aoai-coverage';

      const subscriptions = new SubscriptionClient(cred, options);
      expect(
        (await all(subscriptions.subscriptions.list()))
          .map(x => x.displayName)
          .sort(),
      ).toEqual(['dev', 'prod']);
      expect((await subscriptions.subscriptions.get(PROD)).displayName).toBe(
        'prod',
      );

      const resources = new ResourceManagementClient(cred, PROD, options);
      await resources.resourceGroups.createOrUpdate(rg, {
        location: 'westeurope',
      });
      await resources.resourceGroups.get(rg);
      await resources.resourceGroups.checkExistence(rg);
      await all(resources.resourceGroups.list());

      const cs = new CognitiveServicesManagementClient(cred, PROD, options);
      const account = await cs.accounts.beginCreateAndWait(
        rg,
        name,
        {
          location: 'westeurope',
          kind: 'OpenAI',
          sku: { name: 'S0' },
          properties: { customSubDomainName: name },
        },
        poll,
      );
      await cs.accounts.beginUpdateAndWait(
        rg,
        name,
        { tags: { env: 'test' } },
        poll,
      );
      await all(cs.accounts.list());
      await all(cs.accounts.listByResourceGroup(rg));
      await cs.accounts.listKeys(rg, name);
      await cs.accounts.regenerateKey(rg, name, 'Key1');
      await all(cs.accounts.listModels(rg, name));
      await cs.accounts.listUsages(rg, name);
      await all(cs.models.list('westeurope'));
      await all(cs.usages.list('westeurope'));
      await cs.checkDomainAvailability(
        'free-name',
        'Microsoft.CognitiveServices/accounts',
      );
      await cs.checkSkuAvailability(
        'westeurope',
        ['S0'],
        'OpenAI',
        'Microsoft.CognitiveServices/accounts',
      );
      await all(cs.raiContentFilters.list('westeurope'));
      await cs.raiContentFilters.get('westeurope', 'Hate');
      await cs.privateLinkResources.list(rg, name);
      await all(cs.networkSecurityPerimeterConfigurations.list(rg, name));
      await expect(
        cs.networkSecurityPerimeterConfigurations.get(rg, name, 'none'),
      ).rejects.toMatchObject({ statusCode: 404 });
      emu.state.put({
        id: `${account.id}/networkSecurityPerimeterConfigurations/nsp1`,
        name: 'nsp1',
        type: 'Microsoft.CognitiveServices/accounts/networkSecurityPerimeterConfigurations',
        properties: { provisioningState: 'Succeeded' },
      });
      await cs.networkSecurityPerimeterConfigurations.get(rg, name, 'nsp1');
      await all(cs.defenderForAISettings.list(rg, name));
      await cs.defenderForAISettings.get(rg, name, 'Default');
      await cs.defenderForAISettings.createOrUpdate(rg, name, 'Default', {
        state: 'Enabled',
      });
      await cs.defenderForAISettings.update(rg, name, 'Default', {
        state: 'Enabled',
      });

      await cs.raiBlocklists.createOrUpdate(rg, name, 'bl', {
        properties: { description: 'd' },
      });
      await cs.raiBlocklists.get(rg, name, 'bl');
      await all(cs.raiBlocklists.list(rg, name));
      await cs.raiBlocklistItems.createOrUpdate(rg, name, 'bl', 'i1', {
        properties: { pattern: 'x', isRegex: false },
      });
      await cs.raiBlocklistItems.get(rg, name, 'bl', 'i1');
      await all(cs.raiBlocklistItems.list(rg, name, 'bl'));
      await cs.raiBlocklistItems.batchAdd(rg, name, 'bl', [
        { name: 'i2', properties: { pattern: 'y' } },
      ]);
      await cs.raiBlocklistItems.batchDelete(rg, name, 'bl', ['i2']);
      await cs.raiBlocklistItems.beginDeleteAndWait(rg, name, 'bl', 'i1', poll);
      await cs.raiPolicies.createOrUpdate(rg, name, 'p1', {
        properties: { mode: 'Blocking', contentFilters: [] },
      });
      await cs.raiPolicies.get(rg, name, 'p1');
      await all(cs.raiPolicies.list(rg, name));
      await cs.deployments.beginCreateOrUpdateAndWait(
        rg,
        name,
        'd1',
        {
          sku: { name: 'Standard', capacity: 10 },
          properties: {
            model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' },
            raiPolicyName: 'p1',
          },
        },
        poll,
      );
      await cs.deployments.get(rg, name, 'd1');
      await all(cs.deployments.list(rg, name));
      await all(cs.deployments.listSkus(rg, name, 'd1'));
      await cs.deployments.beginUpdateAndWait(
        rg,
        name,
        'd1',
        { sku: { name: 'Standard', capacity: 20 } },
        poll,
      );
      await cs.deployments.beginDeleteAndWait(rg, name, 'd1', poll);
      await cs.raiPolicies.beginDeleteAndWait(rg, name, 'p1', poll);
      await cs.raiBlocklists.beginDeleteAndWait(rg, name, 'bl', poll);

      const network = new NetworkManagementClient(cred, PROD, options);
      const netRg = `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.Network`;
      await network.privateEndpoints.beginCreateOrUpdateAndWait(
        rg,
        'pe1',
        {
          location: 'westeurope',
          subnet: { id: `${netRg}/virtualNetworks/v/subnets/s` },
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
      await network.privateEndpoints.get(rg, 'pe1');
      await all(network.privateEndpoints.list(rg));
      await network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(
        rg,
        'pe1',
        'default',
        {
          privateDnsZoneConfigs: [
            {
              name: 'z',
              privateDnsZoneId: `${netRg}/privateDnsZones/privatelink.openai.azure.com`,
            },
          ],
        },
        poll,
      );
      await network.privateDnsZoneGroups.get(rg, 'pe1', 'default');
      await all(network.privateDnsZoneGroups.list(rg, 'pe1'));
      const [connection] = (await cs.privateEndpointConnections.list(rg, name))
        .value!;
      await cs.privateEndpointConnections.get(rg, name, connection.name!);
      await cs.privateEndpointConnections.beginCreateOrUpdateAndWait(
        rg,
        name,
        connection.name!,
        {
          properties: {
            privateLinkServiceConnectionState: { status: 'Approved' },
          },
        },
        poll,
      );
      await cs.privateEndpointConnections.beginDeleteAndWait(
        rg,
        name,
        connection.name!,
        poll,
      );

      const monitor = new MonitorClient(cred, PROD, options);
      await monitor.diagnosticSettings.createOrUpdate(account.id!, 'ds', {
        workspaceId:
          '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w',
        logs: [{ categoryGroup: 'allLogs', enabled: true }],
      });
      await monitor.diagnosticSettings.get(account.id!, 'ds');
      await all(monitor.diagnosticSettings.list(account.id!));
      await monitor.diagnosticSettings.delete(account.id!, 'ds');
      await monitor.metricAlerts.createOrUpdate(rg, 'alert-rai', {
        location: 'global',
        severity: 2,
        enabled: true,
        scopes: [account.id!],
        evaluationFrequency: 'PT5M',
        windowSize: 'PT15M',
        criteria: {
          odataType:
            'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
          allOf: [
            {
              criterionType: 'StaticThresholdCriterion',
              name: 'rai',
              metricName: 'RAIRejectedRequests',
              operator: 'GreaterThan',
              threshold: 10,
              timeAggregation: 'Total',
            },
          ],
        } as any,
      });
      await monitor.metricAlerts.get(rg, 'alert-rai');
      await all(monitor.metricAlerts.listBySubscription());
      await all(monitor.activityLogAlerts.listBySubscriptionId());

      const auth = new AuthorizationManagementClient(cred, PROD, options);
      const raName = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
      await auth.roleAssignments.create(account.id!, raName, {
        roleDefinitionId: `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`,
        principalId: '11111111-2222-4333-8444-555555555555',
        principalType: 'ServicePrincipal',
      });
      await auth.roleAssignments.get(account.id!, raName);
      await all(auth.roleAssignments.listForScope(account.id!));
      await auth.roleAssignments.delete(account.id!, raName);

      // Resource-level extension calls name the account as (rg, provider, parent path, type, name).
      const accountAsParent = [
        rg,
        'Microsoft.CognitiveServices',
        '',
        'accounts',
        name,
      ] as const;
      const locks = new ManagementLockClient(cred, PROD, options);
      await locks.managementLocks.createOrUpdateAtResourceLevel(
        ...accountAsParent,
        'lock1',
        { level: 'CanNotDelete' },
      );
      await locks.managementLocks.getAtResourceLevel(
        ...accountAsParent,
        'lock1',
      );
      await all(locks.managementLocks.listAtResourceLevel(...accountAsParent));
      await all(
        new PolicyClient(cred, PROD, options).policyAssignments.listForResource(
          ...accountAsParent,
        ),
      );

      const security = new SecurityCenter(cred, PROD, options);
      await security.pricings.list();
      await security.pricings.get('AI');
      await security.pricings.update('AI', { pricingTier: 'Standard' });

      // Shared resources the golden path refers to (read-only): typed clients where this package
      // has them, the generic resources client (same route, real SDK) for the others.
      await network.virtualNetworks.get(
        'rg-network-prod',
        'vnet-prod-westeurope',
      );
      await network.subnets.get(
        'rg-network-prod',
        'vnet-prod-westeurope',
        'snet-private-endpoints',
      );
      expect(
        (
          await resources.resources.getById(
            DEMO_GOLDEN_PATH.privateDnsZoneId,
            '2024-06-01',
          )
        ).name,
      ).toBe('privatelink.openai.azure.com');
      await resources.resources.getById(
        DEMO_GOLDEN_PATH.logAnalyticsWorkspaceId,
        '2023-09-01',
      );
      await resources.resources.getById(
        DEMO_GOLDEN_PATH.cmkIdentityId,
        '2023-01-31',
      );

      await new ResourceGraphClient(cred, options).resources({
        query: 'Resources | limit 1',
      });

      await locks.managementLocks.deleteAtResourceLevel(
        ...accountAsParent,
        'lock1',
      );
      await cs.accounts.beginDeleteAndWait(rg, name, poll);
      await all(cs.deletedAccounts.list());
      await cs.deletedAccounts.get('westeurope', rg, name);
      await cs.deletedAccounts.beginPurgeAndWait('westeurope', rg, name, poll);
      await cs.accounts.get('rg-chat-prod', 'aoai-chat-prod');
      expect(DEMO_ACCOUNT_IDS.chatProd).toContain('aoai-chat-prod');

      const stats = emu.stats().byOperation;
      const succeeded = (op: string) =>
        Object.keys(stats[op]?.byStatus ?? {}).some(s => s.startsWith('2'));
      const missing = createRouter()
        .list()
        .map(r => r.operationId)
        .filter(op => !NOT_CALLED_BY_THE_SDK.includes(op) && !succeeded(op));
      expect(missing).toEqual([]);
    },
  );
});
