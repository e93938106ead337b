import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext } from '../context';
import type { RouteDefinition } from '../router';
import type { ArmResource } from '../state';
import { requireResource, rgId } from './common';

/**
 * A GET of a stored resource in a resource group. `path` is the part below `providers/`, with
 * `{param}` segments (e.g. `Microsoft.Network/virtualNetworks/{vnetName}/subnets/{subnetName}`);
 * the answer is `ResourceNotFound` (or `ResourceGroupNotFound`) when nothing is stored there.
 */
function getStored(
  operationId: string,
  apiVersions: readonly string[],
  path: string,
  view: (ctx: HandlerContext, stored: ArmResource) => ArmResource = (_, r) => r,
): RouteDefinition {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
  const type = path.replace(/\/\{\w+\}/g, '');
  return {
    method: 'GET',
    template: `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${path}`,
    operationId,
    apiVersions,
    handler: ctx => {
      const id = `${rgId(ctx)}/providers/${path.replace(
        /\{(\w+)\}/g,
        (_, p: string) => ctx.params[p],
      )}`;
      const name = params.map(p => ctx.params[p]).join('/');
      return {
        status: 200,
        body: view(ctx, requireResource(ctx, id, type, name)),
      };
    },
  };
}

/**
 * Read-only resources that accounts and the golden path refer to: virtual networks and their
 * subnets, private DNS zones, Log Analytics workspaces and user-assigned managed identities.
 * Presets (or tests, through the state) store them; the emulator serves no writes for them.
 */
export const sharedResourceRoutes: RouteDefinition[] = [
  getStored(
    'VirtualNetworks_Get',
    API_VERSIONS.network,
    'Microsoft.Network/virtualNetworks/{virtualNetworkName}',
    // Like Azure, a virtual network embeds its subnets.
    (ctx, vnet) => ({
      ...vnet,
      properties: {
        ...vnet.properties,
        subnets: ctx.state.list(`${vnet.id}/subnets`),
      },
    }),
  ),
  getStored(
    'Subnets_Get',
    API_VERSIONS.network,
    'Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}',
  ),
  getStored(
    'PrivateZones_Get',
    API_VERSIONS.privateDns,
    'Microsoft.Network/privateDnsZones/{privateZoneName}',
  ),
  getStored(
    'Workspaces_Get',
    API_VERSIONS.operationalInsights,
    'Microsoft.OperationalInsights/workspaces/{workspaceName}',
  ),
  getStored(
    'UserAssignedIdentities_Get',
    API_VERSIONS.managedIdentity,
    'Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}',
  ),
];
