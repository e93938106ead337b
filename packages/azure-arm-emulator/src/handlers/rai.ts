import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { ArmError, badRequest, resourceNotFound } from '../errors';
import { paged } from '../paging';
import type { RouteDefinition } from '../router';
import type { ArmResource } from '../state';
import { requireAccount } from './accounts';
import {
  checkName,
  compact,
  etag,
  requireObjectBody,
  requireResource,
  systemData,
} from './common';
import { deleteAccountChild, listAccountChildren } from './childResources';

const V = API_VERSIONS.cognitiveServices;
const ACCOUNT =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}';
const POLICY_TYPE = 'Microsoft.CognitiveServices/accounts/raiPolicies';
const BL_TYPE = 'Microsoft.CognitiveServices/accounts/raiBlocklists';
const ITEM_TYPE =
  'Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems';
const BUILT_IN = ['Microsoft.Default', 'Microsoft.DefaultV2'];
const MODES = ['Default', 'Deferred', 'Blocking', 'Asynchronous_filter'];
const SOURCES = ['Prompt', 'Completion'];
const SEVERITIES = ['Low', 'Medium', 'High'];

/** True for Azure's system-managed RAI policies. */
export function isBuiltInRaiPolicy(name: string): boolean {
  return BUILT_IN.some(b => b.toLowerCase() === String(name).toLowerCase());
}

const HARM = ['Hate', 'Sexual', 'Violence', 'Selfharm'];

/** The content filters of Azure's default policy. */
export function defaultContentFilters() {
  const filters: Array<Record<string, unknown>> = [];
  for (const source of SOURCES) {
    for (const name of HARM) {
      filters.push({
        name,
        enabled: true,
        blocking: true,
        severityThreshold: 'Medium',
        source,
      });
    }
  }
  filters.push({
    name: 'Jailbreak',
    enabled: true,
    blocking: true,
    source: 'Prompt',
  });
  filters.push({
    name: 'Protected Material Text',
    enabled: true,
    blocking: true,
    source: 'Completion',
  });
  filters.push({
    name: 'Protected Material Code',
    enabled: true,
    blocking: false,
    source: 'Completion',
  });
  return filters;
}

function builtInPolicy(accountId: string, name: string): ArmResource {
  return {
    id: `${accountId}/raiPolicies/${name}`,
    name,
    type: POLICY_TYPE,
    properties: {
      type: 'SystemManaged',
      mode: 'Blocking',
      contentFilters: defaultContentFilters(),
    },
  };
}

function validatePolicy(props: any): void {
  if (!props || typeof props !== 'object') {
    throw badRequest("The RAI policy needs a 'properties' object.");
  }
  if (props.mode !== undefined && !MODES.includes(props.mode)) {
    throw badRequest(`'properties.mode' must be one of ${MODES.join(', ')}.`);
  }
  if (props.contentFilters !== undefined) {
    if (!Array.isArray(props.contentFilters)) {
      throw badRequest("'properties.contentFilters' must be an array.");
    }
    props.contentFilters.forEach((f: any, i: number) => {
      if (!f || typeof f.name !== 'string') {
        throw badRequest(`'properties.contentFilters[${i}].name' is required.`);
      }
      if (f.source !== undefined && !SOURCES.includes(f.source)) {
        throw badRequest(
          `'properties.contentFilters[${i}].source' must be Prompt or Completion.`,
        );
      }
      if (
        f.severityThreshold !== undefined &&
        !SEVERITIES.includes(f.severityThreshold)
      ) {
        throw badRequest(
          `'properties.contentFilters[${i}].severityThreshold' must be Low, Medium or High.`,
        );
      }
    });
  }
}

function getPolicy(ctx: HandlerContext): HandlerResult {
  const account = requireAccount(ctx);
  const name = ctx.params.raiPolicyName;
  if (isBuiltInRaiPolicy(name)) {
    return {
      status: 200,
      body: builtInPolicy(
        account.id,
        BUILT_IN.find(b => b.toLowerCase() === name.toLowerCase())!,
      ),
    };
  }
  return {
    status: 200,
    body: requireResource(
      ctx,
      `${account.id}/raiPolicies/${name}`,
      POLICY_TYPE,
      `${account.name}/${name}`,
    ),
  };
}

function putPolicy(ctx: HandlerContext): HandlerResult {
  const name = ctx.params.raiPolicyName;
  checkName(name, POLICY_TYPE);
  const account = requireAccount(ctx);
  if (isBuiltInRaiPolicy(name)) {
    throw badRequest(
      `The system-managed RAI policy '${name}' cannot be changed.`,
    );
  }
  const body = requireObjectBody(ctx);
  validatePolicy(body.properties);
  for (const bl of body.properties.customBlocklists ?? []) {
    if (!ctx.state.get(`${account.id}/raiBlocklists/${bl?.blocklistName}`)) {
      throw badRequest(
        `The RAI blocklist '${bl?.blocklistName}' does not exist on account '${account.name}'.`,
      );
    }
  }
  const id = `${account.id}/raiPolicies/${name}`;
  const existing = ctx.state.get(id);
  const policy = compact({
    id: existing?.id ?? id,
    name,
    type: POLICY_TYPE,
    etag: etag(),
    tags: body.tags,
    systemData: systemData(ctx, existing),
    properties: {
      mode: 'Blocking',
      basePolicyName: 'Microsoft.DefaultV2',
      ...body.properties,
      type: 'UserManaged',
    },
  });
  ctx.state.put(policy);
  return { status: existing ? 200 : 201, body: policy };
}

function deletePolicy(ctx: HandlerContext): HandlerResult {
  const account = requireAccount(ctx);
  const name = ctx.params.raiPolicyName;
  if (isBuiltInRaiPolicy(name)) {
    throw badRequest(
      `The system-managed RAI policy '${name}' cannot be deleted.`,
    );
  }
  const users = ctx.state
    .list(`${account.id}/deployments`)
    .filter(
      d =>
        String(d.properties?.raiPolicyName).toLowerCase() ===
        name.toLowerCase(),
    );
  if (users.length) {
    throw new ArmError(
      409,
      'Conflict',
      `The RAI policy '${name}' is used by deployment(s) ${users
        .map(u => u.name)
        .join(', ')}.`,
    );
  }
  return deleteAccountChild(ctx, `${account.id}/raiPolicies/${name}`);
}

function blocklistId(ctx: HandlerContext) {
  return `${requireAccount(ctx).id}/raiBlocklists/${
    ctx.params.raiBlocklistName
  }`;
}

function requireBlocklist(ctx: HandlerContext): ArmResource {
  return requireResource(
    ctx,
    blocklistId(ctx),
    BL_TYPE,
    `${ctx.params.accountName}/${ctx.params.raiBlocklistName}`,
  );
}

function putBlocklist(ctx: HandlerContext): HandlerResult {
  checkName(ctx.params.raiBlocklistName, BL_TYPE);
  const id = blocklistId(ctx);
  const body = requireObjectBody(ctx);
  const existing = ctx.state.get(id);
  const bl = compact({
    id: existing?.id ?? id,
    name: ctx.params.raiBlocklistName,
    type: BL_TYPE,
    etag: etag(),
    tags: body.tags,
    systemData: systemData(ctx, existing),
    properties: { description: body.properties?.description ?? '' },
  });
  ctx.state.put(bl);
  return { status: existing ? 200 : 201, body: bl };
}

function itemBody(
  ctx: HandlerContext,
  blId: string,
  name: string,
  props: any,
  previous?: ArmResource,
): ArmResource {
  if (!props || typeof props.pattern !== 'string') {
    throw badRequest("A blocklist item needs 'properties.pattern'.");
  }
  return {
    id: previous?.id ?? `${blId}/raiBlocklistItems/${name}`,
    name,
    type: ITEM_TYPE,
    etag: etag(),
    systemData: systemData(ctx, previous),
    properties: { pattern: props.pattern, isRegex: props.isRegex === true },
  };
}

function putItem(ctx: HandlerContext): HandlerResult {
  checkName(ctx.params.raiBlocklistItemName, ITEM_TYPE);
  const bl = requireBlocklist(ctx);
  const body = requireObjectBody(ctx);
  const id = `${bl.id}/raiBlocklistItems/${ctx.params.raiBlocklistItemName}`;
  const existing = ctx.state.get(id);
  const item = itemBody(
    ctx,
    bl.id,
    ctx.params.raiBlocklistItemName,
    body.properties,
    existing,
  );
  ctx.state.put(item);
  return { status: existing ? 200 : 201, body: item };
}

function getItem(ctx: HandlerContext): HandlerResult {
  const bl = requireBlocklist(ctx);
  return {
    status: 200,
    body: requireResource(
      ctx,
      `${bl.id}/raiBlocklistItems/${ctx.params.raiBlocklistItemName}`,
      ITEM_TYPE,
      ctx.params.raiBlocklistItemName,
    ),
  };
}

function batchAdd(ctx: HandlerContext): HandlerResult {
  const bl = requireBlocklist(ctx);
  if (!Array.isArray(ctx.body)) {
    throw badRequest('The body must be an array of blocklist items.');
  }
  ctx.body.forEach((i: any, n: number) => {
    if (!i || typeof i.name !== 'string') {
      throw badRequest(`Item ${n} needs a 'name'.`);
    }
    checkName(i.name, ITEM_TYPE);
  });
  for (const i of ctx.body) {
    const existing = ctx.state.get(`${bl.id}/raiBlocklistItems/${i.name}`);
    ctx.state.put(itemBody(ctx, bl.id, i.name, i.properties, existing));
  }
  return { status: 200, body: bl };
}

function batchDelete(ctx: HandlerContext): HandlerResult {
  const bl = requireBlocklist(ctx);
  if (
    !Array.isArray(ctx.body) ||
    ctx.body.some((n: unknown) => typeof n !== 'string')
  ) {
    throw badRequest('The body must be an array of item names.');
  }
  for (const n of ctx.body) {
    ctx.state.delete(`${bl.id}/raiBlocklistItems/${n}`);
  }
  return { status: 204 };
}

const CONTENT_FILTERS: Array<{
  name: string;
  source: 'Prompt' | 'Completion';
  isMultiLevelFilter: boolean;
}> = [
  ...HARM.flatMap(n =>
    SOURCES.map(s => ({
      name: n,
      source: s as 'Prompt' | 'Completion',
      isMultiLevelFilter: true,
    })),
  ),
  { name: 'Jailbreak', source: 'Prompt', isMultiLevelFilter: false },
  { name: 'Indirect Attack', source: 'Prompt', isMultiLevelFilter: false },
  {
    name: 'Protected Material Text',
    source: 'Completion',
    isMultiLevelFilter: false,
  },
  {
    name: 'Protected Material Code',
    source: 'Completion',
    isMultiLevelFilter: false,
  },
  { name: 'Profanity', source: 'Prompt', isMultiLevelFilter: false },
  { name: 'Profanity', source: 'Completion', isMultiLevelFilter: false },
];

function contentFilterBodies(ctx: HandlerContext) {
  const base = `/subscriptions/${ctx.params.subscriptionId}/providers/Microsoft.CognitiveServices/locations/${ctx.params.location}/raiContentFilters`;
  const seen = new Set<string>();
  return CONTENT_FILTERS.filter(f => !seen.has(f.name) && seen.add(f.name)).map(
    f => ({
      id: `${base}/${f.name.replace(/ /g, '')}`,
      name: f.name.replace(/ /g, ''),
      properties: {
        name: f.name,
        isMultiLevelFilter: f.isMultiLevelFilter,
        source: f.source,
      },
    }),
  );
}

/** RAI policy, blocklist and content filter routes. */
export const raiRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: `${ACCOUNT}/raiPolicies`,
    operationId: 'RaiPolicies_List',
    apiVersions: V,
    handler: ctx => {
      const a = requireAccount(ctx);
      return paged(ctx, [
        ...BUILT_IN.map(n => builtInPolicy(a.id, n)),
        ...ctx.state.list(`${a.id}/raiPolicies`),
      ]);
    },
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/raiPolicies/{raiPolicyName}`,
    operationId: 'RaiPolicies_Get',
    apiVersions: V,
    handler: getPolicy,
  },
  {
    method: 'PUT',
    template: `${ACCOUNT}/raiPolicies/{raiPolicyName}`,
    operationId: 'RaiPolicies_CreateOrUpdate',
    apiVersions: V,
    handler: putPolicy,
  },
  {
    method: 'DELETE',
    template: `${ACCOUNT}/raiPolicies/{raiPolicyName}`,
    operationId: 'RaiPolicies_Delete',
    apiVersions: V,
    handler: deletePolicy,
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/raiBlocklists`,
    operationId: 'RaiBlocklists_List',
    apiVersions: V,
    handler: ctx => listAccountChildren(ctx, 'raiBlocklists'),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}`,
    operationId: 'RaiBlocklists_Get',
    apiVersions: V,
    handler: ctx => ({ status: 200, body: requireBlocklist(ctx) }),
  },
  {
    method: 'PUT',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}`,
    operationId: 'RaiBlocklists_CreateOrUpdate',
    apiVersions: V,
    handler: putBlocklist,
  },
  {
    method: 'DELETE',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}`,
    operationId: 'RaiBlocklists_Delete',
    apiVersions: V,
    handler: ctx => deleteAccountChild(ctx, blocklistId(ctx)),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems`,
    operationId: 'RaiBlocklistItems_List',
    apiVersions: V,
    handler: ctx =>
      paged(
        ctx,
        ctx.state.list(`${requireBlocklist(ctx).id}/raiBlocklistItems`),
      ),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems/{raiBlocklistItemName}`,
    operationId: 'RaiBlocklistItems_Get',
    apiVersions: V,
    handler: getItem,
  },
  {
    method: 'PUT',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems/{raiBlocklistItemName}`,
    operationId: 'RaiBlocklistItems_CreateOrUpdate',
    apiVersions: V,
    handler: putItem,
  },
  {
    method: 'DELETE',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems/{raiBlocklistItemName}`,
    operationId: 'RaiBlocklistItems_Delete',
    apiVersions: V,
    handler: ctx =>
      deleteAccountChild(
        ctx,
        `${requireBlocklist(ctx).id}/raiBlocklistItems/${
          ctx.params.raiBlocklistItemName
        }`,
      ),
  },
  {
    method: 'POST',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}/addRaiBlocklistItems`,
    operationId: 'RaiBlocklistItems_BatchAdd',
    apiVersions: V,
    handler: batchAdd,
  },
  {
    method: 'POST',
    template: `${ACCOUNT}/raiBlocklists/{raiBlocklistName}/deleteRaiBlocklistItems`,
    operationId: 'RaiBlocklistItems_BatchDelete',
    apiVersions: V,
    handler: batchDelete,
  },
  {
    method: 'GET',
    template:
      '/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/locations/{location}/raiContentFilters',
    operationId: 'RaiContentFilters_List',
    apiVersions: V,
    handler: ctx => paged(ctx, contentFilterBodies(ctx)),
  },
  {
    method: 'GET',
    template:
      '/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/locations/{location}/raiContentFilters/{filterName}',
    operationId: 'RaiContentFilters_Get',
    apiVersions: V,
    handler: ctx => {
      const f = contentFilterBodies(ctx).find(
        c => c.name.toLowerCase() === ctx.params.filterName.toLowerCase(),
      );
      if (!f) {
        throw resourceNotFound(
          'Microsoft.CognitiveServices/locations/raiContentFilters',
          ctx.params.filterName,
        );
      }
      return { status: 200, body: f };
    },
  },
];
