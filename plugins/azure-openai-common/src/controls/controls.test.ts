import { evaluateAccount } from '../engine/evaluate';
import { listControls } from '../catalog/catalog';
import type { ControlStatus } from '../types';
import {
  FIXTURE_NOW,
  fixtureNames,
  fixturePolicy,
  loadFixture,
} from '../__fixtures__/fixtures';

type Expected = Partial<Record<ControlStatus, string[]>>;

const ATTESTATION_ONLY = [
  'AOAI-IAM-006',
  'AOAI-GOV-003',
  'AOAI-GOV-004',
  'AOAI-BCDR-002',
  'AOAI-BCDR-004',
  'AOAI-BCDR-006',
  'AOAI-SVC-002',
];

function allExcept(excluded: string[]): string[] {
  return listControls()
    .map(c => c.id)
    .filter(id => !excluded.includes(id));
}

/**
 * Exact result sets per fixture, as PSRule and Checkov do: every control id appears under exactly
 * one status.
 */
const EXPECTED: Record<string, Expected> = {
  'pass-hardened': {
    'attestation-required': [...ATTESTATION_ONLY, 'AOAI-DATA-005'],
    'not-applicable': ['AOAI-IAM-007', 'AOAI-BCDR-003'],
    pass: allExcept([
      ...ATTESTATION_ONLY,
      'AOAI-DATA-005',
      'AOAI-IAM-007',
      'AOAI-BCDR-003',
    ]),
  },
  'fail-insecure': {
    'attestation-required': [
      ...ATTESTATION_ONLY,
      'AOAI-IAM-007',
      'AOAI-DATA-005',
      'AOAI-GOV-002',
      'AOAI-BCDR-003',
    ],
    'not-applicable': ['AOAI-NET-005'],
    fail: allExcept([
      ...ATTESTATION_ONLY,
      'AOAI-IAM-007',
      'AOAI-DATA-005',
      'AOAI-GOV-002',
      'AOAI-BCDR-003',
      'AOAI-NET-005',
    ]),
  },
  'fail-drift': {
    'attestation-required': [...ATTESTATION_ONLY, 'AOAI-DATA-005'],
    'not-applicable': ['AOAI-IAM-007', 'AOAI-BCDR-003'],
    fail: [
      'AOAI-NET-003',
      'AOAI-NET-005',
      'AOAI-NET-006',
      'AOAI-IAM-004',
      'AOAI-DATA-003',
      'AOAI-LOG-004',
      'AOAI-GOV-001',
      'AOAI-GOV-008',
      'AOAI-BCDR-008',
      'AOAI-SVC-004',
      'AOAI-SVC-006',
    ],
    pass: [
      'AOAI-NET-001',
      'AOAI-NET-002',
      'AOAI-NET-004',
      'AOAI-IAM-001',
      'AOAI-IAM-002',
      'AOAI-IAM-003',
      'AOAI-IAM-005',
      'AOAI-DATA-001',
      'AOAI-DATA-002',
      'AOAI-DATA-004',
      'AOAI-LOG-001',
      'AOAI-LOG-002',
      'AOAI-LOG-003',
      'AOAI-LOG-005',
      'AOAI-LOG-006',
      'AOAI-LOG-007',
      'AOAI-GOV-002',
      'AOAI-GOV-005',
      'AOAI-GOV-006',
      'AOAI-GOV-007',
      'AOAI-BCDR-001',
      'AOAI-BCDR-005',
      'AOAI-BCDR-007',
      'AOAI-BCDR-009',
      'AOAI-SVC-001',
      'AOAI-SVC-003',
      'AOAI-SVC-005',
    ],
  },
  'unknown-forbidden': {
    'attestation-required': ATTESTATION_ONLY,
    unknown: allExcept(ATTESTATION_ONLY),
  },
  'unknown-malformed': {
    'attestation-required': ATTESTATION_ONLY,
    unknown: allExcept(ATTESTATION_ONLY),
  },
  'unknown-system-policy': {
    'attestation-required': [...ATTESTATION_ONLY, 'AOAI-DATA-005'],
    'not-applicable': ['AOAI-IAM-007', 'AOAI-BCDR-003'],
    pass: [
      'AOAI-NET-001',
      'AOAI-NET-002',
      'AOAI-NET-004',
      'AOAI-NET-006',
      'AOAI-IAM-001',
      'AOAI-IAM-002',
      'AOAI-IAM-003',
      'AOAI-DATA-001',
      'AOAI-DATA-003',
      'AOAI-LOG-005',
      'AOAI-GOV-005',
      'AOAI-GOV-006',
      'AOAI-GOV-007',
      'AOAI-GOV-008',
      'AOAI-BCDR-007',
      'AOAI-SVC-004',
      'AOAI-SVC-005',
    ],
    unknown: [
      'AOAI-NET-003',
      'AOAI-NET-005',
      'AOAI-IAM-004',
      'AOAI-IAM-005',
      'AOAI-DATA-002',
      'AOAI-DATA-004',
      'AOAI-LOG-001',
      'AOAI-LOG-002',
      'AOAI-LOG-003',
      'AOAI-LOG-004',
      'AOAI-LOG-006',
      'AOAI-LOG-007',
      'AOAI-GOV-001',
      'AOAI-GOV-002',
      'AOAI-BCDR-001',
      'AOAI-BCDR-005',
      'AOAI-BCDR-008',
      'AOAI-BCDR-009',
      'AOAI-SVC-001',
      'AOAI-SVC-003',
      'AOAI-SVC-006',
    ],
  },
  'na-minimal': {
    'attestation-required': ATTESTATION_ONLY,
    'not-applicable': [
      'AOAI-NET-003',
      'AOAI-NET-005',
      'AOAI-NET-006',
      'AOAI-IAM-005',
      'AOAI-IAM-007',
      'AOAI-DATA-001',
      'AOAI-DATA-002',
      'AOAI-DATA-004',
      'AOAI-DATA-005',
      'AOAI-GOV-001',
      'AOAI-GOV-005',
      'AOAI-GOV-006',
      'AOAI-GOV-007',
      'AOAI-GOV-008',
      'AOAI-BCDR-001',
      'AOAI-BCDR-003',
      'AOAI-BCDR-007',
      'AOAI-BCDR-008',
      'AOAI-SVC-001',
      'AOAI-SVC-003',
      'AOAI-SVC-004',
      'AOAI-SVC-006',
    ],
    fail: ['AOAI-NET-001'],
    pass: [
      'AOAI-NET-002',
      'AOAI-NET-004',
      'AOAI-IAM-001',
      'AOAI-IAM-002',
      'AOAI-IAM-003',
      'AOAI-IAM-004',
      'AOAI-DATA-003',
      'AOAI-LOG-001',
      'AOAI-LOG-002',
      'AOAI-LOG-003',
      'AOAI-LOG-004',
      'AOAI-LOG-005',
      'AOAI-LOG-006',
      'AOAI-LOG-007',
      'AOAI-GOV-002',
      'AOAI-BCDR-005',
      'AOAI-BCDR-009',
      'AOAI-SVC-005',
    ],
  },
};

function grouped(fixtureName: string): Expected {
  const fixture = loadFixture(fixtureName);
  const evaluation = evaluateAccount(fixture.input, {
    policy: fixturePolicy(fixture),
    now: FIXTURE_NOW,
  });
  const out: Expected = {};
  for (const r of evaluation.results) {
    (out[r.status] ??= []).push(r.controlId);
  }
  for (const key of Object.keys(out) as ControlStatus[]) out[key]!.sort();
  return out;
}

function normalise(expected: Expected): Expected {
  const out: Expected = {};
  for (const [status, ids] of Object.entries(expected) as [
    ControlStatus,
    string[],
  ][]) {
    if (ids.length > 0) out[status] = [...ids].sort();
  }
  return out;
}

describe('control fixtures (exact result sets)', () => {
  it('has an expectation for every fixture file and a file for every expectation', () => {
    expect(fixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lists every control exactly once per fixture', () => {
    const ids = listControls()
      .map(c => c.id)
      .sort();
    for (const expected of Object.values(EXPECTED)) {
      expect(Object.values(expected).flat().sort()).toEqual(ids);
    }
  });

  it.each(Object.keys(EXPECTED))('%s', name => {
    expect(grouped(name)).toEqual(normalise(EXPECTED[name]));
  });

  it('exercises every automated control with pass, fail and unknown fixtures, every partial one with unknown, and not-applicable wherever a control documents it', () => {
    const seen = new Map<string, Set<ControlStatus>>();
    for (const name of Object.keys(EXPECTED)) {
      for (const [status, ids] of Object.entries(grouped(name)) as [
        ControlStatus,
        string[],
      ][]) {
        for (const id of ids)
          seen.set(id, (seen.get(id) ?? new Set()).add(status));
      }
    }
    const gaps: string[] = [];
    for (const control of listControls()) {
      if (control.kind === 'attestation') continue;
      const statuses = seen.get(control.id) ?? new Set();
      const wanted: ControlStatus[] =
        control.kind === 'automated'
          ? ['pass', 'fail', 'unknown']
          : ['unknown'];
      if (/not applicable/i.test(control.passCondition)) {
        wanted.push('not-applicable');
      }
      for (const s of wanted)
        if (!statuses.has(s)) gaps.push(`${control.id} never ${s}`);
    }
    expect(gaps).toEqual([]);
  });
});
