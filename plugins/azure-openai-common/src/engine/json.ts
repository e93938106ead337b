import type { Evidence } from '../evidence';

/** A JSON object as far as the engine cares. */
export type JsonObject = { readonly [key: string]: unknown };

/** True for plain (non-array, non-null) objects. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a dotted path from JSON. Own properties only, so `__proto__` and friends never resolve
 * to prototype members.
 */
export function get(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (!isObject(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) {
      return undefined;
    }
    current = current[segment];
  }
  return current;
}

/**
 * Reads `properties.<path>` of an ARM resource, or `<path>` when the object has no `properties`
 * (the flattened shape that several Azure SDK clients return, e.g. role assignments, locks,
 * diagnostic settings, policy assignments, metric alerts, pricings, private DNS zone groups).
 */
export function prop(value: unknown, path: string): unknown {
  if (isObject(value) && isObject(value.properties)) {
    return get(value, `properties.${path}`);
  }
  return get(value, path);
}

/** A non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Lower-cased string for case-insensitive comparisons (ARM is case-insensitive on enums and ids). */
export function lower(value: unknown): string | undefined {
  const s = str(value);
  return s === undefined ? undefined : s.toLowerCase();
}

/** Normalises content filter and enum names: lower-case, spaces, dashes and underscores removed. */
export function norm(value: unknown): string {
  return typeof value === 'string'
    ? value.toLowerCase().replace(/[\s_-]/g, '')
    : '';
}

/** Strict boolean from JSON, accepting the `"true"`/`"false"` strings ARM sometimes uses. */
export function bool(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === 'True') return true;
  if (value === false || value === 'false' || value === 'False') return false;
  return undefined;
}

/** The value of a present evidence piece, or undefined. */
export function valueOf(evidence: Evidence): unknown {
  return evidence.state === 'present' ? evidence.value : undefined;
}

/**
 * Items of an ARM list body: accepts `{ value: [...] }` or a bare array. Returns undefined when
 * the body has neither shape. Non-object items are dropped.
 */
export function listItems(body: unknown): JsonObject[] | undefined {
  let items: unknown;
  if (Array.isArray(body)) items = body;
  else if (isObject(body) && Array.isArray(body.value)) items = body.value;
  else return undefined;
  return (items as unknown[]).filter(isObject);
}

/** Converts a value to something safe to put in a result (JSON-compatible, bounded). */
export function observed(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return undefined;
    if (text.length > 2000) return `${text.slice(0, 2000)}…`;
    return JSON.parse(text);
  } catch {
    return String(value);
  }
}

/** Last segment of an ARM id, e.g. a role definition GUID. */
export function lastSegment(id: unknown): string | undefined {
  const s = lower(id);
  if (!s) return undefined;
  const parts = s.split('/').filter(p => p.length > 0);
  return parts[parts.length - 1];
}

/** ARM ids compared case-insensitively, without a leading or trailing slash. */
export function normalizeId(id: unknown): string | undefined {
  const s = lower(id);
  return s === undefined
    ? undefined
    : s.replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * True when `scope` is `resourceId` or one of its ancestors (subscription, resource group, …).
 *
 * Management group scopes (and the root scope `/`) are not path prefixes of a subscription id; the
 * collector's list reads (`atScope()` role assignments, subscription policy assignments) only
 * return management-group items that apply to the subscription, so they count as covering.
 */
export function scopeCovers(scope: unknown, resourceId: unknown): boolean {
  const s = normalizeId(scope);
  const r = normalizeId(resourceId);
  if (s === undefined || r === undefined) return false;
  if (
    s === '' ||
    s.startsWith('providers/microsoft.management/managementgroups/')
  )
    return true;
  return r === s || r.startsWith(`${s}/`);
}
