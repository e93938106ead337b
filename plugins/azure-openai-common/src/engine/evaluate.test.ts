/* eslint-disable @typescript-eslint/no-explicit-any */
import { evaluateAccount } from './evaluate';
import {
  FIXTURE_NOW,
  fixturePolicy,
  loadFixture,
} from '../__fixtures__/fixtures';
import type { Attestation, EvaluationContext, Waiver } from '../types';
import { listControls } from '../catalog/catalog';

const hardened = loadFixture('pass-hardened');
const insecure = loadFixture('fail-insecure');
const ACCOUNT_ID = (hardened.input.account.account as { value: { id: string } })
  .value.id;
const INSECURE_ID = (
  insecure.input.account.account as { value: { id: string } }
).value.id;

function run(fixture = hardened, extra: Partial<EvaluationContext> = {}) {
  return evaluateAccount(fixture.input, {
    policy: fixturePolicy(fixture),
    now: FIXTURE_NOW,
    ...extra,
  });
}
function result(evaluation: ReturnType<typeof run>, id: string) {
  return evaluation.results.find(r => r.controlId === id)!;
}

const attestation: Attestation = {
  controlId: 'AOAI-BCDR-004',
  resourceId: ACCOUNT_ID.toUpperCase(),
  author: 'jane.doe@example.com',
  evidenceUrl: 'https://wiki.example.com/dr-test-2026-10',
  statement: 'Failover to swedencentral tested on 2026-10-02, RTO 14 minutes.',
  expiresAt: '2027-10-01T00:00:00Z',
};

const waiver: Waiver = {
  controlId: 'AOAI-NET-002',
  resourceId: INSECURE_ID,
  reason: 'Sandbox reachable from the office until the VPN migration completes',
  approvedBy: 'security@example.com',
  expiresAt: '2026-12-31T00:00:00Z',
};

describe('evaluateAccount', () => {
  it('returns one result per control in catalog order with the account id and time', () => {
    const e = run();
    expect(e.results.map(r => r.controlId)).toEqual(
      listControls().map(c => c.id),
    );
    expect(e.resourceId).toBe(ACCOUNT_ID);
    expect(e.evaluatedAt).toBe('2026-11-28T12:00:00.000Z');
  });

  it('reports the evidence read, with JSON path, observed and expected values', () => {
    const r = result(run(insecure), 'AOAI-NET-002');
    expect(r).toMatchObject({
      status: 'fail',
      severity: 'critical',
      evidence: [
        {
          path: 'account:properties.publicNetworkAccess',
          observed: 'Enabled',
          expected: 'Disabled',
        },
      ],
    });
    expect(r.remediation.cli).toContain('--public-network-access Disabled');
  });

  it('shows the content filters it judged, per deployment', () => {
    const r = result(run(insecure), 'AOAI-DATA-002');
    expect(r.evidence[0]).toEqual({
      path: 'deployments[chat] -> raiPolicies[permissive].properties.contentFilters[name in Hate, Sexual, Violence, Selfharm]',
      observed: expect.arrayContaining([
        {
          name: 'Hate',
          enabled: true,
          blocking: true,
          source: 'Completion',
          severityThreshold: 'High',
        },
      ]),
      expected: expect.stringContaining(
        'Hate/Completion threshold is High (needs Medium or Low)',
      ),
    });
    expect((r.evidence[0].observed as unknown[]).length).toBe(7);
  });

  it('grades the insecure fixture F and the hardened one A while its manual controls wait for attestation', () => {
    expect(run(insecure).score.grade).toBe('F');
    const before = run();
    expect(before.score).toMatchObject({
      score: 100,
      grade: 'A',
      capped: false,
    });
    const manual = before.results
      .filter(r => r.status === 'attestation-required')
      .map(r => r.controlId);
    expect(manual).toHaveLength(8);
    expect(before.score.counts['attestation-required']).toBe(8);
    const after = run(hardened, {
      attestations: manual.map(controlId => ({ ...attestation, controlId })),
    });
    expect(after.score).toMatchObject({ score: 100, grade: 'A' });
    expect(after.score.counts.attested).toBe(8);
    expect(after.score.counts['attestation-required']).toBe(0);
    // Attested controls are scored (as passes); controls waiting for a statement are not.
    expect(after.score.scoredWeight).toBeGreaterThan(before.score.scoredWeight);
  });

  it('turns attestation-required into attested with a valid attestation (ids compared case-insensitively)', () => {
    const r = result(
      run(hardened, { attestations: [attestation] }),
      'AOAI-BCDR-004',
    );
    expect(r).toMatchObject({
      status: 'attested',
      evidenceStatus: 'attestation-required',
      attestation,
    });
    expect(r.message).toContain('jane.doe@example.com');
  });

  it('ignores expired, incomplete and foreign attestations', () => {
    const variants: Attestation[] = [
      { ...attestation, expiresAt: '2026-11-28T12:00:00Z' },
      { ...attestation, expiresAt: 'not a date' },
      { ...attestation, evidenceUrl: '' },
      { ...attestation, author: '' },
      { ...attestation, resourceId: INSECURE_ID },
      { ...attestation, controlId: 'AOAI-BCDR-002' },
    ];
    for (const a of variants) {
      expect(
        result(run(hardened, { attestations: [a] }), 'AOAI-BCDR-004').status,
      ).toBe('attestation-required');
    }
  });

  it('does not let an attestation override a failing automated control', () => {
    const r = result(
      run(insecure, {
        attestations: [
          { ...attestation, controlId: 'AOAI-NET-002', resourceId: '*' },
        ],
      }),
      'AOAI-NET-002',
    );
    expect(r.status).toBe('fail');
  });

  it('applies an active waiver to a failing control and keeps the finding in the message', () => {
    const r = result(run(insecure, { waivers: [waiver] }), 'AOAI-NET-002');
    expect(r).toMatchObject({
      status: 'waived',
      evidenceStatus: 'fail',
      waiver,
    });
    expect(r.message).toContain('Public network access is "Enabled"');
  });

  it('ignores expired waivers and waivers for another account', () => {
    expect(
      result(
        run(insecure, {
          waivers: [{ ...waiver, expiresAt: '2026-11-01T00:00:00Z' }],
        }),
        'AOAI-NET-002',
      ).status,
    ).toBe('fail');
    expect(
      result(
        run(insecure, { waivers: [{ ...waiver, resourceId: ACCOUNT_ID }] }),
        'AOAI-NET-002',
      ).status,
    ).toBe('fail');
  });

  it('ignores waivers on non-waivable controls (catalog flag and policy list)', () => {
    const catalogFlag = result(
      run(insecure, { waivers: [{ ...waiver, controlId: 'AOAI-DATA-002' }] }),
      'AOAI-DATA-002',
    );
    expect(catalogFlag.status).toBe('fail');
    const policy = {
      ...fixturePolicy(insecure),
      nonWaivableControls: ['AOAI-NET-002'],
    };
    const byPolicy = evaluateAccount(insecure.input, {
      policy,
      now: FIXTURE_NOW,
      waivers: [waiver],
    });
    expect(result(byPolicy, 'AOAI-NET-002').status).toBe('fail');
  });

  it('waives unknown results but never passing ones', () => {
    const forbidden = loadFixture('unknown-forbidden');
    const e = evaluateAccount(forbidden.input, {
      policy: fixturePolicy(forbidden),
      now: FIXTURE_NOW,
      waivers: [{ ...waiver, resourceId: '*' }],
    });
    expect(result(e, 'AOAI-NET-002').status).toBe('waived');
    expect(
      result(
        run(hardened, { waivers: [{ ...waiver, resourceId: '*' }] }),
        'AOAI-NET-002',
      ).status,
    ).toBe('pass');
  });

  it('leaves waived controls out of the score', () => {
    const before = run(insecure).score;
    const after = run(insecure, { waivers: [waiver] }).score;
    expect(after.scoredWeight).toBe(before.scoredWeight - 10);
    expect(after.counts.waived).toBe(1);
  });

  it('counts waived controls as chosen by waivedScoring', () => {
    const without = run(insecure).score;
    const excluded = run(insecure, { waivers: [waiver] }).score;
    const pass = run(insecure, {
      waivers: [waiver],
      waivedScoring: 'pass',
    }).score;
    const fail = run(insecure, {
      waivers: [waiver],
      waivedScoring: 'fail',
    }).score;
    // AOAI-NET-002 is critical (weight 10)
    expect(pass.scoredWeight).toBe(without.scoredWeight);
    expect(pass.earnedWeight).toBe(without.earnedWeight + 10);
    expect(fail).toMatchObject({
      scoredWeight: without.scoredWeight,
      earnedWeight: without.earnedWeight,
      score: without.score,
      grade: without.grade,
    });
    expect(excluded.scoredWeight).toBe(without.scoredWeight - 10);
    for (const s of [excluded, pass, fail]) expect(s.counts.waived).toBe(1);
    // an unknown mode falls back to excluded
    expect(
      run(insecure, {
        waivers: [waiver],
        waivedScoring: 'sometimes' as any,
      }).score,
    ).toEqual(excluded);
  });

  it('reports disabled controls as not-applicable and honours controlIds', () => {
    const policy = {
      ...fixturePolicy(insecure),
      disabledControls: ['AOAI-NET-003'],
    };
    const e = evaluateAccount(insecure.input, {
      policy,
      now: FIXTURE_NOW,
      controlIds: ['AOAI-NET-002', 'AOAI-NET-003'],
    });
    expect(e.results.map(r => [r.controlId, r.status])).toEqual([
      ['AOAI-NET-002', 'fail'],
      ['AOAI-NET-003', 'not-applicable'],
    ]);
  });

  it('treats missing evidence pieces as not collected', () => {
    const e = evaluateAccount({ account: {} }, { now: FIXTURE_NOW });
    const r = result(e, 'AOAI-NET-002');
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(/not collected/);
    expect(e.score.grade).toBe('F');
  });

  it('explains why evidence is missing', () => {
    const e = evaluateAccount(
      {
        account: {
          account: {
            state: 'absent',
            reason: 'forbidden',
            detail: 'AuthorizationFailed',
          },
        },
      },
      { now: FIXTURE_NOW },
    );
    expect(result(e, 'AOAI-IAM-001').message).toBe(
      'Could not evaluate: the account is missing because the scanner was not allowed to read it (HTTP 403) (AuthorizationFailed).',
    );
  });

  it('accepts bare arrays as well as ARM list bodies', () => {
    const input = JSON.parse(JSON.stringify(hardened.input));
    input.account.locks.value = input.account.locks.value.value;
    expect(
      result(
        evaluateAccount(input, {
          policy: fixturePolicy(hardened),
          now: FIXTURE_NOW,
        }),
        'AOAI-BCDR-005',
      ).status,
    ).toBe('pass');
  });

  it.each(['pass-hardened', 'fail-drift', 'fail-insecure'])(
    'gives the same statuses for the flattened shapes Azure SDK clients return (%s)',
    name => {
      const fixture = loadFixture(name);
      const flat = (o: any) => {
        if (
          o &&
          typeof o === 'object' &&
          o.properties &&
          typeof o.properties === 'object'
        ) {
          const { properties, ...rest } = o;
          return { ...rest, ...properties };
        }
        return o;
      };
      const input = JSON.parse(JSON.stringify(fixture.input));
      const lists: [any, string][] = [
        [input.account, 'roleAssignments'],
        [input.account, 'diagnosticSettings'],
        [input.account, 'locks'],
        [input.account, 'defenderForAISettings'],
        [input.account, 'networkSecurityPerimeterConfigurations'],
        [input.account, 'privateEndpointDnsZoneGroups'],
        [input.subscription, 'activityLogDiagnosticSettings'],
        [input.subscription, 'metricAlerts'],
        [input.subscription, 'activityLogAlerts'],
        [input.subscription, 'policyAssignments'],
      ];
      for (const [owner, key] of lists) {
        const body = owner[key].value;
        body.value = body.value.map(flat);
        if (key === 'privateEndpointDnsZoneGroups') {
          for (const g of body.value)
            g.privateDnsZoneConfigs = g.privateDnsZoneConfigs.map(flat);
        }
      }
      input.subscription.defenderPricing.value = flat(
        input.subscription.defenderPricing.value,
      );
      const statuses = (i: unknown) =>
        evaluateAccount(i as any, {
          policy: fixturePolicy(fixture),
          now: FIXTURE_NOW,
        }).results.map(r => `${r.controlId}:${r.status}`);
      expect(statuses(input)).toEqual(statuses(fixture.input));
    },
  );

  it('is not fooled by prototype keys in the JSON', () => {
    const input = JSON.parse(JSON.stringify(hardened.input));
    input.account.account.value.properties = JSON.parse(
      '{"__proto__": {"publicNetworkAccess": "Disabled"}}',
    );
    expect(
      result(evaluateAccount(input, { now: FIXTURE_NOW }), 'AOAI-NET-002')
        .status,
    ).toBe('fail');
  });

  it('does not mutate its input', () => {
    const copy = JSON.parse(JSON.stringify(hardened.input));
    run(hardened, { attestations: [attestation] });
    expect(hardened.input).toEqual(copy);
  });

  it('survives an invalid date and a non-object context', () => {
    const e = evaluateAccount(hardened.input, {
      now: new Date('nope'),
      attestations: [attestation],
    });
    expect(e.evaluatedAt).toBe('');
    expect(result(e, 'AOAI-BCDR-004').status).toBe('attestation-required');
    expect(() =>
      evaluateAccount(hardened.input, null as unknown as EvaluationContext),
    ).not.toThrow();
  });
});
