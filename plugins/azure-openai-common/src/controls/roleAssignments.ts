import type { ControlInput } from '../types';
import { JsonObject, lastSegment, scopeCovers } from '../engine/json';
import {
  AccountAndList,
  ROLE_NAMES,
  Read,
  lower,
  prop,
  readAccountAndList,
} from './helpers';

/** Reads the account body, then its role assignment list (`roleAssignments`). */
export function readRoleAssignments(input: ControlInput): Read<AccountAndList> {
  return readAccountAndList(
    input,
    input.account.roleAssignments,
    'the role assignment list',
    'roleAssignments',
  );
}

/** Role definition GUID of an assignment (the last segment of `roleDefinitionId`). */
export function assignedRole(assignment: JsonObject): string | undefined {
  return lastSegment(prop(assignment, 'roleDefinitionId'));
}

/** Display name of an assignment's built-in role, for messages and evidence. */
export function assignedRoleName(assignment: JsonObject): string {
  return ROLE_NAMES[assignedRole(assignment) ?? ''];
}

/**
 * The assignments that grant one of `roles` on the account, directly or inherited from an
 * ancestor scope, to a principal that is not on `allowlist` (compared case-insensitively).
 */
export function assignmentsGranting(
  assignments: readonly JsonObject[],
  roles: readonly string[],
  accountId: unknown,
  allowlist: readonly string[],
): JsonObject[] {
  const allow = new Set(allowlist.map(p => p.toLowerCase()));
  return assignments.filter(a => {
    const role = assignedRole(a);
    const principal = lower(prop(a, 'principalId'));
    return (
      role !== undefined &&
      roles.includes(role) &&
      scopeCovers(prop(a, 'scope'), accountId) &&
      !(principal && allow.has(principal))
    );
  });
}

/** Principal type of an assignment, lower-cased (`user`, `group`, `serviceprincipal`, …). */
export function principalType(assignment: JsonObject): string | undefined {
  return lower(prop(assignment, 'principalType'));
}
