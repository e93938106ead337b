import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { badRequest, resourceNotFound } from '../errors';
import { unpaged } from '../paging';
import type { RouteDefinition } from '../router';
import { requireObjectBody } from './common';

const PRICINGS =
  '/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings';
const PLANS = [
  'AI',
  'CloudPosture',
  'VirtualMachines',
  'StorageAccounts',
  'KeyVaults',
  'Arm',
];

function pricing(ctx: HandlerContext, name: string) {
  const id = `/subscriptions/${ctx.params.subscriptionId}/providers/Microsoft.Security/pricings/${name}`;
  return (
    ctx.state.get(id) ?? {
      id,
      name,
      type: 'Microsoft.Security/pricings',
      properties: { pricingTier: 'Free', freeTrialRemainingTime: 'PT0S' },
    }
  );
}

function get(ctx: HandlerContext): HandlerResult {
  const plan = PLANS.find(
    p => p.toLowerCase() === ctx.params.name.toLowerCase(),
  );
  if (!plan) {
    throw resourceNotFound('Microsoft.Security/pricings', ctx.params.name);
  }
  return { status: 200, body: pricing(ctx, plan) };
}

function put(ctx: HandlerContext): HandlerResult {
  const plan = PLANS.find(
    p => p.toLowerCase() === ctx.params.name.toLowerCase(),
  );
  if (!plan) {
    throw resourceNotFound('Microsoft.Security/pricings', ctx.params.name);
  }
  const tier = requireObjectBody(ctx).properties?.pricingTier;
  if (tier !== 'Free' && tier !== 'Standard') {
    throw badRequest("'properties.pricingTier' must be Free or Standard.");
  }
  const body = {
    ...pricing(ctx, plan),
    properties: {
      pricingTier: tier,
      freeTrialRemainingTime: 'PT0S',
      ...(tier === 'Standard'
        ? { enablementTime: new Date(ctx.clock.now()).toISOString() }
        : {}),
    },
  };
  ctx.state.put(body);
  return { status: 200, body };
}

/** Defender for Cloud pricing routes (the `AI` plan and a few others). */
export const securityRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: PRICINGS,
    operationId: 'Pricings_List',
    apiVersions: API_VERSIONS.securityPricings,
    handler: ctx => unpaged(PLANS.map(p => pricing(ctx, p))),
  },
  {
    method: 'GET',
    template: `${PRICINGS}/{name}`,
    operationId: 'Pricings_Get',
    apiVersions: API_VERSIONS.securityPricings,
    handler: get,
  },
  {
    method: 'PUT',
    template: `${PRICINGS}/{name}`,
    operationId: 'Pricings_Update',
    apiVersions: API_VERSIONS.securityPricings,
    handler: put,
  },
];
