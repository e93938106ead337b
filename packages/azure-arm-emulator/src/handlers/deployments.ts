import { API_VERSIONS } from '../apiVersions';
import type { HandlerContext, HandlerResult } from '../context';
import { badRequest } from '../errors';
import { setProvisioningState } from '../lro';
import type { RouteDefinition } from '../router';
import { normalizeLocation } from '../state';
import {
  accountId,
  lroFailure,
  requireAccount,
  requireAccountReady,
} from './accounts';
import {
  checkName,
  checkTags,
  compact,
  etag,
  requireNoPendingOperation,
  requireObjectBody,
  requireResource,
  systemData,
} from './common';
import { deleteAccountChild, listAccountChildren } from './childResources';
import { isBuiltInRaiPolicy } from './rai';

const V = API_VERSIONS.cognitiveServices;
const ACCOUNT =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.CognitiveServices/accounts/{accountName}';
const TYPE = 'Microsoft.CognitiveServices/accounts/deployments';
const SKUS = [
  'Standard',
  'GlobalStandard',
  'DataZoneStandard',
  'ProvisionedManaged',
  'GlobalProvisionedManaged',
  'DataZoneProvisionedManaged',
  'GlobalBatch',
  'DataZoneBatch',
  'DeveloperTier',
];

function deploymentId(ctx: HandlerContext) {
  return `${accountId(ctx)}/deployments/${ctx.params.deploymentName}`;
}

function getDeployment(ctx: HandlerContext): HandlerResult {
  requireAccount(ctx);
  return {
    status: 200,
    body: requireResource(
      ctx,
      deploymentId(ctx),
      TYPE,
      `${ctx.params.accountName}/${ctx.params.deploymentName}`,
    ),
  };
}

function putDeployment(ctx: HandlerContext): HandlerResult {
  checkName(ctx.params.deploymentName, TYPE, 2, 64);
  const account = requireAccountReady(ctx);
  requireNoPendingOperation(ctx, account.id);
  const body = requireObjectBody(ctx);
  const props = body.properties;
  const model = props?.model;
  if (
    !model ||
    typeof model.name !== 'string' ||
    typeof model.format !== 'string'
  ) {
    throw badRequest(
      "The deployment needs 'properties.model' with 'format' and 'name'.",
      'InvalidResourceProperties',
    );
  }
  if (!body.sku || typeof body.sku.name !== 'string') {
    throw badRequest(
      "The deployment needs 'sku.name'.",
      'InvalidResourceProperties',
    );
  }
  if (!SKUS.includes(body.sku.name)) {
    throw badRequest(
      `The deployment SKU '${
        body.sku.name
      }' is not supported. Supported: ${SKUS.join(', ')}.`,
      'InvalidResourceProperties',
    );
  }
  const capacity = body.sku.capacity;
  if (capacity !== undefined && !(Number.isInteger(capacity) && capacity > 0)) {
    throw badRequest(
      "'sku.capacity' must be a positive integer.",
      'InvalidResourceProperties',
    );
  }
  checkTags(body.tags);
  const rai = props.raiPolicyName;
  if (
    rai !== undefined &&
    !isBuiltInRaiPolicy(rai) &&
    !ctx.state.get(`${account.id}/raiPolicies/${rai}`)
  ) {
    throw badRequest(
      `The RAI policy '${rai}' does not exist on account '${account.name}'.`,
      'InvalidResourceProperties',
    );
  }
  const id = deploymentId(ctx);
  const existing = ctx.state.get(id);
  const deployment = compact({
    id: existing?.id ?? id,
    name: ctx.params.deploymentName,
    type: TYPE,
    etag: etag(),
    sku: { ...body.sku, capacity: body.sku.capacity ?? 1 },
    tags: body.tags,
    systemData: systemData(ctx, existing),
    properties: compact({
      ...props,
      model: { ...model, version: model.version ?? '1' },
      raiPolicyName: rai ?? 'Microsoft.DefaultV2',
      versionUpgradeOption:
        props.versionUpgradeOption ?? 'OnceNewDefaultVersionAvailable',
      provisioningState: 'Accepted',
      rateLimits: rateLimits(body.sku.capacity ?? 1),
    }),
  });
  ctx.state.put(deployment);
  const op = ctx.lro.begin({
    namespace: 'Microsoft.CognitiveServices',
    location: normalizeLocation(account.location),
    resourceId: deployment.id,
    action: existing ? 'update' : 'create',
    apiVersion: ctx.apiVersion,
    failure: lroFailure(ctx),
  });
  return {
    status: existing ? 200 : 201,
    body: deployment,
    headers: ctx.lro.headers(op),
  };
}

function rateLimits(capacity: number) {
  return [
    { key: 'request', renewalPeriod: 10, count: capacity },
    { key: 'token', renewalPeriod: 60, count: capacity * 1000 },
  ];
}

function patchDeployment(ctx: HandlerContext): HandlerResult {
  const account = requireAccountReady(ctx);
  requireNoPendingOperation(ctx, account.id);
  const existing = getDeployment(ctx).body as Record<string, any>;
  const body = requireObjectBody(ctx);
  checkTags(body.tags);
  if (
    body.sku !== undefined &&
    (typeof body.sku !== 'object' ||
      (body.sku.capacity !== undefined &&
        !(Number.isInteger(body.sku.capacity) && body.sku.capacity > 0)))
  ) {
    throw badRequest(
      "'sku.capacity' must be a positive integer.",
      'InvalidResourceProperties',
    );
  }
  const updated = {
    ...existing,
    etag: etag(),
    sku: body.sku ? { ...existing.sku, ...body.sku } : existing.sku,
    tags: body.tags ?? existing.tags,
    systemData: systemData(ctx, existing),
  };
  if (updated.tags === undefined) {
    delete updated.tags;
  }
  ctx.state.put(updated);
  return { status: 200, body: updated };
}

function deleteDeployment(ctx: HandlerContext): HandlerResult {
  return deleteAccountChild(ctx, deploymentId(ctx), (account, d) => {
    requireNoPendingOperation(ctx, account.id);
    setProvisioningState(d, 'Deleting');
  });
}

/** Deployment routes. */
export const deploymentRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: `${ACCOUNT}/deployments`,
    operationId: 'Deployments_List',
    apiVersions: V,
    handler: ctx => listAccountChildren(ctx, 'deployments'),
  },
  {
    method: 'GET',
    template: `${ACCOUNT}/deployments/{deploymentName}`,
    operationId: 'Deployments_Get',
    apiVersions: V,
    handler: getDeployment,
  },
  {
    method: 'PUT',
    template: `${ACCOUNT}/deployments/{deploymentName}`,
    operationId: 'Deployments_CreateOrUpdate',
    apiVersions: V,
    handler: putDeployment,
  },
  {
    method: 'PATCH',
    template: `${ACCOUNT}/deployments/{deploymentName}`,
    operationId: 'Deployments_Update',
    apiVersions: V,
    handler: patchDeployment,
  },
  {
    method: 'DELETE',
    template: `${ACCOUNT}/deployments/{deploymentName}`,
    operationId: 'Deployments_Delete',
    apiVersions: V,
    handler: deleteDeployment,
  },
];
