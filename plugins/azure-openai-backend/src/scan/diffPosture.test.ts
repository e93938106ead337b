import { evaluateFixture } from '../testUtils/fixtures';
import type { PostureRecord } from '@pavedai/plugin-azure-openai-common';
import { diffPosture } from './diffPosture';

function asRecord(name: Parameters<typeof evaluateFixture>[0]): PostureRecord {
  const evaluation = evaluateFixture(name);
  return {
    resultId: '7',
    scanId: 's',
    evaluatedAt: evaluation.evaluatedAt,
    status: 'ok',
    score: evaluation.score.score,
    grade: evaluation.score.grade,
    capped: evaluation.score.capped,
    earnedWeight: evaluation.score.earnedWeight,
    scoredWeight: evaluation.score.scoredWeight,
    counts: { ...evaluation.score.counts },
    results: [...evaluation.results],
  };
}

describe('diffPosture', () => {
  it('reports controls that went from fine to failing and the grade drop', () => {
    const before = asRecord('pass-hardened');
    const after = evaluateFixture('fail-insecure');
    const diff = diffPosture(before, after);
    expect(diff.previousResultId).toBe('7');
    expect(diff.previousGrade).toBe(before.grade);
    expect(diff.gradeRegressed).toBe(true);
    const expected = after.results
      .filter(r => ['fail', 'unknown'].includes(r.status))
      .filter(r =>
        ['pass', 'attested', 'waived', 'not-applicable'].includes(
          before.results.find(b => b.controlId === r.controlId)!.status,
        ),
      )
      .map(r => r.controlId);
    expect(diff.regressions.map(r => r.controlId)).toEqual(expected);
    expect(diff.regressions.length).toBeGreaterThan(0);
  });

  it('reports improvements and no regression the other way round', () => {
    const diff = diffPosture(
      asRecord('fail-insecure'),
      evaluateFixture('pass-hardened'),
    );
    expect(diff.gradeRegressed).toBe(false);
    expect(diff.improvements.length).toBeGreaterThan(0);
  });

  it('finds nothing between identical evaluations', () => {
    const diff = diffPosture(
      asRecord('fail-drift'),
      evaluateFixture('fail-drift'),
    );
    expect(diff).toMatchObject({
      gradeRegressed: false,
      regressions: [],
      improvements: [],
    });
  });
});
