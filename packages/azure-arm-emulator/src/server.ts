import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { HandlerContext, HandlerOptions, HandlerResult } from './context';
import { ArmError } from './errors';
import { pickLatency, type FaultRegistry } from './faults';
import type { LroManager } from './lro';
import type { Random } from './random';
import type { Router } from './router';
import type { EmulatorState } from './state';
import type { StatsRecorder } from './stats';
import type { TokenBuckets } from './throttling';
import type { EmulatorClock } from './clock';
import { subscriptionOf } from './ids';
import { checkLocks } from './locks';
import { queryParam } from './paging';

/**
 * One answered ARM call, as passed to the `onRequest` option.
 *
 * @public
 */
export interface RequestLogEntry {
  /** HTTP method. */
  method: string;
  /** Request path, without the query. */
  path: string;
  /** Spec operation id, or `Unknown` for paths the emulator does not serve. */
  operationId: string;
  /** HTTP status; 0 when the connection was reset by a fault. */
  status: number;
  /** Time from the request to the end of the answer. */
  durationMs: number;
}

const requestInfo = new WeakMap<
  ServerResponse,
  { method: string; path: string; started: number }
>();

/** Counts a call in the stats and reports it to `onRequest`. */
function record(
  deps: PipelineDeps,
  res: ServerResponse,
  operationId: string,
  status: number,
  bytesIn: number,
  bytesOut: number,
) {
  deps.stats.record(operationId, status, bytesIn, bytesOut);
  const info = requestInfo.get(res);
  if (deps.onRequest && info) {
    try {
      deps.onRequest({
        method: info.method,
        path: info.path,
        operationId,
        status,
        durationMs: Date.now() - info.started,
      });
    } catch {
      // a failing logger must not break the answer
    }
  }
}

/** Everything the request pipeline needs. */
export interface PipelineDeps {
  router: Router;
  state: EmulatorState;
  clock: EmulatorClock;
  lro: LroManager;
  faults: FaultRegistry;
  buckets: TokenBuckets;
  stats: StatsRecorder;
  random: Random;
  options: HandlerOptions;
  /** Latency added to every ARM call. */
  latencyMs?: number | { min: number; max: number };
  /** Called once per ARM call after it was answered (not for admin calls). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Handles `/_emulator/...`; answers undefined when the path is unknown. */
  admin: (
    method: string,
    path: string,
    body: any,
  ) => Promise<HandlerResult | undefined> | HandlerResult | undefined;
}

const MAX_BODY = 10 * 1024 * 1024;
const TOKEN_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Creates the node `http` request listener of the emulator. */
export function createRequestListener(deps: PipelineDeps) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(deps, req, res).catch(() => {
      if (!res.headersSent) {
        send(res, 500, internalError(), {});
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const requestId = randomUUID();
  // ARM tolerates repeated slashes (SDKs send `//subscriptions/...` for
  // scope parameters that start with a slash); collapse them in the path.
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = (q < 0 ? rawUrl : rawUrl.slice(0, q)).replace(/\/{2,}/g, '/');
  const url = new URL(
    `${rawPath}${q < 0 ? '' : rawUrl.slice(q)}`,
    'http://emulator.local',
  );
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  requestInfo.set(res, { method, path, started: Date.now() });
  const baseHeaders: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id':
      headerValue(req, 'x-ms-correlation-request-id') ?? requestId,
  };
  const clientRequestId = headerValue(req, 'x-ms-client-request-id');
  if (clientRequestId) {
    baseHeaders['x-ms-client-request-id'] = clientRequestId;
  }
  const raw = await readBody(req).catch(() => undefined);

  if (path.startsWith('/_emulator/') || path === '/_emulator') {
    let body: any;
    try {
      body = raw && raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      send(
        res,
        400,
        new ArmError(
          400,
          'InvalidRequestContent',
          'The request body is not valid JSON.',
        ).toBody(),
        baseHeaders,
      );
      return;
    }
    try {
      const result = await deps.admin(method, path, body);
      if (!result) {
        send(
          res,
          404,
          new ArmError(
            404,
            'NotFound',
            `No admin endpoint ${method} ${path}.`,
          ).toBody(),
          baseHeaders,
        );
        return;
      }
      send(res, result.status, result.body, {
        ...baseHeaders,
        ...result.headers,
      });
    } catch (e) {
      const err =
        e instanceof ArmError
          ? e
          : new ArmError(400, 'BadRequest', (e as Error).message);
      send(res, err.status, err.toBody(), baseHeaders);
    }
    return;
  }

  if (raw === undefined) {
    const err = new ArmError(
      413,
      'RequestEntityTooLarge',
      'The request body is larger than 10 MB.',
    );
    finish(deps, res, 'Unknown', err.status, err.toBody(), baseHeaders, 0);
    return;
  }

  deps.lro.settle();
  const match = deps.router.match(method, path);
  const operationId =
    match.kind === 'match' ? match.route.operationId : 'Unknown';
  const target = { method, path, operationId };
  const bytesIn = raw.length;
  const fail = (err: ArmError, extra: Record<string, string> = {}) =>
    finish(
      deps,
      res,
      operationId,
      err.status,
      err.toBody(),
      { ...baseHeaders, ...err.headers, ...extra },
      bytesIn,
    );

  // Authentication comes first, as in ARM.
  const auth = headerValue(req, 'authorization');
  if (!auth) {
    fail(
      new ArmError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
      ),
    );
    return;
  }
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m || !TOKEN_PATTERN.test(m[1])) {
    fail(
      new ArmError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is provided in an invalid format.",
      ),
    );
    return;
  }
  const caller = callerOf(m[1]);

  // Throttling comes before routing, as in ARM: buckets per subscription x
  // caller x read/write, and the remaining count on every authenticated answer.
  const routeKind = match.kind === 'match' ? match.route.kind : undefined;
  const kind = routeKind ?? defaultKind(method);
  const sub = subscriptionOf(path) ?? 'tenant';
  const headerName = `x-ms-ratelimit-remaining-subscription-${kind}s`;
  const take = deps.buckets.take(sub, caller, kind);
  if (!take.allowed) {
    fail(
      new ArmError(
        429,
        'SubscriptionRequestsThrottled',
        `Number of '${kind}' requests for subscription '${sub}' actor '${caller}' exceeded. Please try again after '${take.retryAfterSeconds}' seconds after the last request. See https://aka.ms/arm-throttling.`,
      ),
      { 'Retry-After': String(take.retryAfterSeconds), [headerName]: '0' },
    );
    return;
  }
  const rateHeaders = { ...baseHeaders, [headerName]: String(take.remaining) };

  if (match.kind === 'none') {
    fail(
      new ArmError(
        404,
        'InvalidResourceType',
        `The emulator does not serve '${method} ${path}'. See the package README for the served operations.`,
      ),
      rateHeaders,
    );
    return;
  }
  if (match.kind === 'method-not-allowed') {
    fail(
      new ArmError(
        405,
        'MethodNotAllowed',
        `The method '${method}' is not supported on '${path}'. Allowed: ${match.allowed.join(
          ', ',
        )}.`,
      ),
      rateHeaders,
    );
    return;
  }
  const route = match.route;
  const apiVersion = queryParam(url.searchParams, 'api-version');
  if (!apiVersion) {
    fail(
      new ArmError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      ),
      rateHeaders,
    );
    return;
  }
  if (!route.apiVersions.includes(apiVersion)) {
    fail(
      new ArmError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${apiVersion}' is invalid. The supported versions are '${route.apiVersions.join(
          ',',
        )}'.`,
      ),
      rateHeaders,
    );
    return;
  }

  // Faults that act before the call is served.
  const delay =
    pickLatency(deps.latencyMs, deps.random) +
    pickLatency(takeFault(deps, 'latency', target)?.latencyMs, deps.random);
  if (delay > 0) {
    await new Promise(r => setTimeout(r, delay));
  }
  if (takeFault(deps, 'reset', target)) {
    record(deps, res, operationId, 0, bytesIn, 0);
    res.socket?.destroy();
    return;
  }
  const storm = takeFault(deps, 'throttle', target);
  if (storm) {
    const after = storm.retryAfterSeconds ?? 1;
    finish(
      deps,
      res,
      operationId,
      429,
      new ArmError(
        429,
        'TooManyRequests',
        `The request for subscription '${sub}' could not be processed due to an excessive volume of traffic. Please try again later.`,
      ).toBody(),
      { ...rateHeaders, 'Retry-After': String(after), [headerName]: '0' },
      bytesIn,
    );
    return;
  }
  const injected = takeFault(deps, 'error', target);
  if (injected) {
    const status = injected.status ?? 500;
    finish(
      deps,
      res,
      operationId,
      status,
      new ArmError(
        status,
        injected.code ?? defaultCode(status),
        injected.message ?? `Injected fault: ${status}.`,
      ).toBody(),
      rateHeaders,
      bytesIn,
    );
    return;
  }

  let body: any;
  if (raw.length) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      fail(
        new ArmError(
          400,
          'InvalidRequestContent',
          'The request content was invalid and could not be deserialized: the body is not valid JSON.',
        ),
        rateHeaders,
      );
      return;
    }
  }

  const ctx: HandlerContext = {
    method,
    path,
    params: match.params,
    query: url.searchParams,
    body,
    apiVersion,
    operationId,
    caller,
    requestId,
    state: deps.state,
    clock: deps.clock,
    lro: deps.lro,
    faults: deps.faults,
    random: deps.random,
    options: deps.options,
  };
  let result: HandlerResult;
  try {
    if (kind !== 'read') {
      checkLocks(deps.state, method, path);
    }
    result = await route.handler(ctx);
  } catch (e) {
    const err = e instanceof ArmError ? e : undefined;
    if (err) {
      fail(err, rateHeaders);
    } else {
      finish(
        deps,
        res,
        operationId,
        500,
        internalError(),
        rateHeaders,
        bytesIn,
      );
    }
    return;
  }
  const malformed = takeFault(deps, 'malformedJson', target);
  const headers = { ...rateHeaders, ...result.headers };
  if (malformed && result.body !== undefined) {
    const text = JSON.stringify(result.body);
    const broken = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    writeRaw(res, result.status, broken, headers);
    record(
      deps,
      res,
      operationId,
      result.status,
      bytesIn,
      Buffer.byteLength(broken),
    );
    return;
  }
  finish(deps, res, operationId, result.status, result.body, headers, bytesIn);
}

function takeFault(
  deps: PipelineDeps,
  kind: Parameters<FaultRegistry['take']>[0],
  target: { method: string; path: string; operationId: string },
) {
  const rule = deps.faults.take(kind, target);
  if (rule) {
    deps.stats.fault();
  }
  return rule;
}

function finish(
  deps: PipelineDeps,
  res: ServerResponse,
  operationId: string,
  status: number,
  body: unknown,
  headers: Record<string, string>,
  bytesIn: number,
) {
  const out = send(res, status, body, headers);
  record(deps, res, operationId, status, bytesIn, out);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): number {
  const text = body === undefined ? '' : JSON.stringify(body);
  writeRaw(res, status, text, headers);
  return Buffer.byteLength(text);
}

function writeRaw(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
) {
  const h: Record<string, string | number> = {
    ...headers,
    'Content-Length': Buffer.byteLength(text),
  };
  if (text.length) {
    h['Content-Type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(status, h);
  res.end(text);
}

function internalError() {
  return new ArmError(
    500,
    'InternalServerError',
    'The emulator failed to process the request.',
  ).toBody();
}

function defaultCode(status: number): string {
  switch (status) {
    case 403:
      return 'AuthorizationFailed';
    case 404:
      return 'ResourceNotFound';
    case 409:
      return 'Conflict';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'GatewayTimeout';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequest';
  }
}

function defaultKind(method: string): 'read' | 'write' | 'delete' {
  if (method === 'GET' || method === 'HEAD') {
    return 'read';
  }
  return method === 'DELETE' ? 'delete' : 'write';
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The caller for throttling: the `oid`, `sub` or `appid` claim of a JWT, or a
 * SHA-256 fingerprint of an opaque token.
 */
export function callerOf(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(
        Buffer.from(parts[1], 'base64url').toString('utf8'),
      );
      const subject = claims.oid ?? claims.sub ?? claims.appid;
      if (typeof subject === 'string' && subject) {
        return subject;
      }
    } catch {
      // not a JWT; fall through
    }
  }
  return `token:${createHash('sha256')
    .update(token)
    .digest('hex')
    .slice(0, 16)}`;
}
