import type { HandlerContext, HandlerResult } from '../context';
import { paged } from '../paging';
import { normalizeLocation, type ArmResource } from '../state';
import { requireAccount } from './accounts';

/** Lists one child collection of the request's account (paged). */
export function listAccountChildren(
  ctx: HandlerContext,
  collection: string,
): HandlerResult {
  return paged(ctx, ctx.state.list(`${requireAccount(ctx).id}/${collection}`));
}

/**
 * Deletes a child of the request's account as a long-running operation:
 * `204` when it does not exist, else `202` with the operation headers; the
 * child is removed when the operation succeeds. `prepare` runs before the
 * operation starts (checks that may throw, state changes).
 */
export function deleteAccountChild(
  ctx: HandlerContext,
  id: string,
  prepare?: (account: ArmResource, child: ArmResource) => void,
): HandlerResult {
  const account = requireAccount(ctx);
  const child = ctx.state.get(id);
  if (!child) {
    return { status: 204 };
  }
  prepare?.(account, child);
  const op = ctx.lro.begin({
    namespace: 'Microsoft.CognitiveServices',
    location: normalizeLocation(account.location),
    resourceId: child.id,
    action: 'delete',
    apiVersion: ctx.apiVersion,
    onSucceeded: () => ctx.state.delete(child.id),
  });
  return { status: 202, headers: ctx.lro.headers(op) };
}
