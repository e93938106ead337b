import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { MODEL_CATALOG, type CatalogModel } from '../modelCatalog';
import { badRequest, resourceNotFound } from '../errors';
import { paged, unpaged } from '../paging';
import type { RouteDefinition } from '../router';
import { requireAccount } from './accounts';
import { listAccountChildren } from './childResources';
import {
  compact,
  etag,
  requireObjectBody,
  requireResource,
  systemData,
} from './common';

const V = API_VERSIONS.cognitiveServices;
const SUB =
  '/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices';
const ACCOUNT =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}';

function modelBody(m: CatalogModel) {
  return {
    format: 'OpenAI',
    name: m.name,
    version: m.version,
    lifecycleStatus: m.lifecycle,
    capabilities: m.chat ? { chatCompletion: 'true' } : { embeddings: 'true' },
    deprecation: { inference: m.deprecation },
    skus: m.skus.map(name => ({
      name,
      usageName: `OpenAI.${name}.${m.name}`,
      capacity: { minimum: 1, maximum: 1000, default: 10 },
    })),
    maxCapacity: 1000,
  };
}

function locationModels(ctx: HandlerContext): HandlerResult {
  return paged(
    ctx,
    MODEL_CATALOG.map(m => ({
      kind: 'OpenAI',
      skuName: 'S0',
      model: modelBody(m),
    })),
  );
}

function usages(): HandlerResult {
  const values = MODEL_CATALOG.flatMap(m =>
    m.skus.map(s => ({
      name: {
        value: `OpenAI.${s}.${m.name}`,
        localizedValue: `Tokens Per Minute (thousands) - ${m.name} - ${s}`,
      },
      unit: 'Count',
      currentValue: 0,
      limit: 1000,
      status: 'Included',
      quotaPeriod: 'PT1M',
    })),
  );
  return { status: 200, body: { value: values } };
}

function checkDomain(ctx: HandlerContext): HandlerResult {
  const body = requireObjectBody(ctx);
  if (typeof body.subdomainName !== 'string' || typeof body.type !== 'string') {
    throw badRequest("'subdomainName' and 'type' are required.");
  }
  const wanted = body.subdomainName.toLowerCase();
  const taken =
    ctx.state
      .listByType('Microsoft.CognitiveServices/accounts')
      .some(
        a =>
          String(a.properties?.customSubDomainName ?? '').toLowerCase() ===
          wanted,
      ) ||
    ctx.state
      .allDeleted()
      .some(
        d =>
          String(
            d.account.properties?.customSubDomainName ?? '',
          ).toLowerCase() === wanted,
      );
  return {
    status: 200,
    body: compact({
      isSubdomainAvailable: !taken,
      reason: taken
        ? `Subdomain name '${body.subdomainName}' is not available.`
        : undefined,
      subdomainName: body.subdomainName,
      type: body.type,
      kind: body.kind,
    }),
  };
}

function connections(ctx: HandlerContext): any[] {
  return requireAccount(ctx).properties?.privateEndpointConnections ?? [];
}

function getConnection(ctx: HandlerContext): HandlerResult {
  const c = connections(ctx).find(
    x =>
      String(x.name).toLowerCase() === ctx.params.connectionName.toLowerCase(),
  );
  if (!c) {
    throw resourceNotFound(
      'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
      ctx.params.connectionName,
      ctx.params.resourceGroupName,
    );
  }
  return { status: 200, body: c };
}

function privateLinkResources(ctx: HandlerContext): HandlerResult {
  const a = requireAccount(ctx);
  const zone =
    a.kind === 'OpenAI'
      ? 'privatelink.openai.azure.com'
      : 'privatelink.cognitiveservices.azure.com';
  return unpaged([
    {
      id: `${a.id}/privateLinkResources/account`,
      name: 'account',
      type: 'Microsoft.CognitiveServices/accounts/privateLinkResources',
      properties: {
        groupId: 'account',
        requiredMembers: ['default'],
        requiredZoneNames: [zone],
      },
    },
  ]);
}

function defenderId(ctx: HandlerContext) {
  return `${requireAccount(ctx).id}/defenderForAISettings/${
    ctx.params.settingName
  }`;
}

function defenderDefault(accountId: string) {
  return {
    id: `${accountId}/defenderForAISettings/Default`,
    name: 'Default',
    type: 'Microsoft.CognitiveServices/accounts/defenderForAISettings',
    properties: { state: 'Disabled' },
  };
}

function getDefender(ctx: HandlerContext): HandlerResult {
  const id = defenderId(ctx);
  const stored = ctx.state.get(id);
  if (stored) {
    return { status: 200, body: stored };
  }
  if (ctx.params.settingName.toLowerCase() === 'default') {
    return { status: 200, body: defenderDefault(requireAccount(ctx).id) };
  }
  throw resourceNotFound(
    'Microsoft.CognitiveServices/accounts/defenderForAISettings',
    ctx.params.settingName,
    ctx.params.resourceGroupName,
  );
}

function putDefender(ctx: HandlerContext, merge: boolean): HandlerResult {
  const id = defenderId(ctx);
  const body = requireObjectBody(ctx);
  const state = body.properties?.state;
  if (state !== undefined && state !== 'Enabled' && state !== 'Disabled') {
    throw badRequest("'properties.state' must be Enabled or Disabled.");
  }
  const existing = ctx.state.get(id);
  const setting = compact({
    id: existing?.id ?? id,
    name: ctx.params.settingName,
    type: 'Microsoft.CognitiveServices/accounts/defenderForAISettings',
    etag: etag(),
    tags: body.tags ?? existing?.tags,
    systemData: systemData(ctx, existing),
    properties: {
      state:
        state ??
        (merge ? existing?.properties?.state : undefined) ??
        'Disabled',
    },
  });
  ctx.state.put(setting);
  return { status: existing || merge ? 200 : 201, body: setting };
}

const CONNECTION_STATES = ['Approved', 'Rejected', 'Pending', 'Disconnected'];

function putConnection(ctx: HandlerContext): HandlerResult {
  const account = requireAccount(ctx);
  const existing = getConnection(ctx).body as Record<string, any>;
  const body = requireObjectBody(ctx);
  const state = body.properties?.privateLinkServiceConnectionState;
  if (!state || !CONNECTION_STATES.includes(state.status)) {
    throw badRequest(
      `'properties.privateLinkServiceConnectionState.status' must be one of ${CONNECTION_STATES.join(
        ', ',
      )}.`,
    );
  }
  const updated = {
    ...existing,
    properties: {
      ...existing.properties,
      privateLinkServiceConnectionState: {
        actionsRequired: 'None',
        ...state,
      },
    },
  };
  account.properties.privateEndpointConnections = connections(ctx).map(c =>
    c.name === existing.name ? updated : c,
  );
  return { status: 200, body: updated };
}

function deleteConnection(ctx: HandlerContext): HandlerResult {
  const account = requireAccount(ctx);
  const before = connections(ctx);
  const after = before.filter(
    c =>
      String(c.name).toLowerCase() !== ctx.params.connectionName.toLowerCase(),
  );
  account.properties.privateEndpointConnections = after;
  return { status: after.length === before.length ? 204 : 200 };
}

function checkSkus(ctx: HandlerContext): HandlerResult {
  const body = requireObjectBody(ctx);
  if (
    !Array.isArray(body.skus) ||
    body.skus.some((x: unknown) => typeof x !== 'string') ||
    typeof body.kind !== 'string' ||
    typeof body.type !== 'string'
  ) {
    throw badRequest(
      "'skus' (an array of SKU names), 'kind' and 'type' are required.",
    );
  }
  const openAi = body.kind === 'OpenAI' || body.kind === 'AIServices';
  return {
    status: 200,
    body: {
      value: body.skus.map((skuName: string) => {
        const available = skuName === 'S0' || (!openAi && skuName === 'F0');
        return compact({
          kind: body.kind,
          type: body.type,
          skuName,
          skuAvailable: available,
          reason: available ? undefined : 'SkuNotAvailable',
          message: available
            ? undefined
            : `SKU '${skuName}' is not available for kind '${body.kind}' in '${ctx.params.location}'.`,
        });
      }),
    },
  };
}

function deploymentSkus(ctx: HandlerContext): HandlerResult {
  const account = requireAccount(ctx);
  const d = requireResource(
    ctx,
    `${account.id}/deployments/${ctx.params.deploymentName}`,
    'Microsoft.CognitiveServices/accounts/deployments',
    `${account.name}/${ctx.params.deploymentName}`,
  );
  const model = MODEL_CATALOG.find(m => m.name === d.properties?.model?.name);
  const skus = model?.skus ?? [d.sku?.name ?? 'Standard'];
  return paged(
    ctx,
    skus.map(name => ({
      resourceType: 'Microsoft.CognitiveServices/accounts/deployments',
      sku: { name, capacity: 1 },
      capacity: { minimum: 1, maximum: 1000, step: 1, default: 10 },
    })),
  );
}

/** Models, usages, domain checks, private link, NSP and Defender routes. */
export const cognitiveMiscRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    template: `${SUB}/locations/{location}/checkSkuAvailability`,
    operationId: 'CheckSkuAvailability',
    apiVersions: V,
    kind: 'read',
    handler: checkSkus,
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/deployments/{deploymentName}/skus`,
    operationId: 'Deployments_ListSkus',
    apiVersions: V,
    handler: deploymentSkus,
  },
  {
    method: 'PUT',
    template: `${ACCOUNT}/privateEndpointConnections/{connectionName}`,
    operationId: 'PrivateEndpointConnections_CreateOrUpdate',
    apiVersions: V,
    handler: putConnection,
  },
  {
    method: 'DELETE',
    template: `${ACCOUNT}/privateEndpointConnections/{connectionName}`,
    operationId: 'PrivateEndpointConnections_Delete',
    apiVersions: V,
    handler: deleteConnection,
  },
  {
    method: 'GET',
    template: `${SUB}/locations/{location}/models`,
    operationId: 'Models_List',
    apiVersions: V,
    handler: locationModels,
  },
  {
    method: 'GET',
    template: `${SUB}/locations/{location}/usages`,
    operationId: 'Usages_List',
    apiVersions: V,
    handler: ctx => paged(ctx, (usages().body as { value: unknown[] }).value),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/models`,
    operationId: 'Accounts_ListModels',
    apiVersions: V,
    handler: ctx => {
      requireAccount(ctx);
      return paged(ctx, MODEL_CATALOG.map(modelBody));
    },
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/usages`,
    operationId: 'Accounts_ListUsages',
    apiVersions: V,
    handler: ctx => {
      requireAccount(ctx);
      return usages();
    },
  },
  {
    method: 'POST',
    template: `${SUB}/checkDomainAvailability`,
    operationId: 'CheckDomainAvailability',
    apiVersions: V,
    kind: 'read',
    handler: checkDomain,
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/privateEndpointConnections`,
    operationId: 'PrivateEndpointConnections_List',
    apiVersions: V,
    handler: ctx => unpaged(connections(ctx)),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/privateEndpointConnections/{connectionName}`,
    operationId: 'PrivateEndpointConnections_Get',
    apiVersions: V,
    handler: getConnection,
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/privateLinkResources`,
    operationId: 'PrivateLinkResources_List',
    apiVersions: V,
    handler: privateLinkResources,
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/networkSecurityPerimeterConfigurations`,
    operationId: 'NetworkSecurityPerimeterConfigurations_List',
    apiVersions: V,
    handler: ctx =>
      listAccountChildren(ctx, 'networkSecurityPerimeterConfigurations'),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/networkSecurityPerimeterConfigurations/{nspName}`,
    operationId: 'NetworkSecurityPerimeterConfigurations_Get',
    apiVersions: V,
    handler: ctx => ({
      status: 200,
      body: requireResource(
        ctx,
        `${requireAccount(ctx).id}/networkSecurityPerimeterConfigurations/${
          ctx.params.nspName
        }`,
        'Microsoft.CognitiveServices/accounts/networkSecurityPerimeterConfigurations',
        ctx.params.nspName,
      ),
    }),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/defenderForAISettings`,
    operationId: 'DefenderForAISettings_List',
    apiVersions: V,
    handler: ctx => {
      const a = requireAccount(ctx);
      const stored = ctx.state.list(`${a.id}/defenderForAISettings`);
      return paged(ctx, stored.length ? stored : [defenderDefault(a.id)]);
    },
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/defenderForAISettings/{settingName}`,
    operationId: 'DefenderForAISettings_Get',
    apiVersions: V,
    handler: getDefender,
  },
  {
    method: 'PUT',
    template: `${ACCOUNT}/defenderForAISettings/{settingName}`,
    operationId: 'DefenderForAISettings_CreateOrUpdate',
    apiVersions: V,
    handler: ctx => putDefender(ctx, false),
  },
  {
    method: 'PATCH',
    template: `${ACCOUNT}/defenderForAISettings/{settingName}`,
    operationId: 'DefenderForAISettings_Update',
    apiVersions: V,
    handler: ctx => putDefender(ctx, true),
  },
];
