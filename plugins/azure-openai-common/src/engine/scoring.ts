import type {
  ControlResult,
  ControlStatus,
  Grade,
  PostureScore,
  Severity,
} from '../types';

/**
 * Weight of each severity in the score.
 *
 * @public
 */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> =
  Object.freeze({
    critical: 10,
    high: 5,
    medium: 3,
    low: 1,
  });

/**
 * Lowest score (inclusive) for each grade; below the D threshold the grade is F.
 *
 * @public
 */
export const GRADE_THRESHOLDS: Readonly<Record<Exclude<Grade, 'F'>, number>> =
  Object.freeze({
    A: 90,
    B: 80,
    C: 70,
    D: 60,
  });

/**
 * The best grade an account can have while a critical control fails.
 *
 * @public
 */
export const CRITICAL_FAILURE_GRADE_CAP: Grade = 'D';

const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

const EARNING: readonly ControlStatus[] = ['pass', 'attested'];
/**
 * Statuses that count in the score. `attestation-required` does not: a control that waits for a
 * human statement is reported on its own (its count), so an account that passes every automated
 * control grades on that evidence; a recorded attestation (`attested`) counts as a pass.
 */
const SCORED: readonly ControlStatus[] = [
  'pass',
  'attested',
  'fail',
  'unknown',
];

/** Counts with every status at zero. */
function emptyCounts(): Record<ControlStatus, number> {
  return {
    pass: 0,
    fail: 0,
    unknown: 0,
    'not-applicable': 0,
    waived: 0,
    attested: 0,
    'attestation-required': 0,
  };
}

/**
 * The letter grade for a score (without the critical cap).
 *
 * @param score - 0 to 100
 * @public
 */
export function gradeForScore(score: number): Grade {
  if (score >= GRADE_THRESHOLDS.A) return 'A';
  if (score >= GRADE_THRESHOLDS.B) return 'B';
  if (score >= GRADE_THRESHOLDS.C) return 'C';
  if (score >= GRADE_THRESHOLDS.D) return 'D';
  return 'F';
}

/**
 * The worse of two grades.
 *
 * @public
 */
export function worseGrade(a: Grade, b: Grade): Grade {
  return GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function finish(
  earned: number,
  scored: number,
  capped: boolean,
  counts: Record<ControlStatus, number>,
): PostureScore {
  const score = scored === 0 ? 100 : round1((100 * earned) / scored);
  const raw = gradeForScore(score);
  const grade = capped ? worseGrade(raw, CRITICAL_FAILURE_GRADE_CAP) : raw;
  return {
    score,
    grade,
    earnedWeight: earned,
    scoredWeight: scored,
    capped: capped && grade !== raw,
    counts,
  };
}

/**
 * How waived controls count in the score (see {@link ScoreOptions}).
 *
 * @public
 */
export type WaivedScoring = 'excluded' | 'pass' | 'fail';

/**
 * Options of {@link scoreResults}.
 *
 * @public
 */
export interface ScoreOptions {
  /**
   * How `waived` results count: `excluded` (default) leaves them out of both sums, `pass` counts
   * them as earned, `fail` counts them against the score as if there were no waiver (a waived
   * critical control whose evidence fails then caps the grade too).
   */
  waivedScoring?: WaivedScoring;
}

/** The status a result counts as in the score. */
function scoredStatus(
  r: ControlResult,
  waivedScoring: WaivedScoring,
): ControlStatus {
  if (r.status !== 'waived' || waivedScoring === 'excluded') return r.status;
  return waivedScoring === 'pass' ? 'pass' : 'fail';
}

/**
 * Severity-weighted score of one account's results.
 *
 * @remarks
 * score = 100 × Σ weight(pass, attested) / Σ weight(pass, attested, fail, unknown), rounded to
 * one decimal. `not-applicable`, `waived` and `attestation-required` results are left out of both
 * sums (attestations still needed are reported in the counts); `unknown` counts against the
 * score. With nothing to score the score is 100. Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F; any critical control
 * with status `fail` caps the grade at D. `options.waivedScoring` counts `waived` results as
 * passing or failing instead of leaving them out; the counts always report them as `waived`.
 *
 * @param results - control results of one account
 * @param options - how waived results count
 * @public
 */
export function scoreResults(
  results: readonly ControlResult[],
  options: ScoreOptions = {},
): PostureScore {
  const waivedScoring = options.waivedScoring ?? 'excluded';
  const counts = emptyCounts();
  let earned = 0;
  let scored = 0;
  let criticalFailure = false;
  for (const r of results) {
    counts[r.status] += 1;
    const status = scoredStatus(r, waivedScoring);
    const weight = SEVERITY_WEIGHTS[r.severity] ?? 0;
    if (SCORED.includes(status)) scored += weight;
    if (EARNING.includes(status)) earned += weight;
    if (
      r.severity === 'critical' &&
      status === 'fail' &&
      (r.status === 'fail' || r.evidenceStatus === 'fail')
    )
      criticalFailure = true;
  }
  return finish(earned, scored, criticalFailure, counts);
}

/**
 * Posture of an entity (component, system, owner) that owns several accounts.
 *
 * @public
 */
export interface AggregatePosture extends PostureScore {
  /** Number of accounts aggregated. */
  accountCount: number;
  /** Index (in the input) of the account with the worst grade (lowest score on ties). */
  worstAccountIndex: number;
}

/**
 * Aggregates the scores of several accounts.
 *
 * @remarks
 * The combined score pools the weights: 100 × Σ earned / Σ scored over all accounts, so a large
 * account counts as much as its controls do. The grade is the worst account grade (an entity is as
 * weak as its weakest account), and `capped` is true if any account was capped. Returns undefined
 * for an empty list.
 *
 * @param scores - one score per account
 * @public
 */
export function aggregateScores(
  scores: readonly PostureScore[],
): AggregatePosture | undefined {
  if (scores.length === 0) return undefined;
  const counts = emptyCounts();
  let earned = 0;
  let scored = 0;
  let worstIndex = 0;
  scores.forEach((s, i) => {
    earned += s.earnedWeight;
    scored += s.scoredWeight;
    for (const key of Object.keys(counts) as ControlStatus[]) {
      counts[key] += s.counts[key] ?? 0;
    }
    const worst = scores[worstIndex];
    const order =
      GRADE_ORDER.indexOf(s.grade) - GRADE_ORDER.indexOf(worst.grade);
    if (order > 0 || (order === 0 && s.score < worst.score)) worstIndex = i;
  });
  const pooled = finish(earned, scored, false, counts);
  return {
    ...pooled,
    grade: worseGrade(pooled.grade, scores[worstIndex].grade),
    capped: scores.some(s => s.capped),
    accountCount: scores.length,
    worstAccountIndex: worstIndex,
  };
}
