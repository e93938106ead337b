import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { ArmError, badRequest, resourceGroupNotFound } from '../errors';
import { paged } from '../paging';
import type { RouteDefinition } from '../router';
import { normalizeLocation } from '../state';
import { checkTags, compact, requireObjectBody, rgId } from './common';

const V = API_VERSIONS.resources;
const RG = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
const RG_NAME = /^[-\w._()]{1,90}$/;

/** A resource group body. */
export function resourceGroupBody(
  sub: string,
  name: string,
  location: string,
  tags?: Record<string, string>,
) {
  return compact({
    id: `/subscriptions/${sub}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    location: normalizeLocation(location),
    tags,
    properties: { provisioningState: 'Succeeded' },
  });
}

function put(ctx: HandlerContext): HandlerResult {
  const name = ctx.params.resourceGroupName;
  if (!RG_NAME.test(name) || name.endsWith('.')) {
    throw new ArmError(
      400,
      'InvalidResourceGroupName',
      `Resource group name '${name}' is invalid. It can be up to 90 characters of letters, digits, underscores, hyphens, periods and parentheses, and cannot end with a period.`,
    );
  }
  const body = requireObjectBody(ctx);
  if (typeof body.location !== 'string' || !body.location) {
    throw badRequest(
      "The 'location' property is required.",
      'LocationRequired',
    );
  }
  checkTags(body.tags);
  const existing = ctx.state.get(rgId(ctx));
  const rg = resourceGroupBody(
    ctx.params.subscriptionId,
    existing?.name ?? name,
    body.location,
    body.tags,
  );
  ctx.state.put(rg);
  return { status: existing ? 200 : 201, body: rg };
}

function get(ctx: HandlerContext): HandlerResult {
  const rg = ctx.state.get(rgId(ctx));
  if (!rg) {
    throw resourceGroupNotFound(ctx.params.resourceGroupName);
  }
  return { status: 200, body: rg };
}

/** Resource group routes. */
export const resourceGroupRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourcegroups',
    operationId: 'ResourceGroups_List',
    apiVersions: V,
    handler: ctx =>
      paged(
        ctx,
        ctx.state.listByType(
          'Microsoft.Resources/resourceGroups',
          ctx.params.subscriptionId,
        ),
      ),
  },
  {
    method: 'GET',
    template: RG,
    operationId: 'ResourceGroups_Get',
    apiVersions: V,
    handler: get,
  },
  {
    method: 'HEAD',
    template: RG,
    operationId: 'ResourceGroups_CheckExistence',
    apiVersions: V,
    handler: ctx => ({ status: ctx.state.get(rgId(ctx)) ? 204 : 404 }),
  },
  {
    method: 'PUT',
    template: RG,
    operationId: 'ResourceGroups_CreateOrUpdate',
    apiVersions: V,
    handler: put,
  },
];
