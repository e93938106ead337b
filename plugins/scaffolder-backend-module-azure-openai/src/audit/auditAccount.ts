import {
  evaluateAccount,
  getControl,
  type AccountEvaluation,
  type GoldenPathPolicy,
  type Severity,
} from '@pavedai/plugin-azure-openai-common';
import type { EvidenceCollector } from '@pavedai/plugin-azure-openai-node';

/** A control that did not pass, as action outputs carry it. */
export interface FailingControl {
  id: string;
  title: string;
  severity: Severity;
  status: string;
  message: string;
}

/** The posture of one account, read now from ARM and evaluated with the control catalog. */
export interface AccountAudit {
  evaluation: AccountEvaluation;
  grade: string;
  score: number;
  /** Controls that fail or whose evidence could not be read (`unknown`). */
  failing: FailingControl[];
}

/**
 * Collects the account's evidence (and its subscription's) with the same collector the audit
 * plugin uses, and evaluates it with the same engine and policy, so the grade here is the grade
 * the entity page shows after the next scan.
 */
export async function auditAccount(options: {
  collector: EvidenceCollector;
  accountId: string;
  policy: GoldenPathPolicy;
  now: Date;
  signal?: AbortSignal;
}): Promise<AccountAudit> {
  const { collector, accountId, policy, now, signal } = options;
  const account = await collector.collectAccount(accountId, { signal });
  const subscriptionId = accountId.split('/')[2];
  const subscription = await collector.collectSubscription(subscriptionId, {
    signal,
  });
  const evaluation = evaluateAccount(
    { account, subscription },
    { policy, now },
  );
  const failing = evaluation.results
    .filter(r => r.status === 'fail' || r.status === 'unknown')
    .map(r => ({
      id: r.controlId,
      title: getControl(r.controlId)?.title ?? r.controlId,
      severity: r.severity,
      status: r.status,
      message: r.message,
    }));
  return {
    evaluation,
    grade: evaluation.score.grade,
    score: evaluation.score.score,
    failing,
  };
}
