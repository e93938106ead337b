import { absent, Evidence } from '@pavedai/plugin-azure-openai-common';

interface ErrorLike {
  name?: unknown;
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { status?: unknown; parsedBody?: unknown; bodyAsText?: unknown };
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null
    ? (error as ErrorLike)
    : {};
}

/** HTTP status of an Azure SDK error (`RestError.statusCode`), if any. */
export function statusOf(error: unknown): number | undefined {
  const e = asErrorLike(error);
  for (const candidate of [e.statusCode, e.status, e.response?.status]) {
    const n = typeof candidate === 'string' ? Number(candidate) : candidate;
    if (typeof n === 'number' && Number.isInteger(n)) {
      return n;
    }
  }
  return undefined;
}

/** ARM error code (`AuthorizationFailed`, `ResourceNotFound`, ...), if any. */
export function armCodeOf(error: unknown): string | undefined {
  const e = asErrorLike(error);
  if (typeof e.code === 'string' && e.code) {
    return e.code;
  }
  const body = e.response?.parsedBody as { error?: { code?: unknown } } | null;
  if (body && typeof body.error?.code === 'string') {
    return body.error.code;
  }
  return undefined;
}

/** True for the error the SDK throws when its abort signal fires. */
export function isAbortError(error: unknown): boolean {
  const name = asErrorLike(error).name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Maps a failed read to an absent evidence piece.
 *
 * @remarks
 * 401/403 → `forbidden`; 404 → `not-found`; an attempt timeout that outlived
 * its retries (`ETIMEDOUT`) or the piece's deadline → `timeout`; anything
 * else → `error`. The detail is the ARM error code (or status) only, never a
 * response body.
 */
export function absentFromError(
  error: unknown,
  deadlinePassed: boolean,
): Evidence {
  const status = statusOf(error);
  const code = armCodeOf(error);
  const detail = code ?? (status !== undefined ? `HTTP ${status}` : undefined);
  if (status === 401 || status === 403) {
    return absent('forbidden', detail);
  }
  if (status === 404) {
    return absent('not-found', detail);
  }
  if (
    deadlinePassed ||
    code === 'ETIMEDOUT' ||
    asErrorLike(error).name === 'TimeoutError'
  ) {
    return absent('timeout', detail ?? 'deadline passed');
  }
  const message = asErrorLike(error).message;
  return absent(
    'error',
    detail ?? (typeof message === 'string' ? message.slice(0, 200) : undefined),
  );
}
