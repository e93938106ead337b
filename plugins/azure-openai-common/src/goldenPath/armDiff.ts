/**
 * One field where ARM differs from the desired state.
 *
 * @public
 */
export interface ArmFieldDifference {
  /** JSON path, e.g. `properties.networkAcls.defaultAction`. */
  field: string;
  /** The desired value. */
  desired: unknown;
  /** The value in ARM. */
  actual: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ARM ids and locations compare case-insensitively; locations also ignore spaces. */
function sameString(key: string, desired: string, actual: unknown): boolean {
  if (typeof actual !== 'string') return false;
  if (desired === actual) return true;
  if (key === 'location') {
    const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');
    return norm(desired) === norm(actual);
  }
  if (desired.startsWith('/')) {
    return desired.toLowerCase() === actual.toLowerCase();
  }
  return false;
}

function matches(key: string, desired: unknown, actual: unknown): boolean {
  return diffInto(key, '', desired, actual, []).length === 0;
}

function diffInto(
  key: string,
  path: string,
  desired: unknown,
  actual: unknown,
  out: ArmFieldDifference[],
): ArmFieldDifference[] {
  const at = path || '(root)';
  if (isObject(desired)) {
    if (!isObject(actual)) {
      out.push({ field: at, desired, actual });
      return out;
    }
    for (const [k, v] of Object.entries(desired)) {
      diffInto(k, path ? `${path}.${k}` : k, v, actual[k], out);
    }
    return out;
  }
  if (Array.isArray(desired)) {
    // Order-insensitive: ARM does not promise to keep the order of lists.
    const rest = Array.isArray(actual) ? [...actual] : undefined;
    const same =
      rest !== undefined &&
      rest.length === desired.length &&
      desired.every(d => {
        const i = rest.findIndex(a => matches(key, d, a));
        if (i < 0) return false;
        rest.splice(i, 1);
        return true;
      });
    if (!same) out.push({ field: at, desired, actual });
    return out;
  }
  if (typeof desired === 'string') {
    if (!sameString(key, desired, actual)) {
      out.push({ field: at, desired, actual });
    }
    return out;
  }
  if (desired === null) {
    if (actual !== null && actual !== undefined) {
      out.push({ field: at, desired, actual });
    }
    return out;
  }
  if (desired !== actual) out.push({ field: at, desired, actual });
  return out;
}

/**
 * The fields of `desired` that the resource ARM returned (`actual`) does not have as desired.
 * Fields ARM adds (provisioning state, endpoints, principal ids, extra tags) are ignored; lists
 * compare as multisets; ARM ids and locations compare case-insensitively. Empty means the
 * resource already matches and nothing needs to be written.
 *
 * @public
 */
export function armDifferences(
  desired: unknown,
  actual: unknown,
): ArmFieldDifference[] {
  return diffInto('', '', desired, actual, []);
}
