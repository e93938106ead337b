import fc from 'fast-check';
import { evaluateAccount } from './evaluate';
import { scoreResults } from './scoring';
import { listControls } from '../catalog/catalog';
import {
  FIXTURE_NOW,
  fixturePolicy,
  loadFixture,
} from '../__fixtures__/fixtures';
import type {
  ControlResult,
  ControlStatus,
  EvaluationContext,
  Severity,
} from '../types';
import { ACCOUNT_EVIDENCE_KEYS, SUBSCRIPTION_EVIDENCE_KEYS } from '../evidence';
import type { EvaluationInput } from '../evidence';

const STATUSES: ControlStatus[] = [
  'pass',
  'fail',
  'unknown',
  'not-applicable',
  'waived',
  'attested',
  'attestation-required',
];
const hardened = loadFixture('pass-hardened');
const CONTROL_COUNT = listControls().length;
const context: EvaluationContext = {
  policy: fixturePolicy(hardened),
  now: FIXTURE_NOW,
};

const evidenceArb = fc.oneof(
  fc.record({ state: fc.constant('present'), value: fc.jsonValue() }),
  fc.record({
    state: fc.constant('absent'),
    reason: fc.constantFrom(
      'forbidden',
      'not-found',
      'timeout',
      'error',
      'not-collected',
      'bogus',
    ),
  }),
  fc.anything(),
);

const inputArb: fc.Arbitrary<EvaluationInput> = fc.record({
  account: fc.dictionary(
    fc.constantFrom(...ACCOUNT_EVIDENCE_KEYS),
    evidenceArb,
  ),
  subscription: fc.dictionary(
    fc.constantFrom(...SUBSCRIPTION_EVIDENCE_KEYS),
    evidenceArb,
  ),
}) as fc.Arbitrary<EvaluationInput>;

/** Sets `value` at a random existing path of a JSON document (deep copy). */
function mutate(doc: unknown, pathIndex: number, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, p: (string | number)[]) => {
    if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        const next = [...p, Array.isArray(node) ? Number(k) : k];
        paths.push(next);
        walk(v, next);
      }
    }
  };
  walk(copy, []);
  const target = paths[pathIndex % paths.length];
  let node = copy;
  for (const key of target.slice(0, -1)) node = node[key];
  node[target[target.length - 1]] = value;
  return copy;
}

describe('evaluateAccount properties', () => {
  it('never throws on arbitrary evidence and always returns a status for every control', () => {
    fc.assert(
      fc.property(inputArb, input => {
        const e = evaluateAccount(input, context);
        expect(e.results.length).toBe(CONTROL_COUNT);
        for (const r of e.results) {
          expect(STATUSES).toContain(r.status);
          expect(typeof r.message).toBe('string');
          // controls handle bad JSON themselves; the engine's exception guard is a last resort
          expect(r.message).not.toContain('unexpected evidence shape (');
        }
        expect(e.score.score).toBeGreaterThanOrEqual(0);
        expect(e.score.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws when any field of a real ARM document is replaced by arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue(), (index, value) => {
        const input = mutate(hardened.input, index, value) as EvaluationInput;
        const e = evaluateAccount(input, context);
        expect(e.results).toHaveLength(CONTROL_COUNT);
        for (const r of e.results)
          expect(r.message).not.toContain('unexpected evidence shape (');
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: same input, same output, including on a deep copy', () => {
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue(), (index, value) => {
        const input = mutate(hardened.input, index, value) as EvaluationInput;
        const first = evaluateAccount(input, context);
        // structuredClone, not a JSON round trip: JSON turns -0 into 0, and the results echo
        // the observed values (toEqual tells -0 from 0).
        const second = evaluateAccount(structuredClone(input), context);
        expect(second).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('is forward-compatible: unknown fields added anywhere do not change any status', () => {
    const baseline = evaluateAccount(hardened.input, context).results.map(
      r => r.status,
    );
    fc.assert(
      fc.property(
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.jsonValue(),
        (index, key, value) => {
          const copy = JSON.parse(JSON.stringify(hardened.input));
          const objects: Record<string, unknown>[] = [];
          const walk = (node: unknown) => {
            if (node !== null && typeof node === 'object') {
              if (!Array.isArray(node))
                objects.push(node as Record<string, unknown>);
              Object.values(node).forEach(walk);
            }
          };
          walk(copy.account);
          walk(copy.subscription);
          const target = objects[index % objects.length];
          if ('state' in target) return; // the evidence wrapper itself, not ARM JSON
          target[`futureField_${key}`] = value;
          expect(
            evaluateAccount(copy, context).results.map(r => r.status),
          ).toEqual(baseline);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('scoring properties', () => {
  const resultArb = fc.record({
    severity: fc.constantFrom<Severity>('critical', 'high', 'medium', 'low'),
    status: fc.constantFrom(...STATUSES),
  });
  const toResults = (
    items: { severity: Severity; status: ControlStatus }[],
  ): ControlResult[] =>
    items.map((item, i) => ({
      controlId: `P-${i}`,
      area: 'data',
      severity: item.severity,
      status: item.status,
      evidenceStatus: 'fail',
      message: '',
      evidence: [],
      remediation: { portal: [], cli: '', bicep: '' },
    }));

  it('never scores an unknown higher than a pass', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 60 }), items => {
        const asUnknown = scoreResults(
          toResults(
            items.map(i =>
              i.status === 'pass' ? { ...i, status: 'unknown' as const } : i,
            ),
          ),
        );
        const actual = scoreResults(toResults(items));
        expect(asUnknown.score).toBeLessThanOrEqual(actual.score);
      }),
    );
  });

  it('never grades better than D while a critical control fails', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 60 }), items => {
        const s = scoreResults(
          toResults([...items, { severity: 'critical', status: 'fail' }]),
        );
        expect(['D', 'F']).toContain(s.grade);
      }),
    );
  });

  it('keeps the score within 0..100 and the counts equal to the number of results', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 60 }), items => {
        const s = scoreResults(toResults(items));
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBe(
          items.length,
        );
      }),
    );
  });
});
