import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { ArmError, badRequest, resourceNotFound } from '../errors';
import { paged, queryParam } from '../paging';
import type { RouteDefinition } from '../router';
import type { ArmResource } from '../state';
import { requireObjectBody } from './common';
import { requireScope } from './insights';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RA = '/{scope*}/providers/Microsoft.Authorization/roleAssignments';
const LOCKS = '/{scope*}/providers/Microsoft.Authorization/locks';
const POLICY = '/{scope*}/providers/Microsoft.Authorization/policyAssignments';

function scopeOf(id: string, marker: string): string {
  return id.slice(
    0,
    id
      .toLowerCase()
      .lastIndexOf(`/providers/microsoft.authorization/${marker}/`),
  );
}

function isAncestorOrSelf(ancestor: string, scope: string) {
  const a = ancestor.toLowerCase();
  const s = scope.toLowerCase();
  return s === a || s.startsWith(`${a}/`);
}

function inSubscription(
  ctx: HandlerContext,
  type: string,
  scope: string,
): ArmResource[] {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return ctx.state.listByType(type, sub);
}

function listRoleAssignments(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  const filter = queryParam(ctx.query, '$filter') ?? '';
  const principal = /principalId\s+eq\s+'([^']+)'/i.exec(filter)?.[1];
  if (filter && !/^\s*atScope\(\)\s*$/i.test(filter) && !principal) {
    throw badRequest(
      `The $filter '${filter}' is not supported. Use atScope() or principalId eq '{id}'.`,
      'UnsupportedQuery',
    );
  }
  const atScope = /atScope\(\)/i.test(filter);
  const items = inSubscription(
    ctx,
    'Microsoft.Authorization/roleAssignments',
    scope,
  ).filter(r => {
    const s = scopeOf(r.id, 'roleassignments');
    const related =
      isAncestorOrSelf(s, scope) || (!atScope && isAncestorOrSelf(scope, s));
    return related && (!principal || r.properties?.principalId === principal);
  });
  return paged(ctx, items);
}

function putRoleAssignment(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  if (!GUID.test(ctx.params.name)) {
    throw new ArmError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${ctx.params.name}' is not valid. The role assignment ID must be a GUID.`,
    );
  }
  const p = requireObjectBody(ctx).properties;
  if (
    !p ||
    typeof p.roleDefinitionId !== 'string' ||
    typeof p.principalId !== 'string'
  ) {
    throw badRequest(
      "'properties.roleDefinitionId' and 'properties.principalId' are required.",
      'InvalidCreateRoleAssignmentRequest',
    );
  }
  const id = `${scope}/providers/Microsoft.Authorization/roleAssignments/${ctx.params.name}`;
  const existing = ctx.state.get(id);
  if (existing) {
    if (
      existing.properties.principalId !== p.principalId ||
      existing.properties.roleDefinitionId.toLowerCase() !==
        p.roleDefinitionId.toLowerCase()
    ) {
      throw new ArmError(
        409,
        'RoleAssignmentUpdateNotPermitted',
        'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      );
    }
  }
  const duplicate = inSubscription(
    ctx,
    'Microsoft.Authorization/roleAssignments',
    scope,
  ).find(
    r =>
      r.id.toLowerCase() !== id.toLowerCase() &&
      scopeOf(r.id, 'roleassignments').toLowerCase() === scope.toLowerCase() &&
      r.properties.principalId === p.principalId &&
      r.properties.roleDefinitionId.toLowerCase() ===
        p.roleDefinitionId.toLowerCase(),
  );
  if (duplicate) {
    throw new ArmError(
      409,
      'RoleAssignmentExists',
      'The role assignment already exists.',
      { details: [{ code: 'RoleAssignmentExists', message: duplicate.name }] },
    );
  }
  const now = new Date(ctx.clock.now()).toISOString();
  const ra = {
    id,
    name: ctx.params.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: p.roleDefinitionId,
      principalId: p.principalId,
      principalType: p.principalType ?? 'User',
      scope,
      ...(p.description ? { description: p.description } : {}),
      createdOn: existing?.properties.createdOn ?? now,
      updatedOn: now,
      createdBy: ctx.caller,
      updatedBy: ctx.caller,
    },
  };
  ctx.state.put(ra);
  return { status: existing ? 200 : 201, body: ra };
}

function getRoleAssignment(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  const ra = ctx.state.get(
    `${scope}/providers/Microsoft.Authorization/roleAssignments/${ctx.params.name}`,
  );
  if (!ra) {
    throw new ArmError(
      404,
      'RoleAssignmentNotFound',
      `The role assignment '${ctx.params.name}' is not found.`,
    );
  }
  return { status: 200, body: ra };
}

function deleteRoleAssignment(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  const [removed] = ctx.state.delete(
    `${scope}/providers/Microsoft.Authorization/roleAssignments/${ctx.params.name}`,
  );
  return removed ? { status: 200, body: removed } : { status: 204 };
}

function listLocks(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  return paged(
    ctx,
    inSubscription(ctx, 'Microsoft.Authorization/locks', scope).filter(l =>
      isAncestorOrSelf(scopeOf(l.id, 'locks'), scope),
    ),
  );
}

function putLock(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  const p = requireObjectBody(ctx).properties;
  if (!p || (p.level !== 'CanNotDelete' && p.level !== 'ReadOnly')) {
    throw badRequest(
      "'properties.level' must be CanNotDelete or ReadOnly.",
      'LockLevelInvalid',
    );
  }
  const id = `${scope}/providers/Microsoft.Authorization/locks/${ctx.params.name}`;
  const existed = Boolean(ctx.state.get(id));
  const lock = {
    id,
    name: ctx.params.name,
    type: 'Microsoft.Authorization/locks',
    properties: { level: p.level, notes: p.notes, owners: p.owners ?? [] },
  };
  if (lock.properties.notes === undefined) {
    delete lock.properties.notes;
  }
  ctx.state.put(lock);
  return { status: existed ? 200 : 201, body: lock };
}

/**
 * Policy assignments that apply to a scope: without a filter, those at the
 * scope, above it and below it (as ARM's list operations document); with
 * `atScope()`, only at and above.
 */
function listPolicyAssignments(ctx: HandlerContext): HandlerResult {
  const scope = requireScope(ctx, 'scope');
  const filter = queryParam(ctx.query, '$filter') ?? '';
  if (filter && !/^\s*atScope\(\)\s*$/i.test(filter)) {
    throw badRequest(
      `The $filter '${filter}' is not supported. Use atScope().`,
      'UnsupportedQuery',
    );
  }
  const atScope = Boolean(filter);
  return paged(
    ctx,
    inSubscription(
      ctx,
      'Microsoft.Authorization/policyAssignments',
      scope,
    ).filter(p => {
      const s = scopeOf(p.id, 'policyassignments');
      return (
        isAncestorOrSelf(s, scope) || (!atScope && isAncestorOrSelf(scope, s))
      );
    }),
  );
}

/** Role assignment, lock and policy assignment routes. */
export const authorizationRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: RA,
    operationId: 'RoleAssignments_ListForScope',
    apiVersions: API_VERSIONS.roleAssignments,
    handler: listRoleAssignments,
  },
  {
    method: 'GET',
    template: `${RA}/{name}`,
    operationId: 'RoleAssignments_Get',
    apiVersions: API_VERSIONS.roleAssignments,
    handler: getRoleAssignment,
  },
  {
    method: 'PUT',
    template: `${RA}/{name}`,
    operationId: 'RoleAssignments_Create',
    apiVersions: API_VERSIONS.roleAssignments,
    handler: putRoleAssignment,
  },
  {
    method: 'DELETE',
    template: `${RA}/{name}`,
    operationId: 'RoleAssignments_Delete',
    apiVersions: API_VERSIONS.roleAssignments,
    handler: deleteRoleAssignment,
  },
  {
    method: 'GET',
    template: LOCKS,
    operationId: 'ManagementLocks_ListAtScope',
    apiVersions: API_VERSIONS.locks,
    handler: listLocks,
  },
  {
    method: 'GET',
    template: `${LOCKS}/{name}`,
    operationId: 'ManagementLocks_GetByScope',
    apiVersions: API_VERSIONS.locks,
    handler: ctx => {
      const l = ctx.state.get(
        `${requireScope(
          ctx,
          'scope',
        )}/providers/Microsoft.Authorization/locks/${ctx.params.name}`,
      );
      if (!l) {
        throw resourceNotFound(
          'Microsoft.Authorization/locks',
          ctx.params.name,
        );
      }
      return { status: 200, body: l };
    },
  },
  {
    method: 'DELETE',
    template: `${LOCKS}/{name}`,
    operationId: 'ManagementLocks_DeleteByScope',
    apiVersions: API_VERSIONS.locks,
    handler: ctx => {
      const removed = ctx.state.delete(
        `${requireScope(
          ctx,
          'scope',
        )}/providers/Microsoft.Authorization/locks/${ctx.params.name}`,
      );
      return { status: removed.length ? 200 : 204 };
    },
  },
  {
    method: 'PUT',
    template: `${LOCKS}/{name}`,
    operationId: 'ManagementLocks_CreateOrUpdateByScope',
    apiVersions: API_VERSIONS.locks,
    handler: putLock,
  },
  {
    method: 'GET',
    template: POLICY,
    operationId: 'PolicyAssignments_List',
    apiVersions: API_VERSIONS.policyAssignments,
    handler: listPolicyAssignments,
  },
];
