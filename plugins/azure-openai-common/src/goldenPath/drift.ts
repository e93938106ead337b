import { isObject, listItems, normalizeId } from '../engine/json';
import type { EvaluationInput, Evidence } from '../evidence';
import { armDifferences } from './armDiff';
import type { ArmResourceRequest, DesiredState } from './types';

/**
 * One field where what ARM showed differs from what the golden path would build.
 *
 * @public
 */
export interface GoldenPathDifference {
  /** ARM id of the resource. */
  resource: string;
  /** JSON path in the resource body, or `(missing)` when the resource does not exist. */
  field: string;
  /** What the golden path would set. */
  desired: unknown;
  /** What ARM showed. */
  actual: unknown;
}

/**
 * The `field` of a difference for a resource the evidence shows does not exist.
 *
 * @public
 */
export const MISSING_RESOURCE_FIELD = '(missing)';

/**
 * How a drifted resource is shown next to its account: `account` for the account itself, the
 * path below the account for its children (`deployments/gpt-4o`), else the full ARM id.
 *
 * @public
 */
export function driftResourceLabel(
  resource: string,
  accountResourceId: string,
): string {
  const account = accountResourceId.toLowerCase();
  if (resource.toLowerCase() === account) return 'account';
  if (resource.toLowerCase().startsWith(`${account}/`)) {
    return resource.slice(accountResourceId.length + 1);
  }
  return resource;
}

type Lookup =
  | { known: false }
  | { known: true; body: Record<string, unknown> | undefined };

function single(evidence: Evidence | undefined, id: string): Lookup {
  if (evidence?.state !== 'present') {
    return evidence?.state === 'absent' && evidence.reason === 'not-found'
      ? { known: true, body: undefined }
      : { known: false };
  }
  const value = evidence.value;
  // A single resource, or a list that holds it (e.g. defenderForAISettings.list).
  const items = listItems(value) ?? (isObject(value) ? [value] : []);
  return { known: true, body: items.find(i => sameId(i.id, id)) };
}

function inList(evidence: Evidence | undefined, id: string): Lookup {
  if (evidence?.state !== 'present') return { known: false };
  const items = listItems(evidence.value);
  if (!items) return { known: false };
  return { known: true, body: items.find(i => sameId(i.id, id)) };
}

/**
 * A request body with every `properties` object merged into its parent, at every level: the
 * shape of the Azure SDK's deserialized models, which the evidence holds for some resource types
 * (diagnostic settings, DNS zone groups, metric alerts). The SDK also names the `odata.type`
 * discriminator `odataType`.
 */
function flattenProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flattenProperties);
  if (!isObject(value)) return value;
  const { properties, ...rest } = value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k === 'odata.type' ? 'odataType' : k] = flattenProperties(v);
  }
  if (isObject(properties)) {
    for (const [k, v] of Object.entries(properties)) {
      out[k] = flattenProperties(v);
    }
  } else if (properties !== undefined) {
    out.properties = properties;
  }
  return out;
}

function sameId(a: unknown, b: string): boolean {
  const x = normalizeId(a);
  return x !== undefined && x === normalizeId(b);
}

/**
 * Compares what the golden path would build (a desired state, e.g. rebuilt from an account's
 * recorded inputs and the current policy) with the evidence the audit collected for the account.
 *
 * @remarks
 * Pure. Compares, per resource the evidence covers (the account, its content filter, deployments,
 * DNS zone group, diagnostic settings, Defender for AI settings, role assignments, lock, and the
 * subscription's metric alerts), every field of the desired request body with
 * {@link armDifferences} (fields ARM adds are ignored, lists compare as multisets, ARM ids and
 * locations case-insensitively). A resource the evidence shows missing gives one `(missing)`
 * item; a resource whose evidence was not collected (forbidden, error) is not compared. The
 * private endpoint itself is not in the evidence; its DNS zone group is. Evidence in the Azure
 * SDK's shape (`properties` merged into the resource) is compared with the desired body merged
 * the same way, and its fields are named without `properties.`.
 *
 * @public
 */
export function compareWithDesiredState(
  desired: DesiredState,
  evidence: EvaluationInput,
): GoldenPathDifference[] {
  const a = evidence.account;
  const pairs: Array<[ArmResourceRequest, Lookup]> = [
    [desired.account, single(a.account, desired.account.id)],
    [desired.raiPolicy, inList(a.raiPolicies, desired.raiPolicy.id)],
    ...desired.deployments.map(
      d => [d, inList(a.deployments, d.id)] as [ArmResourceRequest, Lookup],
    ),
    [
      desired.privateDnsZoneGroup,
      inList(a.privateEndpointDnsZoneGroups, desired.privateDnsZoneGroup.id),
    ],
    [
      desired.diagnosticSettings,
      inList(a.diagnosticSettings, desired.diagnosticSettings.id),
    ],
    [
      desired.defenderForAISettings,
      single(a.defenderForAISettings, desired.defenderForAISettings.id),
    ],
    ...desired.roleAssignments.map(
      r => [r, inList(a.roleAssignments, r.id)] as [ArmResourceRequest, Lookup],
    ),
    [desired.lock, inList(a.locks, desired.lock.id)],
    ...desired.metricAlerts.map(
      m =>
        [m, inList(evidence.subscription?.metricAlerts, m.id)] as [
          ArmResourceRequest,
          Lookup,
        ],
    ),
  ];
  const out: GoldenPathDifference[] = [];
  for (const [request, found] of pairs) {
    if (!found.known) continue;
    if (!found.body) {
      out.push({
        resource: request.id,
        field: MISSING_RESOURCE_FIELD,
        desired: request.type,
        actual: null,
      });
      continue;
    }
    // Raw ARM bodies keep `properties`; SDK-shaped ones have it merged into the resource.
    const desiredBody =
      isObject(request.body.properties) && !isObject(found.body.properties)
        ? flattenProperties(request.body)
        : request.body;
    for (const d of armDifferences(desiredBody, found.body)) {
      out.push({
        resource: request.id,
        field: d.field,
        desired: d.desired ?? null,
        actual: d.actual ?? null,
      });
    }
  }
  return out;
}
