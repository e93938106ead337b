import { createHash, randomUUID } from 'node:crypto';
import type { HandlerContext, HandlerResult } from '../context';
import {
  ArmError,
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from '../errors';
import { paged } from '../paging';
import type { ArmResource } from '../state';

/** `/subscriptions/{s}/resourceGroups/{rg}` of the current request. */
export function rgId(ctx: HandlerContext): string {
  return `/subscriptions/${ctx.params.subscriptionId}/resourceGroups/${ctx.params.resourceGroupName}`;
}

/** Throws `ResourceGroupNotFound` unless the request's resource group exists. */
export function requireResourceGroup(ctx: HandlerContext): ArmResource {
  const rg = ctx.state.get(rgId(ctx));
  if (!rg) {
    throw resourceGroupNotFound(ctx.params.resourceGroupName);
  }
  return rg;
}

/** Reads a resource or throws `ResourceNotFound` (after checking the resource group). */
export function requireResource(
  ctx: HandlerContext,
  id: string,
  type: string,
  name: string,
): ArmResource {
  if (ctx.params.resourceGroupName) {
    requireResourceGroup(ctx);
  }
  const r = ctx.state.get(id);
  if (!r) {
    throw resourceNotFound(type, name, ctx.params.resourceGroupName);
  }
  return r;
}

/** Lists one provider's resources in the request's resource group (paged). */
export function listInResourceGroup(
  ctx: HandlerContext,
  providerCollection: string,
): HandlerResult {
  requireResourceGroup(ctx);
  return paged(
    ctx,
    ctx.state.list(`${rgId(ctx)}/providers/${providerCollection}`),
  );
}

/** The request body as an object, or a `BadRequest`. */
export function requireObjectBody(ctx: HandlerContext): Record<string, any> {
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw badRequest(
      'The request body must be a JSON object.',
      'InvalidRequestContent',
    );
  }
  return ctx.body;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Azure's naming rule for Cognitive Services accounts and their children. */
export function checkName(name: string, what: string, min = 1, max = 64): void {
  if (!NAME.test(name) || name.length < min || name.length > max) {
    throw new ArmError(
      400,
      'InvalidResourceName',
      `Resource name '${name}' is invalid for ${what}. The name must be ${min} to ${max} characters long, start with a letter or number, and contain only letters, numbers, periods, underscores and hyphens.`,
    );
  }
}

/** A fresh ARM etag. */
export function etag(): string {
  return `"${randomUUID()}"`;
}

/** ARM `systemData` for a write now by the caller. */
export function systemData(
  ctx: HandlerContext,
  previous?: ArmResource,
): Record<string, string> {
  const at = new Date(ctx.clock.now()).toISOString();
  return {
    createdBy: previous?.systemData?.createdBy ?? ctx.caller,
    createdByType: previous?.systemData?.createdByType ?? 'Application',
    createdAt: previous?.systemData?.createdAt ?? at,
    lastModifiedBy: ctx.caller,
    lastModifiedByType: 'Application',
    lastModifiedAt: at,
  };
}

/** A deterministic hex string derived from text. */
export function hexOf(text: string, length = 32): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A deterministic GUID derived from text. */
export function guidOf(text: string): string {
  const h = hexOf(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/** Throws a 409 when a long-running operation is still running on or under `id`. */
export function requireNoPendingOperation(
  ctx: HandlerContext,
  id: string,
  parent = id,
): void {
  if (ctx.lro.pendingUnder(id)) {
    throw new ArmError(
      409,
      'Conflict',
      `Another operation is being performed on the parent resource '${parent}'. Please try again later.`,
    );
  }
}

/** Removes `undefined` members so bodies validate against the spec. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) {
    if (o[k] === undefined) {
      delete o[k];
    }
  }
  return o;
}

/** Throws `InvalidTag` unless `tags` is absent or an object of string values. */
export function checkTags(tags: unknown): void {
  if (tags === undefined) {
    return;
  }
  if (
    !tags ||
    typeof tags !== 'object' ||
    Array.isArray(tags) ||
    Object.values(tags).some(v => typeof v !== 'string')
  ) {
    throw badRequest(
      "'tags' must be an object whose values are strings.",
      'InvalidTag',
    );
  }
}
