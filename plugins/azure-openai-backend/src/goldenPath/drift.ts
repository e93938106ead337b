import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import {
  buildDesiredState,
  compareWithDesiredState,
  type GoldenPathDrift,
  type GoldenPathRecordedInputs,
  type GoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-common';
import { goldenPathPolicyVersion } from '@pavedai/plugin-azure-openai-node';
import type {
  DatabaseGoldenPathStore,
  SaveEvidenceInput,
} from './DatabaseGoldenPathStore';

type DriftStore = Pick<
  DatabaseGoldenPathStore,
  | 'saveEvidence'
  | 'getEvidence'
  | 'getProvenance'
  | 'updateDrift'
  | 'driftSince'
>;

/**
 * What scans write evidence to: stores it, then, for golden-path accounts whose inputs the audit
 * recorded, compares it with the desired state rebuilt from those inputs and the current policy
 * and records the drift (keeping when each difference was first seen). A drift failure is
 * logged; the evidence is stored anyway.
 */
export function evidenceWithDriftTracking(options: {
  store: DriftStore;
  currentPolicy: () => Promise<GoldenPathPolicy>;
  logger: LoggerService;
}): { saveEvidence(input: SaveEvidenceInput): Promise<void> } {
  const { store, currentPolicy, logger } = options;
  return {
    async saveEvidence(input) {
      await store.saveEvidence(input);
      try {
        const record = (await store.getProvenance([input.accountId])).get(
          input.accountId,
        );
        if (!record?.inputs) return;
        const desired = buildDesiredState(record.inputs, await currentPolicy());
        const drift = await store.updateDrift({
          accountId: input.accountId,
          scanId: input.scanId,
          at: input.collectedAt,
          differences: compareWithDesiredState(desired, input.input),
        });
        if (drift.length > 0) {
          logger.info(
            'Golden-path account drifted from what the golden path builds',
            {
              resourceId: input.resourceId,
              differences: drift.length,
            },
          );
        }
      } catch (error) {
        logger.warn('Could not compute the golden-path drift of an account', {
          resourceId: input.resourceId,
          error: stringifyError(error),
        });
      }
    },
  };
}

/**
 * What the last `azure:openai:provision` run of a golden-path account applied (the audit recorded
 * it from the run's event), for a "bring back to the golden path" run.
 *
 * @throws NotFoundError when the account has no recorded inputs
 */
export async function readRecordedInputs(options: {
  store: Pick<DriftStore, 'getProvenance'>;
  accountId: string;
  resourceId: string;
}): Promise<GoldenPathRecordedInputs> {
  const { store, accountId, resourceId } = options;
  const record = (await store.getProvenance([accountId])).get(accountId);
  if (!record?.inputs) {
    throw new NotFoundError(
      `No recorded golden-path inputs for '${resourceId}': only accounts that azure:openai:provision provisioned while the audit listened to its events can be brought back`,
    );
  }
  const {
    inputs,
    accountId: _id,
    resourceId: _resourceId,
    requestedBy: _requestedBy,
    ...goldenPath
  } = record;
  return { accountId, resourceId, goldenPath, inputs };
}

/**
 * The drift of a golden-path account now: the desired state rebuilt from its recorded inputs and
 * the current policy, compared with its stored evidence (no ARM call); `since` from the scans.
 *
 * @throws NotFoundError when the account has no recorded inputs or no stored evidence
 */
export async function readAccountDrift(options: {
  store: DriftStore;
  currentPolicy: () => Promise<GoldenPathPolicy>;
  accountId: string;
  resourceId: string;
}): Promise<GoldenPathDrift> {
  const { store, accountId, resourceId } = options;
  const record = (await store.getProvenance([accountId])).get(accountId);
  if (!record?.inputs) {
    throw new NotFoundError(
      `No recorded golden-path inputs for '${resourceId}': drift is known for accounts that azure:openai:provision provisioned while the audit listened to its events`,
    );
  }
  const evidence = await store.getEvidence(accountId);
  if (!evidence) {
    throw new NotFoundError(
      `No stored evidence for '${resourceId}' yet: scan the account (POST /scans) and ask again`,
    );
  }
  const policy = await options.currentPolicy();
  const differences = compareWithDesiredState(
    buildDesiredState(record.inputs, policy),
    evidence.input,
  );
  const since = await store.driftSince(accountId, differences);
  const {
    inputs: _inputs,
    accountId: _id,
    resourceId: _resourceId,
    requestedBy: _requestedBy,
    ...goldenPath
  } = record;
  return {
    accountId,
    resourceId: evidence.account.resourceId,
    goldenPath,
    policyVersion: goldenPathPolicyVersion(policy),
    evidenceCollectedAt: evidence.collectedAt,
    items: differences.map((d, i) => ({
      ...d,
      since: since[i] ?? evidence.collectedAt,
    })),
  };
}
