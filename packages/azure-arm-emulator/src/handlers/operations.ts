import type { HandlerContext, HandlerResult } from '../context';
import { ArmError } from '../errors';
import type { RouteDefinition } from '../router';
import { API_VERSIONS } from '../apiVersions';

const BASE =
  '/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}';
const ALL = [
  ...new Set([...API_VERSIONS.cognitiveServices, ...API_VERSIONS.network]),
];

function findOp(ctx: HandlerContext) {
  const op = ctx.lro.get(ctx.params.operationId);
  if (
    !op ||
    op.namespace.toLowerCase() !== ctx.params.namespace.toLowerCase()
  ) {
    throw new ArmError(
      404,
      'OperationNotFound',
      `The operation '${ctx.params.operationId}' was not found.`,
    );
  }
  return op;
}

function status(ctx: HandlerContext): HandlerResult {
  const op = findOp(ctx);
  const headers: Record<string, string> =
    op.status === 'InProgress'
      ? { 'Retry-After': String(Math.ceil(ctx.lro.stepMs / 1000)) }
      : {};
  return { status: 200, body: ctx.lro.statusBody(op), headers };
}

function result(ctx: HandlerContext): HandlerResult {
  const op = findOp(ctx);
  if (op.status === 'InProgress') {
    return { status: 202, headers: { ...ctx.lro.headers(op) } };
  }
  if (op.status === 'Failed') {
    const f = op.failure ?? {
      code: 'InternalServerError',
      message: 'The operation failed.',
    };
    throw new ArmError(400, f.code, f.message);
  }
  if (op.action === 'delete') {
    return { status: 204 };
  }
  const resource = ctx.state.get(op.resourceId);
  return resource ? { status: 200, body: resource } : { status: 204 };
}

/** Operation status (`Azure-AsyncOperation`) and result (`Location`) URLs. */
export const operationRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: `${BASE}/operationStatuses/{operationId}`,
    operationId: 'OperationStatuses_Get',
    apiVersions: ALL,
    handler: status,
  },
  {
    method: 'GET',
    template: `${BASE}/operationResults/{operationId}`,
    operationId: 'OperationResults_Get',
    apiVersions: ALL,
    handler: result,
  },
];
