import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { ArmError } from '../errors';
import { paged } from '../paging';
import type { RouteDefinition } from '../router';
import type { SubscriptionRecord } from '../state';
import { guidOf } from './common';

const V = API_VERSIONS.subscriptions;

function body(s: SubscriptionRecord) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: guidOf('tenant'),
    displayName: s.displayName ?? s.subscriptionId,
    state: s.state ?? 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

function get(ctx: HandlerContext): HandlerResult {
  const wanted = ctx.params.subscriptionId.toLowerCase();
  const s = ctx.state
    .subscriptions()
    .find(x => x.subscriptionId.toLowerCase() === wanted);
  if (!s) {
    throw new ArmError(
      404,
      'SubscriptionNotFound',
      `The subscription '${ctx.params.subscriptionId}' could not be found.`,
    );
  }
  return { status: 200, body: body(s) };
}

/** `Microsoft.Resources` subscriptions: list and get (what the caller can see: every known subscription). */
export const subscriptionRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/subscriptions',
    operationId: 'Subscriptions_List',
    apiVersions: V,
    handler: ctx => paged(ctx, ctx.state.subscriptions().map(body)),
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}',
    operationId: 'Subscriptions_Get',
    apiVersions: V,
    handler: get,
  },
];
