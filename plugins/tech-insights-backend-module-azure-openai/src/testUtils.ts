import type {
  ControlResult,
  EntityPosture,
  Grade,
  Severity,
} from '@pavedai/plugin-azure-openai-common';

const failing = (controlId: string, severity: Severity): ControlResult =>
  ({
    controlId,
    severity,
    status: 'fail',
  } as ControlResult);
const passing = (controlId: string, severity: Severity): ControlResult =>
  ({
    controlId,
    severity,
    status: 'pass',
  } as ControlResult);

/** An account posture as the audit API returns it (only the fields the retriever reads). */
function account(
  name: string,
  grade: Grade,
  evaluatedAt: string,
  results: ControlResult[],
): EntityPosture['accounts'][number] {
  return {
    account: { name } as EntityPosture['accounts'][number]['account'],
    linkedBy: [],
    posture: {
      grade,
      evaluatedAt,
      results,
    } as unknown as EntityPosture['accounts'][number]['posture'],
  };
}

/** A component with two accounts: one graded D with a failing critical and two failing high controls. */
export const CHECKOUT_POSTURE: EntityPosture = {
  entityRef: 'component:default/checkout',
  aggregate: {
    grade: 'D',
    score: 61.5,
  } as EntityPosture['aggregate'],
  accounts: [
    account('aoai-bad', 'D', '2026-11-28T10:00:00.000Z', [
      failing('AOAI-NET-002', 'critical'),
      failing('AOAI-IAM-001', 'high'),
      failing('AOAI-LOG-001', 'high'),
      failing('AOAI-GOV-003', 'medium'),
      passing('AOAI-NET-001', 'critical'),
    ]),
    account('aoai-good', 'A', '2026-11-28T11:30:00.000Z', [
      passing('AOAI-NET-002', 'critical'),
      failing('AOAI-DATA-002', 'low'),
    ]),
  ],
  unscanned: [],
};

/** A resource whose only account is hardened. */
export const RESOURCE_POSTURE: EntityPosture = {
  entityRef: 'resource:default/aoai-good',
  aggregate: { grade: 'A', score: 100 } as EntityPosture['aggregate'],
  accounts: [
    account('aoai-good', 'A', '2026-11-28T11:30:00.000Z', [
      passing('AOAI-NET-002', 'critical'),
    ]),
  ],
  unscanned: [],
};

/** A component that uses no Azure OpenAI account. */
export const NO_ACCOUNTS_POSTURE: EntityPosture = {
  entityRef: 'component:default/docs-site',
  accounts: [],
  unscanned: [],
};
