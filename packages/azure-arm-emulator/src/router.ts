import type { HandlerContext, HandlerResult } from './context';

/** Which throttling bucket an operation counts against. */
export type OperationKind = 'read' | 'write' | 'delete';

/** One served ARM operation. */
export interface RouteDefinition {
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST' | 'HEAD';
  /**
   * ARM path template. `{name}` matches one segment; `{scope*}` matches one
   * or more segments (for extension resources such as diagnostic settings).
   */
  template: string;
  /** The operation id of the REST spec, used in stats and fault targeting. */
  operationId: string;
  /** The api-versions accepted for this operation. */
  apiVersions: readonly string[];
  /** Bucket for throttling; defaults to GET/HEAD = read, DELETE = delete, others = write. */
  kind?: OperationKind;
  handler: (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;
}

interface CompiledRoute {
  route: RouteDefinition;
  regex: RegExp;
  names: string[];
}

/** The outcome of matching a request path. */
export type RouteMatch =
  | { kind: 'match'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'none' };

/**
 * A dispatch table of ARM path templates. Matching is case-insensitive (ARM
 * paths are) and tries routes in registration order.
 */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: RouteDefinition[]): this {
    for (const route of routes) {
      const names: string[] = [];
      const pattern = route.template
        .split('/')
        .map(seg => {
          const m = /^\{(\w+)(\*)?\}$/.exec(seg);
          if (!m) {
            return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          }
          names.push(m[1]);
          return m[2] ? '(.+?)' : '([^/]+)';
        })
        .join('/');
      this.routes.push({
        route,
        names,
        regex: new RegExp(`^${pattern}/?$`, 'i'),
      });
    }
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const { route, regex, names } of this.routes) {
      const m = regex.exec(path);
      if (!m) {
        continue;
      }
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((n, i) => {
        params[n] = m[i + 1];
      });
      return { kind: 'match', route, params };
    }
    return allowed.length
      ? { kind: 'method-not-allowed', allowed }
      : { kind: 'none' };
  }

  /** Every registered route (for docs and tests). */
  list(): RouteDefinition[] {
    return this.routes.map(r => r.route);
  }
}
