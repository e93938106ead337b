import type { ControlResult, ControlStatus, Severity } from '../types';
import { aggregateScores, gradeForScore, scoreResults } from './scoring';

function r(severity: Severity, status: ControlStatus, i = 0): ControlResult {
  return {
    controlId: `X-${i}`,
    area: 'network',
    severity,
    status,
    evidenceStatus:
      status === 'waived' || status === 'attested'
        ? 'fail'
        : (status as ControlResult['evidenceStatus']),
    message: '',
    evidence: [],
    remediation: { portal: [], cli: '', bicep: '' },
  };
}

describe('scoreResults waivedScoring', () => {
  const results = [
    r('critical', 'waived', 1),
    r('high', 'pass', 2),
    r('medium', 'fail', 3),
  ];

  it('leaves waived results out by default and with excluded', () => {
    for (const s of [
      scoreResults(results),
      scoreResults(results, { waivedScoring: 'excluded' }),
    ]) {
      // earned 5 of 5 + 3
      expect(s).toMatchObject({
        earnedWeight: 5,
        scoredWeight: 8,
        score: 62.5,
      });
      expect(s.capped).toBe(false);
    }
  });

  it('counts waived results as earned with pass', () => {
    const s = scoreResults(results, { waivedScoring: 'pass' });
    expect(s).toMatchObject({
      earnedWeight: 15,
      scoredWeight: 18,
      score: 83.3,
    });
    expect(s.grade).toBe('B');
    expect(s.counts.waived).toBe(1);
  });

  it('counts waived results against the score with fail, critical cap included', () => {
    const s = scoreResults(
      [
        r('critical', 'waived', 1),
        ...Array.from({ length: 10 }, (_, i) => r('critical', 'pass', i + 2)),
      ],
      { waivedScoring: 'fail' },
    );
    // 100 of 110 is an A, capped at D by the waived critical failure
    expect(s).toMatchObject({
      earnedWeight: 100,
      scoredWeight: 110,
      grade: 'D',
      capped: true,
    });
    expect(s.counts.waived).toBe(1);
    // a waived unknown (not a failure) counts against the score but does not cap
    const unknown = {
      ...r('critical', 'waived', 1),
      evidenceStatus: 'unknown' as const,
    };
    expect(
      scoreResults(
        [
          unknown,
          ...Array.from({ length: 10 }, (_, i) => r('critical', 'pass', i + 2)),
        ],
        {
          waivedScoring: 'fail',
        },
      ),
    ).toMatchObject({ scoredWeight: 110, grade: 'A', capped: false });
  });
});

describe('scoreResults', () => {
  it('weights severities 10/5/3/1', () => {
    // earned: high 5 + low 1 = 6; scored: 10 + 5 + 3 + 1 = 19 -> 31.6
    const s = scoreResults([
      r('critical', 'unknown'),
      r('high', 'pass'),
      r('medium', 'fail'),
      r('low', 'pass'),
    ]);
    expect(s).toMatchObject({
      earnedWeight: 6,
      scoredWeight: 19,
      score: 31.6,
      grade: 'F',
    });
  });

  it('never counts unknown as pass, and leaves attestation-required out of the score', () => {
    expect(scoreResults([r('high', 'pass'), r('high', 'unknown')]).score).toBe(
      50,
    );
    const waiting = scoreResults([
      r('high', 'pass'),
      r('critical', 'attestation-required'),
    ]);
    expect(waiting).toMatchObject({ score: 100, scoredWeight: 5 });
    expect(waiting.counts['attestation-required']).toBe(1);
    expect(
      scoreResults([r('high', 'fail'), r('high', 'attestation-required')]),
    ).toMatchObject({ score: 0, scoredWeight: 5, grade: 'F' });
  });

  it('counts attested as earned and leaves not-applicable and waived out', () => {
    const s = scoreResults([
      r('high', 'attested'),
      r('high', 'not-applicable'),
      r('critical', 'waived'),
      r('low', 'fail'),
    ]);
    expect(s).toMatchObject({
      earnedWeight: 5,
      scoredWeight: 6,
      score: 83.3,
      grade: 'B',
    });
    expect(s.counts).toMatchObject({
      attested: 1,
      'not-applicable': 1,
      waived: 1,
      fail: 1,
      pass: 0,
    });
  });

  it('scores 100 (A) when nothing is scored', () => {
    expect(scoreResults([])).toMatchObject({
      score: 100,
      grade: 'A',
      scoredWeight: 0,
    });
    expect(scoreResults([r('high', 'not-applicable')])).toMatchObject({
      score: 100,
      grade: 'A',
    });
  });

  it('uses inclusive grade thresholds', () => {
    expect(
      [90, 89.9, 80, 79.9, 70, 69.9, 60, 59.9, 0].map(gradeForScore),
    ).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D', 'F', 'F']);
  });

  it('caps the grade at D when a critical control fails, however high the score', () => {
    const results = [
      r('critical', 'fail'),
      ...Array.from({ length: 30 }, (_, i) => r('critical', 'pass', i)),
    ];
    const s = scoreResults(results);
    expect(s.score).toBe(96.8);
    expect(s).toMatchObject({ grade: 'D', capped: true });
  });

  it('does not raise a grade that is already worse than the cap', () => {
    const s = scoreResults([r('critical', 'fail'), r('low', 'pass')]);
    expect(s).toMatchObject({ grade: 'F', capped: false });
  });

  it('does not cap for a failing high control or an unknown or waived critical one', () => {
    const many = Array.from({ length: 30 }, (_, i) => r('critical', 'pass', i));
    expect(scoreResults([...many, r('high', 'fail')]).grade).toBe('A');
    expect(scoreResults([...many, r('critical', 'unknown')]).grade).toBe('A');
    expect(scoreResults([...many, r('critical', 'waived')])).toMatchObject({
      grade: 'A',
      capped: false,
    });
  });
});

describe('aggregateScores', () => {
  it('returns undefined for no accounts', () => {
    expect(aggregateScores([])).toBeUndefined();
  });

  it('pools weights and takes the worst grade', () => {
    const good = scoreResults(
      Array.from({ length: 9 }, (_, i) => r('high', 'pass', i)).concat(
        r('low', 'fail'),
      ),
    );
    const capped = scoreResults([
      r('critical', 'fail'),
      ...Array.from({ length: 30 }, (_, i) => r('critical', 'pass', i)),
    ]);
    const agg = aggregateScores([good, capped])!;
    expect(good.grade).toBe('A');
    expect(agg.grade).toBe('D');
    expect(agg.capped).toBe(true);
    expect(agg.worstAccountIndex).toBe(1);
    expect(agg.accountCount).toBe(2);
    // (45 + 300) / (46 + 310)
    expect(agg.score).toBe(96.9);
    expect(agg.counts.pass).toBe(39);
  });

  it('breaks grade ties by the lower score', () => {
    const a = scoreResults([
      r('high', 'pass'),
      r('high', 'pass'),
      r('high', 'pass'),
      r('high', 'pass'),
      r('high', 'fail'),
    ]);
    const b = scoreResults([
      r('high', 'fail'),
      r('high', 'fail'),
      r('high', 'pass'),
    ]);
    const c = scoreResults([
      r('high', 'fail'),
      r('high', 'fail'),
      r('high', 'fail'),
      r('high', 'pass'),
    ]);
    expect([a.grade, b.grade, c.grade]).toEqual(['B', 'F', 'F']);
    expect(aggregateScores([a, b, c])!.worstAccountIndex).toBe(2);
  });
});
