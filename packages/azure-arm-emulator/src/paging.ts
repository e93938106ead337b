import type { HandlerContext, HandlerResult } from './context';
import { badRequest } from './errors';

/**
 * Answers a list operation with ARM paging: `{ value, nextLink }`, where
 * `nextLink` carries a `$skiptoken` offset and the same api-version.
 */
export function paged(
  ctx: HandlerContext,
  items: unknown[],
  opts: { pageSize?: number } = {},
): HandlerResult {
  const size = opts.pageSize ?? ctx.options.pageSize;
  const token = queryParam(ctx.query, '$skiptoken');
  let offset = 0;
  if (token !== undefined) {
    offset = Number(token);
    if (!Number.isInteger(offset) || offset < 0) {
      throw badRequest(
        `The $skiptoken '${token}' is invalid.`,
        'InvalidSkipToken',
      );
    }
  }
  const value = items.slice(offset, offset + size);
  const body: Record<string, unknown> = { value };
  if (offset + size < items.length) {
    const parts = [...ctx.query]
      .filter(([k]) => k.toLowerCase() !== '$skiptoken')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    parts.push(`$skiptoken=${offset + size}`);
    body.nextLink = `${ctx.options.publicBaseUrl}${encodePath(
      ctx.path,
    )}?${parts.join('&')}`;
  }
  return { status: 200, body };
}

/** Answers a list operation that is not pageable in the spec. */
export function unpaged(items: unknown[]): HandlerResult {
  return { status: 200, body: { value: items } };
}

/** A query parameter, matched case-insensitively. */
export function queryParam(
  query: URLSearchParams,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of query) {
    if (k.toLowerCase() === lower) {
      return v;
    }
  }
  return undefined;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map(s => encodeURIComponent(s))
    .join('/');
}
