import { getControl, listControls } from '../catalog/catalog';
import { evaluateAccount } from '../engine/evaluate';
import { resolvePolicy } from '../engine/policy';
import type { EvidenceKey, GoldenPathPolicy } from '../types';
import { buildDesiredState } from './build';
import { desiredStateEvidence } from './evidence';
import type {
  BlockingControl,
  PreflightResult,
  ProvisionInputs,
  ProvisionProblem,
} from './types';
import { validateProvisionInputs } from './validate';

/** Evidence the builder produces (privateLinkResources is optional for the controls that read it). */
const BUILDER_EVIDENCE: readonly EvidenceKey[] = [
  'account.account',
  'account.deployments',
  'account.raiPolicies',
  'account.diagnosticSettings',
  'account.roleAssignments',
  'account.privateEndpointDnsZoneGroups',
  'account.privateLinkResources',
  'account.locks',
];

/**
 * The controls pre-flight requires when the policy lists none: every automated control that reads
 * only account-level evidence the builder produces.
 *
 * @public
 */
export function defaultPreflightControls(): string[] {
  return listControls()
    .filter(
      c =>
        c.kind === 'automated' &&
        c.reads.length > 0 &&
        c.reads.every(r => BUILDER_EVIDENCE.includes(r)),
    )
    .map(c => c.id);
}

/**
 * Input fields that can make a control fail on a built desired state. `[*]` matches any index.
 * Fields starting with `policy.` are gaps in the platform configuration.
 */
const CONTROL_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'AOAI-NET-001': ['policy.privateEndpointSubnetId'],
  'AOAI-NET-004': ['policy.privateEndpointSubnetId'],
  'AOAI-NET-005': ['policy.privateDnsZoneIds', 'customSubDomainName'],
  'AOAI-NET-006': ['policy.privateEndpointSubnetId'],
  'AOAI-IAM-002': ['customSubDomainName', 'accountName'],
  'AOAI-IAM-004': ['consumerPrincipalIds', 'policy.consumerRoleDefinitionId'],
  'AOAI-IAM-005': ['consumerPrincipalIds', 'policy.consumerRoleDefinitionId'],
  'AOAI-DATA-001': ['customerManagedKey'],
  'AOAI-DATA-002': ['contentFilterProfile'],
  'AOAI-DATA-004': ['contentFilterProfile'],
  'AOAI-LOG-001': ['policy.logAnalyticsWorkspaceId'],
  'AOAI-GOV-005': ['region'],
  'AOAI-GOV-006': ['deployments[*].sku', 'region'],
  'AOAI-GOV-007': ['tags', 'owner', 'system'],
  'AOAI-GOV-008': ['deployments[*].model', 'deployments[*].version'],
  'AOAI-BCDR-007': ['deployments[*].version'],
  'AOAI-SVC-001': ['contentFilterProfile', 'deployments'],
  'AOAI-SVC-003': ['contentFilterProfile'],
  'AOAI-SVC-004': ['deployments[*].capacity', 'deployments[*].sku'],
  'AOAI-SVC-006': ['contentFilterProfile'],
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The fields of a blocking control: the matching problem fields, else the generic ones. */
function causes(
  controlId: string,
  problems: readonly ProvisionProblem[],
): string[] {
  const patterns = CONTROL_INPUTS[controlId] ?? [];
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const re = new RegExp(
      `^${escape(pattern).replace(/\\\[\\\*\\\]/g, '\\[\\d+\\]')}(\\.|\\[|$)`,
    );
    for (const p of problems) if (re.test(p.field)) matched.add(p.field);
  }
  return matched.size > 0 ? [...matched] : [...patterns];
}

/**
 * Pre-flight of the golden path: validates the inputs, builds the desired state and evaluates
 * what it would look like once applied with the control catalog. Nothing may be written unless
 * `ok` is true.
 *
 * @remarks
 * `blocking` lists every required control (the policy's `requiredControls`, else
 * {@link defaultPreflightControls}) whose status is neither `pass` nor `not-applicable`, with the
 * input fields that cause it. Never throws.
 *
 * @param inputs - what the developer asked for
 * @param policy - the golden-path policy
 * @param options - `now`: evaluation time (the engine reads no clock)
 * @public
 */
export function preflight(
  inputs: ProvisionInputs,
  policy: GoldenPathPolicy | undefined,
  options: { now: Date },
): PreflightResult {
  const safePolicy = policy && typeof policy === 'object' ? policy : undefined;
  const resolved = resolvePolicy(safePolicy);
  const problems = validateProvisionInputs(inputs, safePolicy);
  const desiredState = buildDesiredState(inputs, safePolicy);
  const evidence = desiredStateEvidence(desiredState);
  const now =
    options &&
    options.now instanceof Date &&
    !Number.isNaN(options.now.getTime())
      ? options.now
      : new Date(0);
  const evaluation = evaluateAccount(evidence, { policy: safePolicy, now });
  const requiredControls =
    resolved.requiredControls.length > 0
      ? [...resolved.requiredControls]
      : defaultPreflightControls();
  const required = new Set(requiredControls);
  const blocking: BlockingControl[] = evaluation.results
    .filter(
      r =>
        required.has(r.controlId) &&
        r.status !== 'pass' &&
        r.status !== 'not-applicable',
    )
    .map(r => ({
      controlId: r.controlId,
      title: getControl(r.controlId)?.title ?? r.controlId,
      message: r.message,
      inputs: causes(r.controlId, problems),
    }));
  const unknownIds = requiredControls.filter(
    id => !evaluation.results.some(r => r.controlId === id),
  );
  for (const id of unknownIds) {
    blocking.push({
      controlId: id,
      title: id,
      message: `The golden-path policy requires control ${id}, which is not in the catalog.`,
      inputs: ['policy.requiredControls'],
    });
  }
  return {
    ok: problems.length === 0 && blocking.length === 0,
    problems,
    desiredState,
    evidence,
    evaluation,
    requiredControls,
    blocking,
  };
}
