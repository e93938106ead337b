import type {
  AccountEvaluation,
  ControlStatus,
  Grade,
  PostureDiff,
  PostureRecord,
} from '@pavedai/plugin-azure-openai-common';

const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];
const FINE: readonly ControlStatus[] = [
  'pass',
  'attested',
  'waived',
  'not-applicable',
];
const BAD: readonly ControlStatus[] = ['fail', 'unknown'];

/**
 * Compares a new evaluation with the account's previous stored posture.
 *
 * @remarks
 * A regression is a control that was fine (pass, attested, waived, not-applicable) and now fails
 * or is unknown; an improvement is the reverse. Controls new to the catalog are not compared.
 */
export function diffPosture(
  previous: PostureRecord,
  next: AccountEvaluation,
): PostureDiff {
  const before = new Map(previous.results.map(r => [r.controlId, r.status]));
  const regressions: PostureDiff['regressions'] = [];
  const improvements: PostureDiff['improvements'] = [];
  for (const result of next.results) {
    const from = before.get(result.controlId);
    if (from === undefined) continue;
    const to = result.status;
    if (FINE.includes(from) && BAD.includes(to)) {
      regressions.push({ controlId: result.controlId, from, to });
    } else if (BAD.includes(from) && FINE.includes(to)) {
      improvements.push({ controlId: result.controlId, from, to });
    }
  }
  return {
    previousResultId: previous.resultId,
    previousScore: previous.score,
    previousGrade: previous.grade,
    gradeRegressed:
      GRADE_ORDER.indexOf(next.score.grade) >
      GRADE_ORDER.indexOf(previous.grade),
    regressions,
    improvements,
  };
}
