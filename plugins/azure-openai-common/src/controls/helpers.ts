import type { Evidence } from '../evidence';
import type { ControlInput, ControlOutcome, EvidenceRead } from '../types';
import {
  JsonObject,
  get,
  prop,
  isObject,
  listItems,
  lower,
  norm,
  observed,
  str,
  bool,
} from '../engine/json';
import { capitalise, outcome, verdict } from './outcomes';

export { capitalise, outcome, verdict };

const REASON_TEXT: Record<string, string> = {
  forbidden: 'the scanner was not allowed to read it (HTTP 403)',
  'not-found': 'it was not found (HTTP 404)',
  timeout: 'the read timed out',
  error: 'the read failed',
  'not-collected': 'it was not collected',
};

/** Message of the `not-applicable` outcome for an account without deployments. */
const NO_DEPLOYMENTS_MESSAGE = 'The account has no model deployments.';

/** Result of reading a required evidence piece: the value or a ready `unknown` outcome. */
export type Read<T> =
  | { ok: true; value: T }
  | { ok: false; outcome: ControlOutcome };

/** `unknown` outcome for missing evidence. */
export function unknownOutcome(
  label: string,
  path: string,
  evidence: Evidence,
): ControlOutcome {
  if (evidence.state === 'present') {
    return {
      status: 'unknown',
      message: `Could not evaluate: ${label} has an unexpected shape.`,
      evidence: [
        {
          path,
          observed: observed(evidence.value),
          expected: 'valid ARM JSON',
        },
      ],
    };
  }
  const detail = evidence.detail ? ` (${evidence.detail})` : '';
  return {
    status: 'unknown',
    message: `Could not evaluate: ${label} is missing because ${
      REASON_TEXT[evidence.reason] ?? 'it could not be read'
    }${detail}.`,
    evidence: [{ path, observed: `absent: ${evidence.reason}` }],
  };
}

/** Reads the account body (an object with a `properties` object). */
export function readAccount(input: ControlInput): Read<JsonObject> {
  const ev = input.account.account;
  if (
    ev.state === 'present' &&
    isObject(ev.value) &&
    isObject(ev.value.properties)
  ) {
    return { ok: true, value: ev.value };
  }
  return { ok: false, outcome: unknownOutcome('the account', 'account', ev) };
}

/** Reads a list evidence piece (`{value: [...]}` or an array). */
export function readList(
  evidence: Evidence,
  label: string,
  path: string,
): Read<JsonObject[]> {
  if (evidence.state === 'present') {
    const items = listItems(evidence.value);
    if (items) return { ok: true, value: items };
  }
  return { ok: false, outcome: unknownOutcome(label, path, evidence) };
}

/** The account body with one list evidence piece, see {@link readAccountAndList}. */
export interface AccountAndList {
  /** The account body. */
  account: JsonObject;
  /** The items of the list. */
  items: JsonObject[];
}

/**
 * Reads the account body, then a list evidence piece; the first that is missing gives the
 * `unknown` outcome.
 */
export function readAccountAndList(
  input: ControlInput,
  evidence: Evidence,
  label: string,
  path: string,
): Read<AccountAndList> {
  const account = readAccount(input);
  if (!account.ok) return account;
  const items = readList(evidence, label, path);
  if (!items.ok) return items;
  return { ok: true, value: { account: account.value, items: items.value } };
}

/** Reads a single-object evidence piece. */
export function readObject(
  evidence: Evidence,
  label: string,
  path: string,
): Read<JsonObject> {
  if (evidence.state === 'present' && isObject(evidence.value)) {
    return { ok: true, value: evidence.value };
  }
  return { ok: false, outcome: unknownOutcome(label, path, evidence) };
}

/** Reads the subscription's Defender for AI pricing (`subscription.defenderPricing`). */
export function readDefenderPricing(input: ControlInput): Read<JsonObject> {
  return readObject(
    input.subscription.defenderPricing,
    'the Defender for AI pricing',
    'subscription.defenderPricing',
  );
}

/** An evidence read of a JSON path in the account body. */
export function accountRead(
  account: JsonObject,
  path: string,
  expected: unknown,
): EvidenceRead {
  return {
    path: `account:${path}`,
    observed: observed(get(account, path)),
    expected,
  };
}

/** Account kind (`openai`, `aiservices`, …), lower-cased. */
export function accountKind(account: JsonObject): string {
  return lower(account.kind) ?? '';
}

/** Approved and succeeded private endpoint connections embedded in the account. */
export function privateEndpointConnections(account: JsonObject): JsonObject[] {
  const list = get(account, 'properties.privateEndpointConnections');
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Connection status, lower-cased (`approved`, `pending`, `rejected`, `disconnected`). */
export function connectionStatus(connection: JsonObject): string {
  return (
    lower(
      get(connection, 'properties.privateLinkServiceConnectionState.status'),
    ) ?? ''
  );
}

/** True for an approved connection whose provisioning succeeded. */
export function isApprovedConnection(connection: JsonObject): boolean {
  const provisioning = lower(get(connection, 'properties.provisioningState'));
  return (
    connectionStatus(connection) === 'approved' &&
    (provisioning === undefined || provisioning === 'succeeded')
  );
}

/** A deployment with its resolved RAI policy. */
export interface DeploymentPolicy {
  /** Deployment name. */
  name: string;
  /** `properties.raiPolicyName`, if set. */
  raiPolicyName?: string;
  /** The RAI policy body, when it resolved. */
  policy?: JsonObject;
  /** The deployment body. */
  deployment: JsonObject;
}

/** Names of system-managed policies Microsoft provides on every account. */
export const SYSTEM_POLICY_NAMES = ['microsoft.default', 'microsoft.defaultv2'];

/**
 * Reads deployments and RAI policies and pairs them. Returns an `unknown` outcome when either
 * list is missing.
 */
export function readDeploymentPolicies(
  input: ControlInput,
): Read<DeploymentPolicy[]> {
  const deployments = readList(
    input.account.deployments,
    'the deployment list',
    'deployments',
  );
  if (!deployments.ok) return deployments;
  const policies = readList(
    input.account.raiPolicies,
    'the RAI (content filter) policy list',
    'raiPolicies',
  );
  if (!policies.ok) return policies;
  const byName = new Map<string, JsonObject>();
  for (const p of policies.value) {
    const name = lower(p.name);
    if (name !== undefined && !byName.has(name)) byName.set(name, p);
  }
  const result = deployments.value.map((d, i) => {
    const name = str(d.name) ?? `#${i}`;
    const raiPolicyName = str(get(d, 'properties.raiPolicyName'));
    const policy =
      raiPolicyName === undefined
        ? undefined
        : byName.get(raiPolicyName.toLowerCase());
    return { name, raiPolicyName, policy, deployment: d };
  });
  return { ok: true, value: result };
}

/** Content filters of an RAI policy. */
export function contentFilters(policy: JsonObject): JsonObject[] {
  const list = get(policy, 'properties.contentFilters');
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Finds a content filter by (normalised) name and optional source. */
export function findFilter(
  policy: JsonObject,
  name: string,
  source?: 'Prompt' | 'Completion',
): JsonObject | undefined {
  const wanted = norm(name);
  return contentFilters(policy).find(
    f =>
      norm(f.name) === wanted &&
      (source === undefined || norm(f.source) === norm(source)),
  );
}

/** Evidence selector: the content filters with the given (normalised) names. */
export function selectFilters(
  ...names: string[]
): (policy: JsonObject) => { path: string; value: unknown } {
  const wanted = names.map(n => norm(n));
  return policy => ({
    path: `properties.contentFilters[name in ${names.join(', ')}]`,
    value: contentFilters(policy).filter(f => wanted.includes(norm(f.name))),
  });
}

/** `enabled` of a filter (strict). */
export function filterEnabled(filter: JsonObject | undefined): boolean {
  return filter !== undefined && bool(filter.enabled) === true;
}

/** `blocking` of a filter (strict). */
export function filterBlocking(filter: JsonObject | undefined): boolean {
  return filter !== undefined && bool(filter.blocking) === true;
}

/**
 * Evaluates a per-deployment RAI requirement. Deployments without a policy name, or whose policy
 * does not resolve, are reported: a missing custom policy fails, an unlisted system policy is
 * unknown (its content cannot be seen).
 *
 * @param documentedSystemPolicy - the documented filters of a system policy (lower-case name),
 *   for a deployment whose system policy was not listed: when the check fails on them the
 *   deployment fails, otherwise it stays unknown (a pass needs the policy as listed).
 */
export function perDeployment(
  input: ControlInput,
  check: (d: DeploymentPolicy & { policy: JsonObject }) => string[],
  passMessage: string,
  select: (policy: JsonObject) => { path: string; value: unknown },
  documentedSystemPolicy?: (name: string) => JsonObject | undefined,
): ControlOutcome {
  const read = readDeploymentPolicies(input);
  if (!read.ok) return read.outcome;
  if (read.value.length === 0) {
    return outcome('not-applicable', NO_DEPLOYMENTS_MESSAGE, [
      { path: 'deployments', observed: 0, expected: 'at least one deployment' },
    ]);
  }
  const problems: string[] = [];
  const unknowns: string[] = [];
  const evidence: EvidenceRead[] = [];
  for (const d of read.value) {
    const base = `deployments[${d.name}]`;
    if (d.raiPolicyName === undefined) {
      problems.push(
        `deployment "${d.name}" has no RAI policy (raiPolicyName is empty)`,
      );
      evidence.push({
        path: `${base}.properties.raiPolicyName`,
        expected: 'a policy name',
      });
      continue;
    }
    if (d.policy === undefined) {
      const systemName = d.raiPolicyName.toLowerCase();
      const documented = SYSTEM_POLICY_NAMES.includes(systemName)
        ? documentedSystemPolicy?.(systemName)
        : undefined;
      const issues = documented ? check({ ...d, policy: documented }) : [];
      if (issues.length > 0) {
        for (const issue of issues) {
          problems.push(
            `deployment "${d.name}" uses system policy "${d.raiPolicyName}" (not in the policy list; its documented defaults): ${issue}`,
          );
        }
        evidence.push({
          path: `${base}.properties.raiPolicyName`,
          observed: d.raiPolicyName,
          expected: issues.join('; '),
        });
        continue;
      }
      if (SYSTEM_POLICY_NAMES.includes(systemName)) {
        unknowns.push(
          `deployment "${d.name}" uses system policy "${d.raiPolicyName}", which was not in the policy list`,
        );
      } else {
        problems.push(
          `deployment "${d.name}" references RAI policy "${d.raiPolicyName}", which does not exist`,
        );
      }
      evidence.push({
        path: `${base}.properties.raiPolicyName`,
        observed: d.raiPolicyName,
        expected: 'a policy present in raiPolicies',
      });
      continue;
    }
    const issues = check(d as DeploymentPolicy & { policy: JsonObject });
    const selected = select(d.policy);
    evidence.push({
      path: `deployments[${d.name}] -> raiPolicies[${d.raiPolicyName}].${selected.path}`,
      observed: observed(selected.value),
      expected: issues.length === 0 ? 'met' : issues.join('; '),
    });
    for (const issue of issues)
      problems.push(`deployment "${d.name}": ${issue}`);
  }
  return verdict({ problems, unknowns, evidence, passMessage });
}

/** Reads the deployments list. */
export function readDeployments(input: ControlInput): Read<JsonObject[]> {
  return readList(
    input.account.deployments,
    'the deployment list',
    'deployments',
  );
}

/**
 * Passes a deployment read through when it has at least one deployment; an empty list becomes a
 * `not-applicable` outcome with the given message and no evidence.
 */
export function requireDeployments<T>(
  read: Read<T[]>,
  message: string = NO_DEPLOYMENTS_MESSAGE,
): Read<T[]> {
  if (read.ok && read.value.length === 0) {
    return { ok: false, outcome: outcome('not-applicable', message, []) };
  }
  return read;
}

/** Deployment name. */
export function deploymentName(d: JsonObject, index: number): string {
  return str(d.name) ?? `#${index}`;
}

/** Built-in role definition GUIDs. */
export const ROLE = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  cognitiveServicesContributor: '25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68',
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908',
  openAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  openAIContributor: 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
} as const;

/** Role names for messages. */
export const ROLE_NAMES: Record<string, string> = {
  [ROLE.owner]: 'Owner',
  [ROLE.contributor]: 'Contributor',
  [ROLE.cognitiveServicesContributor]: 'Cognitive Services Contributor',
  [ROLE.cognitiveServicesUser]: 'Cognitive Services User',
  [ROLE.openAIUser]: 'Cognitive Services OpenAI User',
  [ROLE.openAIContributor]: 'Cognitive Services OpenAI Contributor',
  [ROLE.userAccessAdministrator]: 'User Access Administrator',
};

/** Diagnostic setting destination: true when it sends somewhere. */
export function hasWorkspace(setting: JsonObject): boolean {
  return str(prop(setting, 'workspaceId')) !== undefined;
}

/**
 * Lower-cased names of the enabled entries (`enabled: true`) of a diagnostic setting's `logs` or
 * `metrics` array.
 */
function enabledEntries(
  setting: JsonObject,
  list: 'logs' | 'metrics',
  name: (entry: JsonObject) => string | undefined,
): Set<string> {
  const entries = prop(setting, list);
  const result = new Set<string>();
  if (!Array.isArray(entries)) return result;
  for (const entry of entries) {
    if (!isObject(entry) || bool(entry.enabled) !== true) continue;
    const n = name(entry);
    if (n) result.add(n);
  }
  return result;
}

/** Enabled log categories and category groups of a diagnostic setting, lower-cased. */
export function enabledLogs(setting: JsonObject): Set<string> {
  return enabledEntries(
    setting,
    'logs',
    log => lower(log.category) ?? lower(log.categoryGroup),
  );
}

/** True when a diagnostic setting enables allLogs, or every one of `categories` (lower-case). */
export function logsCover(
  setting: JsonObject,
  categories: readonly string[],
): boolean {
  const logs = enabledLogs(setting);
  return logs.has('alllogs') || categories.every(c => logs.has(c));
}

/** Enabled metric categories of a diagnostic setting, lower-cased. */
export function enabledMetrics(setting: JsonObject): Set<string> {
  return enabledEntries(setting, 'metrics', metric => lower(metric.category));
}

/**
 * Where a deployment SKU processes data, judged by its name: `Global*`, `DataZone*`,
 * `Developer*`, anything else is regional.
 */
export function skuClass(
  sku: string,
): 'global' | 'datazone' | 'developer' | 'regional' {
  const s = sku.toLowerCase();
  if (s.startsWith('global')) return 'global';
  if (s.startsWith('datazone')) return 'datazone';
  if (s.startsWith('developer')) return 'developer';
  return 'regional';
}

/** Geography (data zone) of common Azure regions. */
export const REGION_DATA_ZONE: Readonly<Record<string, string>> = {
  westeurope: 'EU',
  northeurope: 'EU',
  swedencentral: 'EU',
  francecentral: 'EU',
  germanywestcentral: 'EU',
  italynorth: 'EU',
  polandcentral: 'EU',
  spaincentral: 'EU',
  switzerlandnorth: 'EU',
  norwayeast: 'EU',
  eastus: 'US',
  eastus2: 'US',
  westus: 'US',
  westus2: 'US',
  westus3: 'US',
  centralus: 'US',
  northcentralus: 'US',
  southcentralus: 'US',
  japaneast: 'APAC',
  australiaeast: 'APAC',
  koreacentral: 'APAC',
  southeastasia: 'APAC',
  southindia: 'APAC',
};

/** Normalises a region name (`West Europe` → `westeurope`). */
export function normRegion(value: unknown): string | undefined {
  const s = lower(value);
  return s === undefined ? undefined : s.replace(/\s+/g, '');
}

export { get, isObject, listItems, lower, norm, prop, str, bool, observed };

/** Outcome of a control that only a human statement can satisfy. */
export function attestationOutcome(what: string): ControlOutcome {
  return {
    status: 'attestation-required',
    message: `No Azure Resource Manager evidence exists for this practice. Record an attestation (author, evidence link, expiry) that ${what}.`,
    evidence: [],
  };
}
