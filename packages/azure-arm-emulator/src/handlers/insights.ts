import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { badRequest, resourceGroupNotFound, resourceNotFound } from '../errors';
import { resourceTypeOf } from '../ids';
import { paged, unpaged } from '../paging';
import type { RouteDefinition } from '../router';
import { compact, requireObjectBody } from './common';

const SUB = '/subscriptions/{subscriptionId}/providers/Microsoft.Insights';
const DS = '/{resourceUri*}/providers/Microsoft.Insights/diagnosticSettings';
/** Azure Monitor allows five diagnostic settings per resource. */
const MAX_SETTINGS = 5;

/** The scope of an extension resource; throws ResourceNotFound when the target resource is missing. */
export function requireScope(
  ctx: HandlerContext,
  param = 'resourceUri',
): string {
  const scope = `/${ctx.params[param].replace(/^\/+/, '')}`;
  if (/^\/subscriptions\/[^/]+$/i.test(scope)) {
    return scope;
  }
  const rg = /^(\/subscriptions\/[^/]+\/resourcegroups\/([^/]+))/i.exec(scope);
  if (rg && !ctx.state.get(rg[1])) {
    throw resourceGroupNotFound(rg[2]);
  }
  const target = ctx.state.get(scope);
  if (!target) {
    const segs = scope.split('/');
    throw resourceNotFound(
      resourceTypeOf(scope),
      segs[segs.length - 1],
      rg?.[2],
    );
  }
  return target.id;
}

function putSetting(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx);
  const body = requireObjectBody(ctx);
  const p = body.properties;
  if (!p || typeof p !== 'object') {
    throw badRequest("The diagnostic setting needs a 'properties' object.");
  }
  for (const key of ['logs', 'metrics'] as const) {
    if (
      p[key] !== undefined &&
      (!Array.isArray(p[key]) ||
        p[key].some((x: any) => typeof x?.enabled !== 'boolean'))
    ) {
      throw badRequest(
        `'properties.${key}' must be an array of settings with a boolean 'enabled'.`,
      );
    }
  }
  if (
    !p.workspaceId &&
    !p.storageAccountId &&
    !p.eventHubAuthorizationRuleId &&
    !p.marketplacePartnerId
  ) {
    throw badRequest(
      'A diagnostic setting needs at least one destination: workspaceId, storageAccountId, eventHubAuthorizationRuleId or marketplacePartnerId.',
    );
  }
  const id = `${scope}/providers/Microsoft.Insights/diagnosticSettings/${ctx.params.name}`;
  const existing = ctx.state.get(id);
  if (
    !existing &&
    ctx.state.list(`${scope}/providers/Microsoft.Insights/diagnosticSettings`)
      .length >= MAX_SETTINGS
  ) {
    throw badRequest(
      `At most ${MAX_SETTINGS} diagnostic settings can be defined on '${scope}'.`,
    );
  }
  const setting = {
    id: existing?.id ?? id,
    name: ctx.params.name,
    type: 'Microsoft.Insights/diagnosticSettings',
    properties: compact({ ...p }),
  };
  ctx.state.put(setting);
  // The spec declares only 200 for create and update.
  return { status: 200, body: setting };
}

function getSetting(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx);
  const s = ctx.state.get(
    `${scope}/providers/Microsoft.Insights/diagnosticSettings/${ctx.params.name}`,
  );
  if (!s) {
    throw resourceNotFound(
      'Microsoft.Insights/diagnosticSettings',
      ctx.params.name,
    );
  }
  return { status: 200, body: s };
}

const METRIC_ALERT =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Insights/metricAlerts/{ruleName}';

function metricAlertId(ctx: HandlerContext): string {
  const { subscriptionId, resourceGroupName, ruleName } = ctx.params;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Insights/metricAlerts/${ruleName}`;
}

function getMetricAlert(ctx: HandlerContext): HandlerResult {
  const alert = ctx.state.get(metricAlertId(ctx));
  if (!alert) {
    throw resourceNotFound(
      'Microsoft.Insights/metricAlerts',
      ctx.params.ruleName,
      ctx.params.resourceGroupName,
    );
  }
  return { status: 200, body: alert };
}

function putMetricAlert(ctx: HandlerContext): HandlerResult {
  const rg = `/subscriptions/${ctx.params.subscriptionId}/resourceGroups/${ctx.params.resourceGroupName}`;
  if (!ctx.state.get(rg))
    throw resourceGroupNotFound(ctx.params.resourceGroupName);
  const body = requireObjectBody(ctx);
  const p = body.properties;
  if (
    !p ||
    typeof p !== 'object' ||
    !Array.isArray(p.scopes) ||
    p.scopes.length === 0 ||
    typeof p.criteria !== 'object' ||
    typeof p.enabled !== 'boolean'
  ) {
    throw badRequest(
      "A metric alert needs 'properties.scopes' (non-empty), 'properties.criteria' and 'properties.enabled'.",
    );
  }
  const id = metricAlertId(ctx);
  // Azure Monitor answers 200 for both create and update (MetricAlerts_CreateOrUpdate).
  const alert = ctx.state.put(
    compact({
      id,
      name: ctx.params.ruleName,
      type: 'Microsoft.Insights/metricAlerts',
      location: body.location ?? 'global',
      tags: body.tags,
      properties: {
        ...p,
        lastUpdatedTime: new Date(ctx.clock.now()).toISOString(),
      },
    }) as any,
  );
  return { status: 200, body: alert };
}

function deleteSetting(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx);
  const removed = ctx.state.delete(
    `${scope}/providers/Microsoft.Insights/diagnosticSettings/${ctx.params.name}`,
  );
  return { status: removed.length ? 200 : 204 };
}

/** Diagnostic settings (resource and subscription scope) and alert routes. */
export const insightsRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: `${SUB}/metricAlerts`,
    operationId: 'MetricAlerts_ListBySubscription',
    apiVersions: API_VERSIONS.metricAlerts,
    handler: ctx =>
      paged(
        ctx,
        ctx.state.listByType(
          'Microsoft.Insights/metricAlerts',
          ctx.params.subscriptionId,
        ),
      ),
  },
  {
    method: 'GET',
    template: METRIC_ALERT,
    operationId: 'MetricAlerts_Get',
    apiVersions: API_VERSIONS.metricAlerts,
    handler: getMetricAlert,
  },
  {
    method: 'PUT',
    template: METRIC_ALERT,
    operationId: 'MetricAlerts_CreateOrUpdate',
    apiVersions: API_VERSIONS.metricAlerts,
    handler: putMetricAlert,
  },
  {
    method: 'GET',
    template: `${SUB}/activityLogAlerts`,
    operationId: 'ActivityLogAlerts_ListBySubscriptionId',
    apiVersions: API_VERSIONS.activityLogAlerts,
    handler: ctx =>
      paged(
        ctx,
        ctx.state.listByType(
          'Microsoft.Insights/activityLogAlerts',
          ctx.params.subscriptionId,
        ),
      ),
  },
  {
    method: 'GET',
    template: DS,
    operationId: 'DiagnosticSettings_List',
    apiVersions: API_VERSIONS.diagnosticSettings,
    handler: ctx =>
      unpaged(
        ctx.state.list(
          `${requireScope(
            ctx,
          )}/providers/Microsoft.Insights/diagnosticSettings`,
        ),
      ),
  },
  {
    method: 'GET',
    template: `${DS}/{name}`,
    operationId: 'DiagnosticSettings_Get',
    apiVersions: API_VERSIONS.diagnosticSettings,
    handler: getSetting,
  },
  {
    method: 'PUT',
    template: `${DS}/{name}`,
    operationId: 'DiagnosticSettings_CreateOrUpdate',
    apiVersions: API_VERSIONS.diagnosticSettings,
    handler: putSetting,
  },
  {
    method: 'DELETE',
    template: `${DS}/{name}`,
    operationId: 'DiagnosticSettings_Delete',
    apiVersions: API_VERSIONS.diagnosticSettings,
    handler: deleteSetting,
  },
];
