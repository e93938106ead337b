import { listControls } from '../catalog/catalog';
import { ACCOUNT_EVIDENCE_KEYS, SUBSCRIPTION_EVIDENCE_KEYS } from '../evidence';
import type { AbsentReason, Evidence, EvaluationInput } from '../evidence';
import type {
  AccountEvaluation,
  Attestation,
  ControlDefinition,
  ControlInput,
  ControlOutcome,
  ControlResult,
  EvaluationContext,
  EvidenceRead,
  ResolvedGoldenPathPolicy,
  Waiver,
} from '../types';
import { isObject, normalizeId, str } from './json';
import { resolvePolicy } from './policy';
import { scoreResults, type WaivedScoring } from './scoring';

const ABSENT_REASONS = [
  'forbidden',
  'not-found',
  'timeout',
  'error',
  'not-collected',
];
const WAIVED_SCORING: readonly WaivedScoring[] = ['excluded', 'pass', 'fail'];
const OUTCOME_STATUSES = [
  'pass',
  'fail',
  'unknown',
  'not-applicable',
  'attestation-required',
];

/** Turns anything into a well-formed evidence piece. */
function sanitizeEvidence(value: unknown): Evidence {
  if (!isObject(value)) return { state: 'absent', reason: 'not-collected' };
  if (value.state === 'present')
    return { state: 'present', value: value.value };
  if (value.state === 'absent') {
    const reason = ABSENT_REASONS.includes(value.reason as string)
      ? (value.reason as AbsentReason)
      : 'error';
    const detail = typeof value.detail === 'string' ? value.detail : undefined;
    return detail === undefined
      ? { state: 'absent', reason }
      : { state: 'absent', reason, detail };
  }
  return {
    state: 'absent',
    reason: 'error',
    detail: 'malformed evidence piece',
  };
}

function fill<K extends string>(
  source: unknown,
  keys: readonly K[],
): Record<K, Evidence> {
  const out = {} as Record<K, Evidence>;
  const obj = isObject(source) ? source : {};
  for (const key of keys) {
    out[key] = Object.prototype.hasOwnProperty.call(obj, key)
      ? sanitizeEvidence(obj[key])
      : { state: 'absent', reason: 'not-collected' };
  }
  return out;
}

function validOutcome(o: unknown): o is ControlOutcome {
  return (
    isObject(o) &&
    OUTCOME_STATUSES.includes(o.status as string) &&
    typeof o.message === 'string' &&
    Array.isArray(o.evidence)
  );
}

function matchesResource(
  entry: { resourceId: unknown },
  resourceId: string | undefined,
): boolean {
  if (entry.resourceId === '*') return true;
  const a = normalizeId(entry.resourceId);
  return (
    a !== undefined && resourceId !== undefined && a === normalizeId(resourceId)
  );
}

function notExpired(expiresAt: unknown, now: number): boolean {
  if (typeof expiresAt !== 'string') return false;
  const t = Date.parse(expiresAt);
  return !Number.isNaN(t) && !Number.isNaN(now) && t > now;
}

/**
 * The first entry of `list` (a waiver or an attestation) for the control and the resource (or
 * `*`) whose `required` fields are non-empty strings and whose expiry is in the future.
 */
function findCurrent<T extends Waiver | Attestation>(
  list: readonly T[],
  required: readonly (keyof T)[],
  controlId: string,
  resourceId: string | undefined,
  now: number,
): T | undefined {
  return list.find(
    entry =>
      isObject(entry) &&
      entry.controlId === controlId &&
      matchesResource(entry, resourceId) &&
      required.every(field => str(entry[field]) !== undefined) &&
      notExpired(entry.expiresAt, now),
  );
}

const ATTESTATION_REQUIRED: readonly (keyof Attestation)[] = [
  'author',
  'evidenceUrl',
  'statement',
];
const WAIVER_REQUIRED: readonly (keyof Waiver)[] = ['approvedBy', 'reason'];

function runControl(
  control: ControlDefinition,
  input: ControlInput,
): ControlOutcome {
  try {
    const o = control.evaluate(input);
    if (validOutcome(o)) {
      return {
        status: o.status,
        message: o.message,
        evidence: o.evidence as EvidenceRead[],
      };
    }
    return {
      status: 'unknown',
      message: 'Could not evaluate: the control returned an invalid result.',
      evidence: [],
    };
  } catch (e) {
    return {
      status: 'unknown',
      message: `Could not evaluate: unexpected evidence shape (${
        e instanceof Error ? e.message : String(e)
      }).`,
      evidence: [],
    };
  }
}

/** Applies attestations and waivers to a raw outcome. */
function decide(
  control: ControlDefinition,
  raw: ControlOutcome,
  policy: ResolvedGoldenPathPolicy,
  resourceId: string | undefined,
  waivers: readonly Waiver[],
  attestations: readonly Attestation[],
  now: number,
): ControlResult {
  const base: ControlResult = {
    controlId: control.id,
    area: control.area,
    severity: control.severity,
    status: raw.status,
    evidenceStatus: raw.status,
    message: raw.message,
    evidence: raw.evidence,
    remediation: control.remediation,
  };
  if (raw.status === 'attestation-required') {
    const attestation = findCurrent(
      attestations,
      ATTESTATION_REQUIRED,
      control.id,
      resourceId,
      now,
    );
    if (attestation) {
      return {
        ...base,
        status: 'attested',
        message: `Attested by ${attestation.author} until ${attestation.expiresAt}: ${attestation.statement}`,
        attestation,
      };
    }
  }
  const waivable =
    control.nonWaivable !== true &&
    !policy.nonWaivableControls.includes(control.id);
  if (
    waivable &&
    (raw.status === 'fail' ||
      raw.status === 'unknown' ||
      raw.status === 'attestation-required')
  ) {
    const waiver = findCurrent(
      waivers,
      WAIVER_REQUIRED,
      control.id,
      resourceId,
      now,
    );
    if (waiver) {
      return {
        ...base,
        status: 'waived',
        message: `Waived by ${waiver.approvedBy} until ${waiver.expiresAt} (${waiver.reason}). Finding: ${raw.message}`,
        waiver,
      };
    }
  }
  return base;
}

/**
 * Evaluates every control of the catalog (or `context.controlIds`) for one account.
 *
 * @remarks
 * Pure and deterministic: the same input and context give the same output. It never throws: a
 * missing or malformed evidence piece makes the controls that need it `unknown`, with a reason.
 * Fields the engine does not know are ignored. Attestations turn `attestation-required` into
 * `attested`; waivers turn `fail`, `unknown` or `attestation-required` into `waived` unless the
 * control is non-waivable. Expired or incomplete waivers and attestations are ignored.
 * `context.waivedScoring` decides how waived controls count in the score (default `excluded`).
 *
 * @param input - raw ARM evidence for the account and its subscription
 * @param context - golden-path policy, waivers, attestations and the evaluation time
 * @public
 */
export function evaluateAccount(
  input: EvaluationInput,
  context: EvaluationContext,
): AccountEvaluation {
  const ctx: Partial<EvaluationContext> = isObject(context) ? context : {};
  const now = ctx.now instanceof Date ? ctx.now : new Date(NaN);
  const nowMs = now.getTime();
  let policy: ResolvedGoldenPathPolicy;
  try {
    policy = resolvePolicy(isObject(ctx.policy) ? ctx.policy : {});
  } catch {
    policy = resolvePolicy({});
  }
  const raw: Partial<EvaluationInput> = isObject(input) ? input : {};
  const controlInput: ControlInput = {
    account: fill(
      raw.account,
      ACCOUNT_EVIDENCE_KEYS,
    ) as ControlInput['account'],
    subscription: fill(
      raw.subscription,
      SUBSCRIPTION_EVIDENCE_KEYS,
    ) as ControlInput['subscription'],
    policy,
    now,
  };
  const accountEvidence = controlInput.account.account;
  const resourceId =
    accountEvidence.state === 'present' && isObject(accountEvidence.value)
      ? str(accountEvidence.value.id)
      : undefined;
  const waivers = Array.isArray(ctx.waivers) ? ctx.waivers : [];
  const attestations = Array.isArray(ctx.attestations) ? ctx.attestations : [];
  const only = Array.isArray(ctx.controlIds)
    ? new Set(ctx.controlIds)
    : undefined;

  const results: ControlResult[] = [];
  for (const control of listControls()) {
    if (only && !only.has(control.id)) continue;
    const outcome: ControlOutcome = policy.disabledControls.includes(control.id)
      ? {
          status: 'not-applicable',
          message: 'This control is switched off by the golden-path policy.',
          evidence: [{ path: 'policy:disabledControls', observed: control.id }],
        }
      : runControl(control, controlInput);
    results.push(
      decide(
        control,
        outcome,
        policy,
        resourceId,
        waivers,
        attestations,
        nowMs,
      ),
    );
  }
  return {
    resourceId,
    results,
    score: scoreResults(results, {
      waivedScoring: WAIVED_SCORING.includes(ctx.waivedScoring!)
        ? ctx.waivedScoring
        : 'excluded',
    }),
    evaluatedAt: Number.isNaN(nowMs) ? '' : now.toISOString(),
  };
}
