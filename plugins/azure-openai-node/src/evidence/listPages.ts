import { abortError } from '../util/abortableDelay';

/** What the SDKs' paged list operations return (only the part used here). */
export interface Paged<T> {
  byPage(): AsyncIterableIterator<T[]>;
}

/** A raw ARM list body: every page's `value` concatenated. */
export interface ArmListBody {
  value: unknown[];
}

interface RawResponse {
  bodyAsText?: string | null;
}

/**
 * Runs a classic (`@azure/core-client`) SDK list operation through every
 * page and returns the bodies exactly as ARM sent them.
 *
 * @remarks
 * Classic clients hand the operation options (abort signal, `onResponse`)
 * to every page request, so each raw page body is captured before the SDK
 * maps it to its models (which would drop unknown fields and turn dates into
 * `Date`s).
 */
export async function listRaw(
  start: (options: {
    abortSignal: AbortSignal;
    onResponse: (raw: RawResponse) => void;
  }) => Paged<unknown>,
  signal: AbortSignal,
): Promise<ArmListBody> {
  const value: unknown[] = [];
  const onResponse = (raw: RawResponse) => {
    const body = raw.bodyAsText ? JSON.parse(raw.bodyAsText) : undefined;
    if (body && Array.isArray(body.value)) {
      value.push(...body.value);
    }
  };
  for await (const _page of start({
    abortSignal: signal,
    onResponse,
  }).byPage()) {
    if (signal.aborted) {
      throw abortError();
    }
  }
  return { value };
}

/**
 * Runs a TypeSpec-generated ("modular") SDK list operation through every page
 * and returns the SDK's items (their `properties` are flattened, a shape the
 * control catalog accepts for child and extension resources).
 *
 * @remarks
 * These clients send the abort signal with the first page only, so the
 * signal is checked again between pages.
 */
export async function listItems<T>(
  start: (options: { abortSignal: AbortSignal }) => Paged<T>,
  signal: AbortSignal,
): Promise<{ value: T[] }> {
  const value: T[] = [];
  for await (const page of start({ abortSignal: signal }).byPage()) {
    if (signal.aborted) {
      throw abortError();
    }
    value.push(...page);
  }
  return { value };
}
