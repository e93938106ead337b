import type { Random } from './random';

/**
 * The kinds of fault the emulator can inject.
 *
 * - `latency`: delay the answer by `latencyMs`.
 * - `error`: answer `status` (default 500) with an ARM error body instead of serving the call.
 * - `reset`: destroy the connection without an answer.
 * - `throttle`: answer 429 with `Retry-After` (a throttling storm).
 * - `malformedJson`: serve the call but send a truncated, unparseable JSON body.
 * - `lroFailure`: a long-running operation started by the call ends `Failed`.
 *
 * @public
 */
export type FaultKind =
  | 'latency'
  | 'error'
  | 'reset'
  | 'throttle'
  | 'malformedJson'
  | 'lroFailure';

/**
 * A fault rule. Without `operation`, `resource` or `method` it matches every
 * ARM call.
 *
 * @public
 */
export interface FaultRule {
  /** Set by the emulator when the rule is added. */
  id?: string;
  /** What the rule does to a matching call. */
  kind: FaultKind;
  /** Spec operation id to target, e.g. `DiagnosticSettings_List` (case-insensitive). */
  operation?: string;
  /** A case-insensitive substring of the request path, e.g. an account id. */
  resource?: string;
  /** HTTP method to target. */
  method?: string;
  /** Probability that a matching call is affected, 0..1 (default 1). */
  rate?: number;
  /** How many times the rule fires before it is spent (default: unlimited). */
  times?: number;
  /** `latency`: milliseconds, fixed or a uniform range. */
  latencyMs?: number | { min: number; max: number };
  /** `error` / `lroFailure`: HTTP status (default 500; 403 etc. allowed). */
  status?: number;
  /** `error` / `lroFailure`: ARM error code. */
  code?: string;
  /** `error` / `lroFailure`: ARM error message. */
  message?: string;
  /** `throttle`: Retry-After seconds (default 1). */
  retryAfterSeconds?: number;
}

/**
 * What a request looks like to the fault matcher.
 *
 * @public
 */
export interface FaultTarget {
  /** HTTP method. */
  method: string;
  /** Request path, without the query. */
  path: string;
  /** Spec operation id of the call. */
  operationId: string;
}

const KINDS: FaultKind[] = [
  'latency',
  'error',
  'reset',
  'throttle',
  'malformedJson',
  'lroFailure',
];

/**
 * The active fault rules.
 *
 * @public
 */
export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private fired = 0;

  constructor(private readonly random: Random) {}

  /** Adds a rule after validating it; returns the stored rule with its id. */
  add(rule: FaultRule): FaultRule {
    const problem = validateFault(rule);
    if (problem) {
      throw new TypeError(problem);
    }
    const stored = { ...rule, id: rule.id ?? `fault-${this.nextId++}` };
    this.rules.push(stored);
    return stored;
  }

  /** Removes one rule; true if it existed. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(r => r.id !== id);
    return this.rules.length !== before;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The active rules. */
  list(): FaultRule[] {
    return this.rules.map(r => ({ ...r }));
  }

  /** How many times any rule has fired. */
  get firedCount(): number {
    return this.fired;
  }

  /** The first rule of `kind` that matches and fires for this call. */
  take(kind: FaultKind, target: FaultTarget): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.kind !== kind || !matches(rule, target)) {
        continue;
      }
      if ((rule.rate ?? 1) < 1 && this.random() >= (rule.rate ?? 1)) {
        continue;
      }
      if (rule.times !== undefined) {
        if (rule.times <= 0) {
          continue;
        }
        rule.times -= 1;
      }
      this.fired += 1;
      return rule;
    }
    return undefined;
  }
}

function matches(rule: FaultRule, t: FaultTarget): boolean {
  if (rule.method && rule.method.toUpperCase() !== t.method) {
    return false;
  }
  if (
    rule.operation &&
    rule.operation.toLowerCase() !== t.operationId.toLowerCase()
  ) {
    return false;
  }
  if (
    rule.resource &&
    !t.path.toLowerCase().includes(rule.resource.toLowerCase())
  ) {
    return false;
  }
  return true;
}

/** Returns a message when a fault rule is invalid. */
export function validateFault(rule: unknown): string | undefined {
  if (!rule || typeof rule !== 'object') {
    return 'A fault rule must be a JSON object.';
  }
  const r = rule as FaultRule;
  if (!KINDS.includes(r.kind)) {
    return `Fault "kind" must be one of ${KINDS.join(', ')}.`;
  }
  if (r.rate !== undefined && !(r.rate >= 0 && r.rate <= 1)) {
    return 'Fault "rate" must be between 0 and 1.';
  }
  if (r.times !== undefined && !(Number.isInteger(r.times) && r.times >= 0)) {
    return 'Fault "times" must be a non-negative integer.';
  }
  if (
    r.status !== undefined &&
    !(Number.isInteger(r.status) && r.status >= 400 && r.status <= 599)
  ) {
    return 'Fault "status" must be an HTTP error status (400-599).';
  }
  if (r.kind === 'latency') {
    const l = r.latencyMs;
    const ok =
      (typeof l === 'number' && l >= 0) ||
      (typeof l === 'object' && l !== null && l.min >= 0 && l.max >= l.min);
    if (!ok) {
      return 'A latency fault needs "latencyMs": a number or {min, max}.';
    }
  }
  return undefined;
}

/** Picks a delay from a fixed value or a uniform range. */
export function pickLatency(
  l: number | { min: number; max: number } | undefined,
  random: Random,
): number {
  if (l === undefined) {
    return 0;
  }
  if (typeof l === 'number') {
    return l;
  }
  return l.min + Math.floor(random() * (l.max - l.min + 1));
}
