import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { NetworkManagementClient } from '@azure/arm-network';
import { MonitorClient } from '@azure/arm-monitor';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { emulatorPipelinePolicy, staticTokenCredential } from '../clientPolicy';
import {
  SERVED_SPECS,
  SpecValidator,
  type SpecOperation,
} from './specValidator';

/** One HTTP exchange the golden path made. */
export interface GoldenPathCall {
  method: string;
  path: string;
  status: number;
  /** The spec operation (or common-types definition) the response was validated against; undefined for resource groups (no vendored spec). */
  operationId?: string;
  /** Schema errors of the response; empty when it validates. */
  errors: string[];
}

/** What {@link runGoldenPath} reports. */
export interface GoldenPathReport {
  calls: GoldenPathCall[];
  /** Calls whose response was validated against a spec schema. */
  validated: number;
  /** Calls with schema errors or undeclared statuses. */
  failures: GoldenPathCall[];
}

function matcher(validator: SpecValidator) {
  const table = SERVED_SPECS.flatMap(spec => validator.operations(spec)).map(
    op => ({
      op,
      regex: new RegExp(
        `^${op.path
          .split('/')
          .map(seg => {
            const m = /^\{(\w+)\}$/.exec(seg);
            if (!m) {
              return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            }
            return m[1] === 'resourceUri' || m[1] === 'scope' ? '.+' : '[^/]+';
          })
          .join('/')}$`,
        'i',
      ),
    }),
  );
  return (method: string, path: string): SpecOperation | undefined =>
    table.find(t => t.op.method === method && t.regex.test(path))?.op;
}

/** A pipeline policy that validates every response against the vendored specs. */
function specCheckPolicy(
  validator: SpecValidator,
  calls: GoldenPathCall[],
): PipelinePolicy {
  const find = matcher(validator);
  return {
    name: 'specCheck',
    async sendRequest(request, next) {
      const response = await next(request);
      const url = new URL(request.url);
      const path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/');
      const op = find(request.method, path);
      let errors: string[] = [];
      if (!op && /\/operationStatuses\//i.test(path)) {
        // LRO status URLs: ARM's common OperationStatusResult shape.
        calls.push({
          method: request.method,
          path,
          status: response.status,
          operationId: 'OperationStatusResult (common-types v6)',
          errors: validator.validateDefinition(
            'common-types/resource-management/v6/types.json',
            'OperationStatusResult',
            JSON.parse(response.bodyAsText ?? 'null'),
          ),
        });
        return response;
      }
      if (op) {
        let body: unknown;
        try {
          body = response.bodyAsText
            ? JSON.parse(response.bodyAsText)
            : undefined;
        } catch {
          errors = ['response body is not JSON'];
        }
        if (!errors.length) {
          errors = validator.validate(op, response.status, body);
        }
      }
      calls.push({
        method: request.method,
        path,
        status: response.status,
        operationId: op?.operationId,
        errors,
      });
      return response;
    },
  };
}

/**
 * Drives the real SDK clients through the golden path against an emulator:
 * resource group, account, RAI policy, deployments, private endpoint and DNS
 * zone group, diagnostic settings, role assignment, then lists everything.
 * Every response of an operation in the vendored specs is validated.
 */
export async function runGoldenPath(
  emulatorUrl: string,
  subscriptionId = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
): Promise<GoldenPathReport> {
  const validator = new SpecValidator();
  const calls: GoldenPathCall[] = [];
  const options = {
    additionalPolicies: [
      {
        policy: specCheckPolicy(validator, calls),
        position: 'perRetry' as const,
      },
      {
        policy: emulatorPipelinePolicy(emulatorUrl),
        position: 'perRetry' as const,
      },
    ],
  };
  const credential = staticTokenCredential('golden-path');
  const poll = { updateIntervalInMs: 1 };
  const rg = 'rg-golden-path';
  const name = 'aoai-golden-path';

  const resources = new ResourceManagementClient(
    credential,
    subscriptionId,
    options,
  );
  await resources.resourceGroups.createOrUpdate(rg, {
    location: 'swedencentral',
  });

  const cs = new CognitiveServicesManagementClient(
    credential,
    subscriptionId,
    options,
  );
  const account = await cs.accounts.beginCreateAndWait(
    rg,
    name,
    {
      location: 'swedencentral',
      kind: 'OpenAI',
      sku: { name: 'S0' },
      identity: { type: 'SystemAssigned' },
      tags: {
        'backstage.io-owner': 'team-chat',
        'backstage.io-system': 'customer-assistant',
      },
      properties: {
        customSubDomainName: name,
        publicNetworkAccess: 'Disabled',
        disableLocalAuth: true,
        restrictOutboundNetworkAccess: true,
        networkAcls: {
          defaultAction: 'Deny',
          ipRules: [],
          virtualNetworkRules: [],
        },
      },
    },
    poll,
  );
  await cs.raiPolicies.createOrUpdate(rg, name, 'golden-strict', {
    properties: {
      mode: 'Blocking',
      basePolicyName: 'Microsoft.DefaultV2',
      contentFilters: ['Hate', 'Sexual', 'Violence', 'Selfharm'].flatMap(f =>
        (['Prompt', 'Completion'] as const).map(source => ({
          name: f,
          enabled: true,
          blocking: true,
          severityThreshold: 'Low',
          source,
        })),
      ),
    },
  });
  for (const [dep, model, version] of [
    ['chat', 'gpt-4.1', '2025-04-14'],
    ['embeddings', 'text-embedding-3-large', '1'],
  ]) {
    await cs.deployments.beginCreateOrUpdateAndWait(
      rg,
      name,
      dep,
      {
        sku: { name: 'DataZoneStandard', capacity: 50 },
        properties: {
          model: { format: 'OpenAI', name: model, version },
          raiPolicyName: 'golden-strict',
          versionUpgradeOption: 'NoAutoUpgrade',
        },
      },
      poll,
    );
  }

  const network = new NetworkManagementClient(
    credential,
    subscriptionId,
    options,
  );
  const netRg = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Network`;
  await network.privateEndpoints.beginCreateOrUpdateAndWait(
    rg,
    `pe-${name}`,
    {
      location: 'swedencentral',
      subnet: { id: `${netRg}/virtualNetworks/vnet/subnets/snet-pe` },
      privateLinkServiceConnections: [
        {
          name: 'account',
          privateLinkServiceId: account.id,
          groupIds: ['account'],
        },
      ],
    },
    poll,
  );
  await network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(
    rg,
    `pe-${name}`,
    'default',
    {
      privateDnsZoneConfigs: [
        {
          name: 'openai',
          privateDnsZoneId: `${netRg}/privateDnsZones/privatelink.openai.azure.com`,
        },
      ],
    },
    poll,
  );

  const monitor = new MonitorClient(credential, subscriptionId, options);
  await monitor.diagnosticSettings.createOrUpdate(account.id!, 'to-law', {
    workspaceId: `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.OperationalInsights/workspaces/law`,
    logs: [
      { categoryGroup: 'allLogs', enabled: true },
      { categoryGroup: 'audit', enabled: true },
    ],
    metrics: [{ category: 'AllMetrics', enabled: true }],
  });

  const auth = new AuthorizationManagementClient(
    credential,
    subscriptionId,
    options,
  );
  await auth.roleAssignments.create(
    account.id!,
    '3c1f4a2b-5d6e-4f70-8a9b-0c1d2e3f4a5b',
    {
      roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`,
      principalId: '6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60',
      principalType: 'ServicePrincipal',
    },
  );

  // List everything, as the audit would.
  const drain = async (it: AsyncIterable<unknown>) => {
    for await (const _ of it) {
      // consume every page
    }
  };
  await drain(cs.accounts.list());
  await drain(cs.accounts.listByResourceGroup(rg));
  await cs.accounts.get(rg, name);
  await drain(cs.deployments.list(rg, name));
  await drain(cs.raiPolicies.list(rg, name));
  await cs.privateEndpointConnections.list(rg, name);
  await drain(cs.defenderForAISettings.list(rg, name));
  await drain(network.privateDnsZoneGroups.list(rg, `pe-${name}`));
  await network.privateEndpoints.get(rg, `pe-${name}`);
  await drain(monitor.diagnosticSettings.list(account.id!));
  await drain(
    auth.roleAssignments.listForScope(account.id!, { filter: 'atScope()' }),
  );
  const graph = new ResourceGraphClient(credential, options);
  await graph.resources({
    query:
      "Resources | where type =~ 'Microsoft.CognitiveServices/accounts' | project id, name, properties",
    subscriptions: [subscriptionId],
  });

  const failures = calls.filter(c => c.errors.length > 0);
  return {
    calls,
    validated: calls.filter(c => c.operationId).length,
    failures,
  };
}
