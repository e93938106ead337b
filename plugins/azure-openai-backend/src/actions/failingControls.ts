import {
  getControl,
  SEVERITY_WEIGHTS,
  type AzureOpenAIAccount,
  type PostureRecord,
  type Severity,
} from '@pavedai/plugin-azure-openai-common';

/** A control that fails on one or more accounts, with what a reader needs to fix it. */
export interface FailingControl {
  controlId: string;
  title: string;
  severity: Severity;
  /** Names of the accounts where it fails, sorted. */
  accounts: string[];
  /** The evaluation's sentence for the first failing account, with the observed values. */
  message: string;
  /** Portal steps and `az` command that make it pass. */
  fix: { portal: string[]; cli: string };
}

/**
 * The controls with status `fail` over a set of account postures, one entry per control, worst
 * severity first, then the most accounts, then by id.
 */
export function collectFailingControls(
  postures: ReadonlyArray<{
    account: AzureOpenAIAccount;
    posture: PostureRecord;
  }>,
): FailingControl[] {
  const byControl = new Map<string, FailingControl>();
  for (const { account, posture } of postures) {
    for (const result of posture.results) {
      if (result.status !== 'fail') continue;
      const entry = byControl.get(result.controlId);
      if (entry) {
        if (!entry.accounts.includes(account.name)) {
          entry.accounts.push(account.name);
        }
        continue;
      }
      byControl.set(result.controlId, {
        controlId: result.controlId,
        title: getControl(result.controlId)?.title ?? result.controlId,
        severity: result.severity,
        accounts: [account.name],
        message: result.message,
        fix: {
          portal: [...result.remediation.portal],
          cli: result.remediation.cli,
        },
      });
    }
  }
  return [...byControl.values()]
    .map(c => ({ ...c, accounts: [...c.accounts].sort() }))
    .sort(
      (a, b) =>
        SEVERITY_WEIGHTS[b.severity] - SEVERITY_WEIGHTS[a.severity] ||
        b.accounts.length - a.accounts.length ||
        a.controlId.localeCompare(b.controlId),
    );
}
