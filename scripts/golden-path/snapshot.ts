/*
 * The evidence snapshot format of `yarn golden-path:impact --evidence <file>`: what the audit
 * stores per account (the raw evidence its latest evaluation read), as JSON.
 */
import type {
  EvaluationInput,
  PolicyImpactEvidence,
  PolicyImpactEvidenceReader,
} from '@pavedai/plugin-azure-openai-common';

/** `format` of a snapshot file. */
export const SNAPSHOT_FORMAT = 'azure-openai-evidence-snapshot/v1';

/** A snapshot file. */
export interface EvidenceSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Where the evidence came from, in words. */
  source: string;
  collectedAt: string;
  /** The account fields of the impact computation, with the evidence beside them. */
  accounts: Array<PolicyImpactEvidence['account'] & { input: EvaluationInput }>;
}

/** Checks a parsed snapshot file; throws an error naming the problem. */
export function readSnapshot(value: unknown, file: string): EvidenceSnapshot {
  const snapshot = value as Partial<EvidenceSnapshot> | null;
  if (!snapshot || snapshot.format !== SNAPSHOT_FORMAT) {
    throw new Error(
      `${file} is not an evidence snapshot: expected "format": "${SNAPSHOT_FORMAT}". Generate one with yarn golden-path:demo-evidence, or use --backend.`,
    );
  }
  if (!Array.isArray(snapshot.accounts)) {
    throw new Error(`${file}: "accounts" must be a list`);
  }
  snapshot.accounts.forEach((a, i) => {
    if (!a || typeof a.resourceId !== 'string' || !a.input?.account) {
      throw new Error(
        `${file}: accounts[${i}] needs a resourceId and input.account`,
      );
    }
  });
  return snapshot as EvidenceSnapshot;
}

/** An in-memory reader over a snapshot, in ARM id order like the audit store. */
export function snapshotReader(
  snapshot: EvidenceSnapshot,
): PolicyImpactEvidenceReader {
  const items: PolicyImpactEvidence[] = snapshot.accounts
    .map(({ input, ...account }) => ({ account, input }))
    .sort((a, b) =>
      a.account.resourceId
        .toLowerCase()
        .localeCompare(b.account.resourceId.toLowerCase()),
    );
  return {
    async listEvidencePage({ after, limit }) {
      const from =
        after === undefined
          ? 0
          : items.findIndex(
              i => i.account.resourceId.toLowerCase() > after.toLowerCase(),
            );
      return from < 0 ? [] : items.slice(from, from + limit);
    },
    async countAccountsWithoutEvidence() {
      return 0;
    },
  };
}
