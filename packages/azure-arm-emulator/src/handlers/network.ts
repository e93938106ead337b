import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { badRequest } from '../errors';
import type { Operation } from '../lro';
import { paged } from '../paging';
import { privateEndpointBody, dnsZoneGroup } from '../presets/builders';
import type { RouteDefinition } from '../router';
import { normalizeLocation, type ArmResource } from '../state';
import {
  checkName,
  checkTags,
  guidOf,
  listInResourceGroup,
  requireObjectBody,
  requireResource,
  requireResourceGroup,
  rgId,
} from './common';
import { lroFailure } from './accounts';

const V = API_VERSIONS.network;
const PE =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints';

function peId(ctx: HandlerContext) {
  return `${rgId(ctx)}/providers/Microsoft.Network/privateEndpoints/${
    ctx.params.peName
  }`;
}

function requirePe(ctx: HandlerContext): ArmResource {
  return requireResource(
    ctx,
    peId(ctx),
    'Microsoft.Network/privateEndpoints',
    ctx.params.peName,
  );
}

/**
 * The answer to a Microsoft.Network long-running PUT: like Azure's network
 * provider, `Azure-AsyncOperation` and `Retry-After` but no `Location`.
 */
function networkPutStarted(
  ctx: HandlerContext,
  op: Operation,
  existed: boolean,
  body: ArmResource,
): HandlerResult {
  const headers = ctx.lro.headers(op);
  return {
    status: existed ? 200 : 201,
    body,
    headers: {
      'Azure-AsyncOperation': headers['Azure-AsyncOperation'],
      'Retry-After': headers['Retry-After'],
    },
  };
}

function parseConnections(list: unknown, field: string): any[] {
  if (list === undefined) {
    return [];
  }
  if (!Array.isArray(list)) {
    throw badRequest(`'properties.${field}' must be an array.`);
  }
  return list.map((c, i) => {
    if (!c || typeof c.properties?.privateLinkServiceId !== 'string') {
      throw badRequest(
        `'properties.${field}[${i}]' needs 'properties.privateLinkServiceId'.`,
      );
    }
    return {
      ...c,
      name:
        typeof c.name === 'string'
          ? c.name
          : `${
              field === 'privateLinkServiceConnections' ? 'conn' : 'manual'
            }-${i}`,
    };
  });
}

function putPe(ctx: HandlerContext): HandlerResult {
  checkName(ctx.params.peName, 'Microsoft.Network/privateEndpoints', 1, 80);
  requireResourceGroup(ctx);
  const body = requireObjectBody(ctx);
  if (typeof body.location !== 'string') {
    throw badRequest(
      "The 'location' property is required.",
      'LocationRequired',
    );
  }
  checkTags(body.tags);
  const subnetId = body.properties?.subnet?.id;
  if (typeof subnetId !== 'string') {
    throw badRequest(
      "'properties.subnet.id' is required.",
      'InvalidRequestFormat',
    );
  }
  const auto = parseConnections(
    body.properties?.privateLinkServiceConnections,
    'privateLinkServiceConnections',
  );
  const manual = parseConnections(
    body.properties?.manualPrivateLinkServiceConnections,
    'manualPrivateLinkServiceConnections',
  );
  const id = ctx.state.get(peId(ctx))?.id ?? peId(ctx);
  const approved = {
    status: 'Approved',
    description: 'Auto-Approved',
    actionsRequired: 'None',
  };
  const pending = {
    status: 'Pending',
    description: 'Awaiting approval',
    actionsRequired: 'None',
  };
  const withState = (c: any, s: object) => ({
    name: c.name,
    properties: { ...c.properties, privateLinkServiceConnectionState: s },
  });
  const pe = privateEndpointBody(
    id,
    ctx.params.peName,
    normalizeLocation(body.location),
    subnetId,
    auto.map(c => withState(c, approved)),
    manual.map(c => withState(c, pending)),
  );
  if (body.tags) {
    pe.tags = body.tags;
  }
  const nicName = body.properties?.customNetworkInterfaceName;
  if (typeof nicName === 'string') {
    pe.properties.customNetworkInterfaceName = nicName;
  }
  pe.properties.provisioningState = 'Updating';
  const existed = Boolean(ctx.state.get(id));
  ctx.state.put(pe);
  const op = ctx.lro.begin({
    namespace: 'Microsoft.Network',
    location: pe.location,
    resourceId: id,
    action: existed ? 'update' : 'create',
    apiVersion: ctx.apiVersion,
    failure: lroFailure(ctx),
    onSucceeded: () => {
      auto.forEach(conn => connectToAccount(ctx, id, conn, approved));
      manual.forEach(conn => connectToAccount(ctx, id, conn, pending));
    },
  });
  return networkPutStarted(ctx, op, existed, pe);
}

/** Adds the matching connection to a Cognitive Services account (auto-approval). */
function connectToAccount(
  ctx: HandlerContext,
  endpointId: string,
  c: any,
  state: object,
) {
  const account = ctx.state.get(c.properties.privateLinkServiceId);
  if (
    !account ||
    !/\/providers\/microsoft\.cognitiveservices\/accounts\/[^/]+$/i.test(
      account.id,
    )
  ) {
    return;
  }
  const name = `${endpointId.split('/').pop()}.${guidOf(`pec:${endpointId}`)}`;
  const list: any[] = (
    account.properties.privateEndpointConnections ?? []
  ).filter((x: any) => x.name !== name);
  list.push({
    id: `${account.id}/privateEndpointConnections/${name}`,
    name,
    type: 'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
    properties: {
      privateEndpoint: { id: endpointId },
      groupIds: c.properties.groupIds ?? ['account'],
      privateLinkServiceConnectionState: state,
      provisioningState: 'Succeeded',
    },
  });
  account.properties.privateEndpointConnections = list;
}

function putZoneGroup(ctx: HandlerContext): HandlerResult {
  const pe = requirePe(ctx);
  const body = requireObjectBody(ctx);
  const configs = body.properties?.privateDnsZoneConfigs;
  if (
    !Array.isArray(configs) ||
    configs.some(
      (c: any) => typeof c?.properties?.privateDnsZoneId !== 'string',
    )
  ) {
    throw badRequest(
      "'properties.privateDnsZoneConfigs' must be an array of { name, properties: { privateDnsZoneId } }.",
    );
  }
  const group = dnsZoneGroup(
    pe.id,
    ctx.params.groupName,
    configs.map((c: any) => c.properties.privateDnsZoneId),
  );
  group.properties.privateDnsZoneConfigs.forEach((c: any, i: number) => {
    if (typeof configs[i].name === 'string') {
      c.name = configs[i].name;
    }
  });
  const existed = Boolean(ctx.state.get(group.id));
  group.properties.provisioningState = 'Updating';
  ctx.state.put(group);
  const op = ctx.lro.begin({
    namespace: 'Microsoft.Network',
    location: pe.location,
    resourceId: group.id,
    action: existed ? 'update' : 'create',
    apiVersion: ctx.apiVersion,
  });
  return networkPutStarted(ctx, op, existed, group);
}

/** Private endpoint and private DNS zone group routes. */
export const networkRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: PE,
    operationId: 'PrivateEndpoints_List',
    apiVersions: V,
    handler: ctx =>
      listInResourceGroup(ctx, 'Microsoft.Network/privateEndpoints'),
  },
  {
    method: 'GET',
    template: `${PE}/{peName}`,
    operationId: 'PrivateEndpoints_Get',
    apiVersions: V,
    handler: ctx => ({ status: 200, body: requirePe(ctx) }),
  },
  {
    method: 'PUT',
    template: `${PE}/{peName}`,
    operationId: 'PrivateEndpoints_CreateOrUpdate',
    apiVersions: V,
    handler: putPe,
  },
  {
    method: 'GET',
    template: `${PE}/{peName}/privateDnsZoneGroups`,
    operationId: 'PrivateDnsZoneGroups_List',
    apiVersions: V,
    handler: ctx =>
      paged(ctx, ctx.state.list(`${requirePe(ctx).id}/privateDnsZoneGroups`)),
  },
  {
    method: 'GET',
    template: `${PE}/{peName}/privateDnsZoneGroups/{groupName}`,
    operationId: 'PrivateDnsZoneGroups_Get',
    apiVersions: V,
    handler: ctx => ({
      status: 200,
      body: requireResource(
        ctx,
        `${requirePe(ctx).id}/privateDnsZoneGroups/${ctx.params.groupName}`,
        'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
        ctx.params.groupName,
      ),
    }),
  },
  {
    method: 'PUT',
    template: `${PE}/{peName}/privateDnsZoneGroups/{groupName}`,
    operationId: 'PrivateDnsZoneGroups_CreateOrUpdate',
    apiVersions: V,
    handler: putZoneGroup,
  },
];
