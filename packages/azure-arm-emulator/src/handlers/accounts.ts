import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { ArmError, badRequest, resourceNotFound } from '../errors';
import { paged } from '../paging';
import type { RouteDefinition } from '../router';
import { deletedKey, normalizeLocation, type ArmResource } from '../state';
import { setProvisioningState } from '../lro';
import {
  checkName,
  checkTags,
  compact,
  etag,
  guidOf,
  hexOf,
  listInResourceGroup,
  requireNoPendingOperation,
  requireObjectBody,
  requireResource,
  requireResourceGroup,
  rgId,
  systemData,
} from './common';

const V = API_VERSIONS.cognitiveServices;
const NS = 'Microsoft.CognitiveServices';
const TYPE = 'Microsoft.CognitiveServices/accounts';
const SUB = '/subscriptions/{subscriptionId}';
const RG = `${SUB}/resourceGroups/{resourceGroupName}`;
const ACCOUNT = `${RG}/providers/Microsoft.CognitiveServices/accounts/{accountName}`;
const DELETED = `${SUB}/providers/Microsoft.CognitiveServices/locations/{location}/resourceGroups/{resourceGroupName}/deletedAccounts/{accountName}`;
const SUBDOMAIN = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}[a-zA-Z0-9])?$/;

/** The ARM id of the request's account. */
export function accountId(ctx: HandlerContext): string {
  return `${rgId(ctx)}/providers/Microsoft.CognitiveServices/accounts/${
    ctx.params.accountName
  }`;
}

/** Reads the request's account or throws `ResourceNotFound`. */
export function requireAccount(ctx: HandlerContext): ArmResource {
  return requireResource(ctx, accountId(ctx), TYPE, ctx.params.accountName);
}

/** Throws `AccountProvisioningStateInvalid` unless the account is `Succeeded`. */
export function requireAccountReady(ctx: HandlerContext): ArmResource {
  const account = requireAccount(ctx);
  const state = account.properties?.provisioningState;
  if (state && state !== 'Succeeded') {
    throw new ArmError(
      409,
      'AccountProvisioningStateInvalid',
      `Call to Microsoft.CognitiveServices/accounts failed. Error message: Account ${account.name} in state ${state}.`,
    );
  }
  return account;
}

/** The endpoint Azure gives an account. */
export function accountEndpoint(
  kind: string,
  location: string,
  subdomain?: string,
): string {
  if (!subdomain) {
    return `https://${location}.api.cognitive.microsoft.com/`;
  }
  return kind === 'OpenAI'
    ? `https://${subdomain}.openai.azure.com/`
    : `https://${subdomain}.cognitiveservices.azure.com/`;
}

/** Completes an account body with the read-only properties ARM adds. */
export function completeAccount(a: {
  id: string;
  location: string;
  kind: string;
  sku: Record<string, unknown>;
  tags?: Record<string, string>;
  identity?: Record<string, any>;
  properties: Record<string, any>;
  systemData?: Record<string, string>;
  provisioningState: string;
  createdAt: string;
}): ArmResource {
  const name = a.id.split('/').pop()!;
  const location = normalizeLocation(a.location);
  const props = { ...a.properties };
  delete props.restore;
  const endpoint = accountEndpoint(a.kind, location, props.customSubDomainName);
  let identity = a.identity;
  if (identity && /SystemAssigned/i.test(String(identity.type))) {
    identity = {
      ...identity,
      principalId: identity.principalId ?? guidOf(`principal:${a.id}`),
      tenantId: identity.tenantId ?? guidOf('tenant'),
    };
  }
  return compact({
    id: a.id,
    name,
    type: TYPE,
    etag: etag(),
    location,
    kind: a.kind,
    sku: a.sku,
    tags: a.tags,
    identity,
    systemData: a.systemData,
    properties: {
      ...props,
      provisioningState: a.provisioningState,
      endpoint,
      endpoints:
        a.kind === 'OpenAI' || a.kind === 'AIServices'
          ? { 'OpenAI Language Model Instance API': endpoint }
          : { [`${a.kind} API`]: endpoint },
      dateCreated: props.dateCreated ?? a.createdAt,
      internalId: props.internalId ?? hexOf(`internal:${a.id}`),
      privateEndpointConnections: props.privateEndpointConnections ?? [],
      isMigrated: false,
    },
  });
}

function findSubdomainOwner(
  ctx: HandlerContext,
  subdomain: string,
  self: string,
): string | undefined {
  const wanted = subdomain.toLowerCase();
  for (const a of ctx.state.listByType(TYPE)) {
    if (
      a.id.toLowerCase() !== self.toLowerCase() &&
      String(a.properties?.customSubDomainName ?? '').toLowerCase() === wanted
    ) {
      return a.id;
    }
  }
  for (const d of ctx.state.allDeleted()) {
    if (
      d.account.id.toLowerCase() !== self.toLowerCase() &&
      String(d.account.properties?.customSubDomainName ?? '').toLowerCase() ===
        wanted
    ) {
      return d.account.id;
    }
  }
  return undefined;
}

function createAccount(ctx: HandlerContext): HandlerResult {
  const name = ctx.params.accountName;
  checkName(name, 'Microsoft.CognitiveServices/accounts', 2, 64);
  requireResourceGroup(ctx);
  const body = requireObjectBody(ctx);
  const id = accountId(ctx);
  const existing = ctx.state.get(id);
  if (typeof body.location !== 'string' || !body.location) {
    throw badRequest(
      "The 'location' property is required.",
      'LocationRequired',
    );
  }
  if (typeof body.kind !== 'string' || !body.kind) {
    throw badRequest("The 'kind' property is required.");
  }
  if (!body.sku || typeof body.sku.name !== 'string') {
    throw badRequest("The 'sku.name' property is required.");
  }
  checkTags(body.tags);
  const props: Record<string, any> =
    body.properties && typeof body.properties === 'object'
      ? body.properties
      : {};
  if (props.customSubDomainName !== undefined) {
    const sd = props.customSubDomainName;
    if (typeof sd !== 'string' || !SUBDOMAIN.test(sd)) {
      throw new ArmError(
        400,
        'InvalidResourceName',
        `Custom subdomain name '${sd}' is invalid. It must be 2 to 64 characters long, contain only letters, numbers and hyphens, and start and end with a letter or number.`,
      );
    }
    const owner = findSubdomainOwner(ctx, sd, id);
    if (owner) {
      throw new ArmError(
        400,
        'CustomDomainInUse',
        `Custom domain name '${sd}' is already in use by another resource. Please use a different name or purge the soft-deleted resource that uses it.`,
      );
    }
  }
  const location = normalizeLocation(body.location);
  const dKey = deletedKey(
    ctx.params.subscriptionId,
    location,
    ctx.params.resourceGroupName,
    name,
  );
  const deleted = ctx.state.getDeleted(dKey);
  if (existing) {
    requireNoPendingOperation(ctx, id);
    const updated = completeAccount({
      id: existing.id,
      location,
      kind: body.kind,
      sku: body.sku,
      tags: body.tags,
      identity: body.identity,
      properties: {
        ...props,
        dateCreated: existing.properties?.dateCreated,
        internalId: existing.properties?.internalId,
        privateEndpointConnections:
          existing.properties?.privateEndpointConnections,
      },
      systemData: systemData(ctx, existing),
      provisioningState: 'Succeeded',
      createdAt: existing.properties?.dateCreated,
    });
    ctx.state.put(updated);
    return { status: 200, body: updated };
  }
  if (deleted && props.restore !== true) {
    throw new ArmError(
      409,
      'FlagMustBeSetForRestore',
      `An existing resource with ID '${deleted.account.id}' has been soft-deleted. To restore the resource, you must specify 'restore' to be 'true' in the property. If you don't want to restore existing resource, please purge it first.`,
    );
  }
  let account: ArmResource;
  if (deleted) {
    ctx.state.removeDeleted(dKey);
    account = {
      ...deleted.account,
      etag: etag(),
      systemData: systemData(ctx, deleted.account),
    };
    setProvisioningState(account, 'Accepted');
    for (const child of deleted.children) {
      ctx.state.put(child);
    }
  } else {
    account = completeAccount({
      id,
      location,
      kind: body.kind,
      sku: body.sku,
      tags: body.tags,
      identity: body.identity,
      properties: props,
      systemData: systemData(ctx),
      provisioningState: 'Accepted',
      createdAt: new Date(ctx.clock.now()).toISOString(),
    });
  }
  ctx.state.put(account);
  const failure = lroFailure(ctx);
  const op = ctx.lro.begin({
    namespace: NS,
    location,
    resourceId: id,
    action: 'create',
    apiVersion: ctx.apiVersion,
    failure,
  });
  return { status: 201, body: account, headers: ctx.lro.headers(op) };
}

/** A configured `lroFailure` fault for this call, as an ARM error. */
export function lroFailure(
  ctx: HandlerContext,
): { code: string; message: string } | undefined {
  const rule = ctx.faults.take('lroFailure', {
    method: ctx.method,
    path: ctx.path,
    operationId: ctx.operationId,
  });
  return rule
    ? {
        code: rule.code ?? 'InternalServerError',
        message: rule.message ?? 'Injected long-running operation failure.',
      }
    : undefined;
}

function updateAccount(ctx: HandlerContext): HandlerResult {
  const account = requireAccount(ctx);
  requireNoPendingOperation(ctx, account.id);
  const body = requireObjectBody(ctx);
  checkTags(body.tags);
  const props =
    body.properties && typeof body.properties === 'object'
      ? body.properties
      : {};
  if (
    props.customSubDomainName !== undefined &&
    props.customSubDomainName !== account.properties?.customSubDomainName
  ) {
    if (account.properties?.customSubDomainName) {
      throw badRequest(
        'The custom subdomain name of an account cannot be changed once set.',
        'CustomSubDomainNameImmutable',
      );
    }
    const owner = findSubdomainOwner(
      ctx,
      String(props.customSubDomainName),
      account.id,
    );
    if (owner) {
      throw new ArmError(
        400,
        'CustomDomainInUse',
        `Custom domain name '${props.customSubDomainName}' is already in use by another resource.`,
      );
    }
  }
  const updated = completeAccount({
    id: account.id,
    location: account.location,
    kind: account.kind,
    sku: body.sku ?? account.sku,
    tags: body.tags ?? account.tags,
    identity: body.identity ?? account.identity,
    properties: { ...account.properties, ...props },
    systemData: systemData(ctx, account),
    provisioningState: 'Succeeded',
    createdAt: account.properties?.dateCreated,
  });
  ctx.state.put(updated);
  return { status: 200, body: updated };
}

function deleteAccount(ctx: HandlerContext): HandlerResult {
  requireResourceGroup(ctx);
  const id = accountId(ctx);
  const account = ctx.state.get(id);
  if (!account) {
    return { status: 204 };
  }
  requireNoPendingOperation(ctx, id);
  setProvisioningState(account, 'Deleting');
  const location = normalizeLocation(account.location);
  const op = ctx.lro.begin({
    namespace: NS,
    location,
    resourceId: account.id,
    action: 'delete',
    apiVersion: ctx.apiVersion,
    onSucceeded: () => {
      const removed = ctx.state.delete(account.id);
      const now = ctx.clock.now();
      setProvisioningState(account, 'Succeeded');
      ctx.state.putDeleted(
        deletedKey(
          ctx.params.subscriptionId,
          location,
          ctx.params.resourceGroupName,
          account.name,
        ),
        {
          account,
          children: removed.filter(
            r => r.id.toLowerCase() !== account.id.toLowerCase(),
          ),
          deletionDate: new Date(now).toISOString(),
          scheduledPurgeDate: new Date(now + 48 * 3600 * 1000).toISOString(),
        },
      );
    },
  });
  return { status: 202, headers: ctx.lro.headers(op) };
}

/** The deletedAccounts view of a soft-deleted account. */
export function deletedAccountBody(
  sub: string,
  rec: {
    account: ArmResource;
    deletionDate: string;
    scheduledPurgeDate: string;
  },
): ArmResource {
  const a = rec.account;
  const rg = /resourcegroups\/([^/]+)/i.exec(a.id)![1];
  return {
    ...a,
    id: `/subscriptions/${sub}/providers/Microsoft.CognitiveServices/locations/${normalizeLocation(
      a.location,
    )}/resourceGroups/${rg}/deletedAccounts/${a.name}`,
    properties: {
      ...a.properties,
      deletionDate: rec.deletionDate,
      scheduledPurgeDate: rec.scheduledPurgeDate,
    },
  };
}

/** The soft-delete key a deletedAccounts path names. */
function requestedDeletedKey(ctx: HandlerContext): string {
  const p = ctx.params;
  return deletedKey(
    p.subscriptionId,
    p.location,
    p.resourceGroupName,
    p.accountName,
  );
}

function deletedAccountNotFound(ctx: HandlerContext): ArmError {
  return resourceNotFound(
    'Microsoft.CognitiveServices/locations/resourceGroups/deletedAccounts',
    ctx.params.accountName,
  );
}

function getDeleted(ctx: HandlerContext): HandlerResult {
  const rec = ctx.state.getDeleted(requestedDeletedKey(ctx));
  if (!rec) {
    throw deletedAccountNotFound(ctx);
  }
  return {
    status: 200,
    body: deletedAccountBody(ctx.params.subscriptionId, rec),
  };
}

function purgeDeleted(ctx: HandlerContext): HandlerResult {
  if (!ctx.state.removeDeleted(requestedDeletedKey(ctx))) {
    throw deletedAccountNotFound(ctx);
  }
  return { status: 200 };
}

function listDeleted(ctx: HandlerContext): HandlerResult {
  const sub = ctx.params.subscriptionId.toLowerCase();
  const items = ctx.state
    .allDeleted()
    .filter(d =>
      d.account.id.toLowerCase().startsWith(`/subscriptions/${sub}/`),
    )
    .map(d => deletedAccountBody(ctx.params.subscriptionId, d));
  return paged(ctx, items);
}

function listKeys(ctx: HandlerContext): HandlerResult {
  const a = requireAccount(ctx);
  return {
    status: 200,
    body: { key1: hexOf(`key1:${a.id}`), key2: hexOf(`key2:${a.id}`) },
  };
}

function regenerateKey(ctx: HandlerContext): HandlerResult {
  const a = requireAccount(ctx);
  const keyName = ctx.body?.keyName;
  if (keyName !== 'Key1' && keyName !== 'Key2') {
    throw badRequest("The 'keyName' property must be 'Key1' or 'Key2'.");
  }
  return {
    status: 200,
    body: {
      key1: hexOf(`key1:${a.id}:${ctx.requestId}`),
      key2: hexOf(`key2:${a.id}`),
    },
  };
}

/** Routes of accounts, deleted accounts and keys. */
export const accountRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: `${SUB}/providers/Microsoft.CognitiveServices/accounts`,
    operationId: 'Accounts_List',
    apiVersions: V,
    handler: ctx =>
      paged(ctx, ctx.state.listByType(TYPE, ctx.params.subscriptionId)),
  },
  {
    method: 'GET',
    template: `${RG}/providers/Microsoft.CognitiveServices/accounts`,
    operationId: 'Accounts_ListByResourceGroup',
    apiVersions: V,
    handler: ctx => listInResourceGroup(ctx, TYPE),
  },
  {
    method: 'GET',
    template: ACCOUNT,
    operationId: 'Accounts_Get',
    apiVersions: V,
    handler: ctx => ({ status: 200, body: requireAccount(ctx) }),
  },
  {
    method: 'PUT',
    template: ACCOUNT,
    operationId: 'Accounts_Create',
    apiVersions: V,
    handler: createAccount,
  },
  {
    method: 'PATCH',
    template: ACCOUNT,
    operationId: 'Accounts_Update',
    apiVersions: V,
    handler: updateAccount,
  },
  {
    method: 'DELETE',
    template: ACCOUNT,
    operationId: 'Accounts_Delete',
    apiVersions: V,
    handler: deleteAccount,
  },
  {
    method: 'POST',
    template: `${ACCOUNT}/listKeys`,
    operationId: 'Accounts_ListKeys',
    apiVersions: V,
    handler: listKeys,
  },
  {
    method: 'POST',
    template: `${ACCOUNT}/regenerateKey`,
    operationId: 'Accounts_RegenerateKey',
    apiVersions: V,
    handler: regenerateKey,
  },
  {
    method: 'GET',
    template: `${SUB}/providers/Microsoft.CognitiveServices/deletedAccounts`,
    operationId: 'DeletedAccounts_List',
    apiVersions: V,
    handler: listDeleted,
  },
  {
    method: 'GET',
    template: DELETED,
    operationId: 'DeletedAccounts_Get',
    apiVersions: V,
    handler: getDeleted,
  },
  {
    method: 'DELETE',
    template: DELETED,
    operationId: 'DeletedAccounts_Purge',
    apiVersions: V,
    handler: purgeDeleted,
  },
];
