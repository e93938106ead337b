import type {
  GoldenPathImpact,
  GoldenPathImpactAccount,
  GoldenPathImpactChange,
  GoldenPathImpactControlCount,
  GoldenPathImpactOwnerCount,
} from '../api';
import { getControl } from '../catalog/catalog';
import { evaluateAccount } from '../engine/evaluate';
import type { EvaluationInput } from '../evidence';
import type {
  AccountEvaluation,
  Attestation,
  ControlStatus,
  EvaluationContext,
  GoldenPathPolicy,
  Grade,
  Waiver,
} from '../types';

/** Statuses that count against an account (scored, not earned). */
const BAD: ReadonlySet<ControlStatus> = new Set([
  'fail',
  'unknown',
  'attestation-required',
]);
const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

/**
 * The stored evidence of one account, as {@link computePolicyImpact} reads it.
 *
 * @public
 */
export interface PolicyImpactEvidence {
  /** The account the evidence belongs to. */
  account: {
    /** Opaque account id. */
    id: string;
    resourceId: string;
    name: string;
    owner?: string;
    system?: string;
  };
  /** What the account's latest evaluation read. */
  input: EvaluationInput;
}

/**
 * Where {@link computePolicyImpact} reads stored evidence from: pages in ARM id order
 * (case-insensitive), `after` being the last resource id of the previous page.
 *
 * @public
 */
export interface PolicyImpactEvidenceReader {
  /** One page of stored evidence, after the resource id `after`, at most `limit` rows. */
  listEvidencePage(query: {
    after?: string;
    limit: number;
  }): Promise<PolicyImpactEvidence[]>;
  /** Accounts that have no stored evidence (reported, not evaluated). */
  countAccountsWithoutEvidence(): Promise<number>;
}

/**
 * Waivers and attestations in force, applied alike under both policies.
 *
 * @public
 */
export interface PolicyImpactGovernance {
  /** How waived controls count in the score (as in the scans). */
  waivedScoring?: EvaluationContext['waivedScoring'];
  /** The waivers and attestations that apply to an account. */
  forAccount(resourceId: string): {
    waivers?: readonly Waiver[];
    attestations?: readonly Attestation[];
  };
}

/**
 * Inputs of {@link computePolicyImpact}.
 *
 * @public
 */
export interface PolicyImpactOptions {
  /** Where the stored evidence is read from. */
  evidence: PolicyImpactEvidenceReader;
  /** The policy scans use now (with the audit's own overrides). */
  currentPolicy: GoldenPathPolicy;
  /** The candidate, with the same overrides. */
  candidatePolicy: GoldenPathPolicy;
  /** Content hash of the current policy. */
  currentPolicyVersion: string;
  /** Content hash of the candidate policy. */
  candidatePolicyVersion: string;
  /** Waivers and attestations in force; applied alike under both policies. */
  governance?: PolicyImpactGovernance;
  /** The evaluation time used for both policies. */
  now: Date;
  /** Changed accounts after this ARM id only (the `cursor` of the API). */
  after?: string;
  /** Most changed accounts to return. */
  limit: number;
  /** Called for every changed account, in ARM id order (for streamed downloads). */
  onChanged?: (account: GoldenPathImpactAccount) => Promise<void> | void;
  /** Evidence rows read per store query. */
  pageSize?: number;
}

function directionOf(
  from: ControlStatus,
  to: ControlStatus,
): GoldenPathImpactChange['direction'] {
  if (BAD.has(to) && !BAD.has(from)) return 'regression';
  if (BAD.has(from) && !BAD.has(to)) return 'improvement';
  return 'other';
}

/**
 * The controls whose status differs between two evaluations of the same evidence, in catalog
 * order.
 *
 * @public
 */
export function diffEvaluations(
  current: AccountEvaluation,
  candidate: AccountEvaluation,
): GoldenPathImpactChange[] {
  const before = new Map(current.results.map(r => [r.controlId, r.status]));
  const changes: GoldenPathImpactChange[] = [];
  for (const result of candidate.results) {
    const from = before.get(result.controlId);
    if (from === undefined || from === result.status) continue;
    changes.push({
      controlId: result.controlId,
      title: getControl(result.controlId)?.title ?? result.controlId,
      severity: result.severity,
      from,
      to: result.status,
      direction: directionOf(from, result.status),
      message: result.message,
    });
  }
  return changes;
}

function gradeChange(from: Grade, to: Grade): GoldenPathImpactAccount['grade'] {
  const delta = GRADES.indexOf(to) - GRADES.indexOf(from);
  if (delta > 0) return 'worse';
  if (delta < 0) return 'better';
  return 'same';
}

function evaluate(
  input: EvaluationInput,
  resourceId: string,
  policy: GoldenPathPolicy,
  options: Pick<PolicyImpactOptions, 'governance' | 'now'>,
): AccountEvaluation {
  return evaluateAccount(input, {
    policy,
    now: options.now,
    ...options.governance?.forAccount(resourceId),
    waivedScoring: options.governance?.waivedScoring,
  });
}

/**
 * Evaluates the stored evidence of every account with the current and the candidate policy and
 * tells what changes, per account, control and owner.
 *
 * @remarks
 * Pure apart from the reader: reads one page at a time and keeps only the changed accounts of the
 * requested page, so memory stays bounded whatever the fleet size. Both evaluations use the same
 * evidence, time and governance, so every change comes from the policy.
 *
 * @public
 */
export async function computePolicyImpact(
  options: PolicyImpactOptions,
): Promise<GoldenPathImpact> {
  const pageSize = options.pageSize ?? 200;
  const byControl = new Map<string, GoldenPathImpactControlCount>();
  const byOwner = new Map<string | null, GoldenPathImpactOwnerCount>();
  const accounts: GoldenPathImpactAccount[] = [];
  let evaluated = 0;
  let changed = 0;
  let gradeWorse = 0;
  let gradeBetter = 0;
  let nextCursor: string | undefined;
  const after = options.after?.toLowerCase();

  let cursor: string | undefined;
  for (;;) {
    const page = await options.evidence.listEvidencePage({
      after: cursor,
      limit: pageSize,
    });
    for (const item of page) {
      const { account } = item;
      evaluated += 1;
      const owner = account.owner ?? null;
      const ownerCount = byOwner.get(owner) ?? {
        owner,
        accounts: 0,
        changed: 0,
        gradeWorse: 0,
        gradeBetter: 0,
        regressions: 0,
        improvements: 0,
      };
      ownerCount.accounts += 1;
      byOwner.set(owner, ownerCount);

      const current = evaluate(
        item.input,
        account.resourceId,
        options.currentPolicy,
        options,
      );
      const candidate = evaluate(
        item.input,
        account.resourceId,
        options.candidatePolicy,
        options,
      );
      const changes = diffEvaluations(current, candidate);
      const grade = gradeChange(current.score.grade, candidate.score.grade);
      if (changes.length === 0 && grade === 'same') continue;

      changed += 1;
      ownerCount.changed += 1;
      if (grade === 'worse') {
        gradeWorse += 1;
        ownerCount.gradeWorse += 1;
      } else if (grade === 'better') {
        gradeBetter += 1;
        ownerCount.gradeBetter += 1;
      }
      for (const change of changes) {
        const count = byControl.get(change.controlId) ?? {
          controlId: change.controlId,
          title: change.title,
          severity: change.severity,
          regressions: 0,
          improvements: 0,
          other: 0,
        };
        if (change.direction === 'regression') {
          count.regressions += 1;
          ownerCount.regressions += 1;
        } else if (change.direction === 'improvement') {
          count.improvements += 1;
          ownerCount.improvements += 1;
        } else {
          count.other += 1;
        }
        byControl.set(change.controlId, count);
      }
      const impact: GoldenPathImpactAccount = {
        accountId: account.id,
        resourceId: account.resourceId,
        name: account.name,
        ...(account.owner ? { owner: account.owner } : {}),
        ...(account.system ? { system: account.system } : {}),
        current: { grade: current.score.grade, score: current.score.score },
        candidate: {
          grade: candidate.score.grade,
          score: candidate.score.score,
        },
        grade,
        changes,
      };
      await options.onChanged?.(impact);
      if (after !== undefined && account.resourceId.toLowerCase() <= after) {
        continue;
      }
      if (accounts.length < options.limit) {
        accounts.push(impact);
      } else if (nextCursor === undefined && accounts.length > 0) {
        nextCursor = accounts[accounts.length - 1].resourceId;
      }
    }
    if (page.length < pageSize) break;
    cursor = page[page.length - 1].account.resourceId;
  }

  return {
    currentPolicyVersion: options.currentPolicyVersion,
    candidatePolicyVersion: options.candidatePolicyVersion,
    evaluatedAt: options.now.toISOString(),
    accountsEvaluated: evaluated,
    accountsWithoutEvidence:
      await options.evidence.countAccountsWithoutEvidence(),
    accountsChanged: changed,
    gradeWorse,
    gradeBetter,
    byControl: [...byControl.values()].sort(
      (a, b) =>
        b.regressions - a.regressions ||
        b.improvements - a.improvements ||
        a.controlId.localeCompare(b.controlId),
    ),
    byOwner: [...byOwner.values()].sort(
      (a, b) =>
        b.changed - a.changed ||
        (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff'),
    ),
    accounts,
    ...(nextCursor !== undefined ? { nextCursor } : {}),
  };
}

function mdCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/**
 * The impact as Markdown for a pull request: a summary line, the changed accounts (one row per
 * account, its grade change and changed controls), and the counts by control and by owner.
 *
 * @public
 */
export function renderPolicyImpactMarkdown(impact: GoldenPathImpact): string {
  const lines: string[] = [];
  lines.push(
    `## Golden-path policy impact: ${impact.currentPolicyVersion} → ${impact.candidatePolicyVersion}`,
    '',
    `${impact.accountsChanged} of ${
      impact.accountsEvaluated
    } accounts change status (${impact.gradeWorse} grade worse, ${
      impact.gradeBetter
    } grade better)${
      impact.accountsWithoutEvidence > 0
        ? `; ${impact.accountsWithoutEvidence} without stored evidence not evaluated`
        : ''
    }.`,
    '',
  );
  if (impact.accounts.length === 0) {
    lines.push('No account changes status.', '');
    return lines.join('\n');
  }
  lines.push(
    '| Account | Owner | Grade | Changed controls |',
    '| --- | --- | --- | --- |',
  );
  for (const a of impact.accounts) {
    const controls = a.changes
      .map(c => `${c.controlId} ${c.from} → ${c.to}`)
      .join(', ');
    lines.push(
      `| ${mdCell(a.name)} | ${mdCell(a.owner ?? '(none)')} | ${
        a.current.grade
      } → ${a.candidate.grade} | ${mdCell(controls || '(score only)')} |`,
    );
  }
  if (impact.nextCursor) {
    lines.push(
      '',
      `(more accounts: ask for the page after ${impact.nextCursor})`,
    );
  }
  lines.push(
    '',
    '| Control | Severity | Regressions | Improvements | Other |',
    '| --- | --- | --- | --- | --- |',
    ...impact.byControl.map(
      c =>
        `| ${c.controlId} ${mdCell(c.title)} | ${c.severity} | ${
          c.regressions
        } | ${c.improvements} | ${c.other} |`,
    ),
    '',
    '| Owner | Accounts | Changed | Grade worse | Grade better |',
    '| --- | --- | --- | --- | --- |',
    ...impact.byOwner
      .filter(o => o.changed > 0)
      .map(
        o =>
          `| ${mdCell(o.owner ?? '(none)')} | ${o.accounts} | ${o.changed} | ${
            o.gradeWorse
          } | ${o.gradeBetter} |`,
      ),
    '',
  );
  return lines.join('\n');
}
