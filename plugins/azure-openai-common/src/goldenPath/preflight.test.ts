import { preflight } from './preflight';
import { NOW, testPolicy, validInputs } from '../__fixtures__/goldenPath';

const [chat] = validInputs().deployments;

describe('preflight', () => {
  it('evaluates the desired state with subscription evidence not collected', () => {
    const result = preflight(validInputs(), testPolicy, { now: NOW });
    expect(result.ok).toBe(true);
    expect(result.evidence.account.locks?.state).toBe('present');
    expect(result.evidence.account.models).toEqual({
      state: 'absent',
      reason: 'not-collected',
    });
    expect(result.evidence.subscription?.defenderPricing).toEqual({
      state: 'absent',
      reason: 'not-collected',
    });
    expect(result.evaluation.evaluatedAt).toBe(NOW.toISOString());
  });

  it('blocks a weak content filter profile and names the input', () => {
    const result = preflight(
      validInputs({ contentFilterProfile: 'lenient' }),
      {
        ...testPolicy,
        contentFilterProfiles: {
          ...testPolicy.contentFilterProfiles,
          lenient: { severityThreshold: 'High' },
        },
      },
      { now: NOW },
    );
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.blocking).toEqual([
      expect.objectContaining({
        controlId: 'AOAI-DATA-002',
        title: 'Harm filters block at Medium or stricter on every deployment',
        inputs: ['contentFilterProfile'],
      }),
    ]);
    expect(result.blocking[0].message).toContain('needs Medium or Low');
  });

  it('blocks a capacity above the cap and names the deployment field', () => {
    const result = preflight(
      validInputs({ deployments: [{ ...chat, capacity: 500 }] }),
      testPolicy,
      { now: NOW },
    );
    expect(result.ok).toBe(false);
    expect(result.problems.map(p => p.field)).toEqual([
      'deployments[0].capacity',
    ]);
    expect(result.blocking).toEqual([
      expect.objectContaining({
        controlId: 'AOAI-SVC-004',
        inputs: ['deployments[0].capacity'],
      }),
    ]);
  });

  it('blocks a region outside the policy', () => {
    const result = preflight(
      validInputs({
        region: 'brazilsouth',
        deployments: [{ ...chat, sku: 'Standard', capacity: 10 }],
      }),
      testPolicy,
      { now: NOW },
    );
    expect(result.blocking.map(b => [b.controlId, b.inputs])).toEqual([
      ['AOAI-GOV-005', ['region']],
    ]);
  });

  it('blocks a missing key when CMK is required', () => {
    const result = preflight(
      validInputs({ customerManagedKey: undefined }),
      testPolicy,
      { now: NOW },
    );
    expect(result.blocking.map(b => [b.controlId, b.inputs])).toEqual([
      ['AOAI-DATA-001', ['customerManagedKey']],
    ]);
  });

  it('blocks when the platform config lacks the workspace, subnet and DNS zone', () => {
    const result = preflight(
      validInputs(),
      {
        ...testPolicy,
        logAnalyticsWorkspaceId: undefined,
        privateDnsZoneIds: [],
      },
      { now: NOW },
    );
    expect(result.blocking.map(b => [b.controlId, b.inputs])).toEqual([
      ['AOAI-NET-005', ['policy.privateDnsZoneIds']],
      ['AOAI-LOG-001', ['policy.logAnalyticsWorkspaceId']],
    ]);
  });

  it('blocks a consumer role broader than OpenAI User', () => {
    const result = preflight(
      validInputs(),
      {
        ...testPolicy,
        consumerRoleDefinitionId: 'a001fd3d-188f-4b5d-821b-7da978bf7442',
      },
      { now: NOW },
    );
    expect(result.blocking.map(b => b.controlId)).toEqual(['AOAI-IAM-005']);
    expect(result.blocking[0].inputs).toEqual([
      'consumerPrincipalIds',
      'policy.consumerRoleDefinitionId',
    ]);
  });

  it('uses the policy list of required controls, including controls it cannot evaluate', () => {
    const result = preflight(
      validInputs(),
      {
        ...testPolicy,
        requiredControls: ['AOAI-NET-002', 'AOAI-LOG-004', 'AOAI-NOPE-001'],
      },
      { now: NOW },
    );
    expect(result.requiredControls).toEqual([
      'AOAI-NET-002',
      'AOAI-LOG-004',
      'AOAI-NOPE-001',
    ]);
    expect(result.blocking.map(b => [b.controlId, b.inputs])).toEqual([
      ['AOAI-LOG-004', []],
      ['AOAI-NOPE-001', ['policy.requiredControls']],
    ]);
  });

  it('does not block on controls the policy disables', () => {
    const result = preflight(
      validInputs({ customerManagedKey: undefined }),
      {
        ...testPolicy,
        requireCustomerManagedKeys: false,
        disabledControls: ['AOAI-GOV-005'],
      },
      { now: NOW },
    );
    expect(result.ok).toBe(true);
  });
});
