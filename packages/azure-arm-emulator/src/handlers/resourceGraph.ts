import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { ArmError } from '../errors';
import { resourceGroupOf, resourceTypeOf, subscriptionOf } from '../ids';
import { KqlError, parseKql, runKql } from '../kql';
import type { RouteDefinition } from '../router';
import type { ArmResource } from '../state';
import { guidOf, requireObjectBody } from './common';

const PAGE = 1000;

function invalidQuery(message: string) {
  return new ArmError(
    400,
    'BadRequest',
    'Please provide below info when asking for support: timestamp, correlationId.',
    {
      details: [
        { code: 'InvalidQuery', message: `Query is invalid. ${message}` },
      ],
    },
  );
}

/** A `resources` table row of a tracked top-level resource. */
export function toRow(r: ArmResource): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    type: resourceTypeOf(r.id).toLowerCase(),
    tenantId: guidOf('tenant'),
    kind: r.kind ?? '',
    location: r.location,
    resourceGroup: (resourceGroupOf(r.id) ?? '').toLowerCase(),
    subscriptionId: subscriptionOf(r.id),
    managedBy: '',
    sku: r.sku ?? null,
    plan: null,
    properties: r.properties ?? {},
    tags: r.tags ?? {},
    identity: r.identity ?? null,
    zones: null,
    extendedLocation: null,
  };
}

function isTracked(r: ArmResource): boolean {
  return (
    typeof r.location === 'string' &&
    /\/providers\//i.test(r.id) &&
    resourceTypeOf(r.id).split('/').length === 2
  );
}

function query(ctx: HandlerContext): HandlerResult {
  const body = requireObjectBody(ctx);
  if (typeof body.query !== 'string' || !body.query.trim()) {
    throw invalidQuery("The request needs a 'query' string.");
  }
  const opts = body.options ?? {};
  if (opts.resultFormat && opts.resultFormat !== 'objectArray') {
    throw invalidQuery(
      "Only resultFormat 'objectArray' is supported by the emulator.",
    );
  }
  const top = opts.$top ?? PAGE;
  if (!Number.isInteger(top) || top < 1 || top > PAGE) {
    throw invalidQuery(`$top must be between 1 and ${PAGE}.`);
  }
  let parsed;
  try {
    parsed = parseKql(body.query);
  } catch (e) {
    if (e instanceof KqlError) {
      throw invalidQuery(e.message);
    }
    throw e;
  }
  const subs: string[] | undefined = Array.isArray(body.subscriptions)
    ? body.subscriptions.map((s: unknown) => String(s).toLowerCase())
    : undefined;
  const rows = ctx.state
    .all()
    .filter(isTracked)
    .filter(
      r => !subs || subs.includes(String(subscriptionOf(r.id)).toLowerCase()),
    )
    .map(toRow);
  const result = runKql(parsed, rows);
  let offset = Number.isInteger(opts.$skip) ? opts.$skip : 0;
  if (opts.$skipToken !== undefined) {
    const decoded = Number(
      Buffer.from(String(opts.$skipToken), 'base64').toString('utf8'),
    );
    if (!Number.isInteger(decoded) || decoded < 0) {
      throw invalidQuery('The $skipToken is invalid.');
    }
    offset = decoded;
  }
  const data = result.slice(offset, offset + top);
  const response: Record<string, unknown> = {
    totalRecords: result.length,
    count: data.length,
    resultTruncated: 'false',
    data,
    facets: [],
  };
  if (parsed.limit === undefined && offset + top < result.length) {
    response.$skipToken = Buffer.from(String(offset + top)).toString('base64');
  }
  return { status: 200, body: response };
}

/** `POST /providers/Microsoft.ResourceGraph/resources`. */
export const resourceGraphRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    template: '/providers/Microsoft.ResourceGraph/resources',
    operationId: 'Resources',
    apiVersions: API_VERSIONS.resourceGraph,
    kind: 'read',
    handler: query,
  },
];
