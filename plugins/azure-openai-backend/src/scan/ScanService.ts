import { randomUUID } from 'node:crypto';
import type {
  AuditorService,
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import type { Request } from 'express';
import {
  absent,
  evaluateAccount,
  type Evidence,
  type EvaluationInput,
  type GoldenPathPolicy,
  type Scan,
  type ScanTarget,
  type ScanTrigger,
} from '@pavedai/plugin-azure-openai-common';
import type { AuditConfig } from '../config';
import type { AuditStore, ScanRegression } from '../database/AuditStore';
import { parseAccountResourceId } from '../database/armId';
import type {
  AppliedGovernance,
  ScanGovernance,
} from '../governance/GovernanceService';
import { auditPolicy } from '../goldenPath/auditPolicy';
import type { SaveEvidenceInput } from '../goldenPath/DatabaseGoldenPathStore';
import type { AccountClaim } from '../linking/EntityLinker';
import { ownershipFor } from '../linking/EntityLinker';
import type {
  AccountSource,
  DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
  PolicySource,
} from '../types';
import { diffPosture } from './diffPosture';
import { forEachConcurrent } from './forEachConcurrent';
import { interleaveBySubscription } from './interleaveBySubscription';
import { describeDuration, scheduleTimeoutMs } from './timeouts';

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * Location, kind and tags of an account: from discovery, else from the collected account body.
 */
function metadataOf(
  discovered: DiscoveredAccount,
  accountEvidence: Evidence | undefined,
): Omit<DiscoveredAccount, 'armBody'> {
  const body =
    accountEvidence?.state === 'present' &&
    accountEvidence.value &&
    typeof accountEvidence.value === 'object'
      ? (accountEvidence.value as Record<string, unknown>)
      : {};
  const text = (value: unknown) =>
    typeof value === 'string' ? value : undefined;
  return {
    resourceId: discovered.resourceId,
    location: discovered.location ?? text(body.location),
    kind: discovered.kind ?? text(body.kind),
    tags: discovered.tags ?? stringRecord(body.tags),
  };
}

/**
 * Accounts a fleet scan looks ahead to take them round-robin by subscription (one Resource Graph
 * page); see {@link interleaveBySubscription}.
 */
const INTERLEAVE_WINDOW = 1000;

/** Options of {@link ScanService.create}. */
export interface ScanServiceOptions {
  store: AuditStore;
  accountSource: AccountSource;
  evidenceSource: EvidenceSource;
  policySource?: PolicySource;
  /** Loads the catalog's claims on accounts (owner/system); failures fall back to tags. */
  loadClaims: () => Promise<Map<string, AccountClaim>>;
  logger: LoggerService;
  auditor: AuditorService;
  config: AuditConfig;
  now?: () => Date;
  /**
   * Approved waivers and active attestations, applied to every evaluation (and the waived-scoring
   * mode). A scan fails rather than evaluate without them when they cannot be loaded.
   */
  governance?: ScanGovernance;
  /**
   * Keeps the latest raw evidence of each account (golden-path impact previews evaluate it without
   * ARM). Called after each stored result whose collection did not fail as a whole; its failures
   * are logged, never fail the account.
   */
  evidenceStore?: { saveEvidence(input: SaveEvidenceInput): Promise<void> };
  /**
   * Called once after every scan finishes (completed or failed), with the catalog claims the
   * scan used; for owner notifications. Its failures are logged, never fail the scan.
   */
  onScanFinished?: (
    scan: Scan,
    context: { claims: ReadonlyMap<string, AccountClaim> },
  ) => Promise<void>;
}

/** A scan request. */
export interface RequestScanOptions {
  trigger: ScanTrigger;
  target: ScanTarget;
  requestedBy?: string;
  /** The HTTP request that asked for the scan, for the auditor. */
  request?: Request;
}

async function* accountsByIds(
  source: AccountSource,
  resourceIds: readonly string[],
  onMissing: (resourceId: string) => Promise<void>,
  signal?: AbortSignal,
): AsyncIterable<DiscoveredAccount> {
  for (const resourceId of resourceIds) {
    if (!source.getAccount) {
      yield { resourceId };
      continue;
    }
    const account = await source.getAccount(resourceId, { signal });
    if (account) yield account;
    else await onMissing(resourceId);
  }
}

/**
 * Orchestrates scans: discovery → evidence collection → evaluation → persistence, with bounded
 * concurrency. A failure in one account is recorded on that account and never fails the scan.
 */
export class ScanService {
  readonly #options: ScanServiceOptions;
  readonly #now: () => Date;
  readonly #running = new Set<Promise<unknown>>();
  readonly #controllers = new Set<AbortController>();

  static create(options: ScanServiceOptions): ScanService {
    return new ScanService(options);
  }

  private constructor(options: ScanServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Records a scan and starts it in the background; resolves with the queued scan at once.
   */
  async requestScan(options: RequestScanOptions): Promise<Scan> {
    const { scan, event } = await this.#createScan(options);
    const controller = new AbortController();
    this.#controllers.add(controller);
    const timeoutMs = this.#options.config.onDemandTimeoutMs;
    const timer = setTimeout(
      () =>
        controller.abort(
          new Error(
            `The scan was aborted: it did not finish within ${describeDuration(
              timeoutMs,
            )} (azureOpenAI.audit.onDemandTimeout)`,
          ),
        ),
      timeoutMs,
    );
    timer.unref?.();
    const run = this.#run(scan, event, controller.signal)
      .then(() => this.#pruneHistory(scan.id))
      .catch(error =>
        this.#options.logger.error('Azure OpenAI scan crashed', {
          scanId: scan.id,
          error: stringifyError(error),
        }),
      )
      .finally(() => {
        clearTimeout(timer);
        this.#running.delete(run);
        this.#controllers.delete(controller);
      });
    this.#running.add(run);
    return scan;
  }

  /**
   * Runs a scan of the whole fleet in the foreground (the scheduled task), then applies history
   * retention.
   */
  async runScheduledScan(signal?: AbortSignal): Promise<Scan> {
    await this.failStaleScans();
    const { scan, event } = await this.#createScan({
      trigger: 'schedule',
      target: { type: 'fleet' },
    });
    const finished = await this.#run(scan, event, signal);
    await this.#pruneHistory();
    return finished;
  }

  /**
   * Marks scans left `queued`/`running` (by a backend replica that stopped) as failed once they
   * are older than their timeout: `schedule.timeout` for scheduled scans, `onDemandTimeout` for
   * on-demand ones. Called at plugin start and before each scheduled scan; returns how many.
   */
  async failStaleScans(): Promise<number> {
    const { store, config, logger } = this.#options;
    const now = this.#now().getTime();
    const limits: Array<[ScanTrigger, number]> = [
      ['schedule', scheduleTimeoutMs(config.schedule.timeout)],
      ['manual', config.onDemandTimeoutMs],
    ];
    let failed = 0;
    for (const [trigger, timeoutMs] of limits) {
      failed += await store.failStaleScans(
        new Date(now - timeoutMs),
        `The scan did not finish within its timeout of ${describeDuration(
          timeoutMs,
        )} (the backend that ran it stopped?)`,
        trigger,
      );
    }
    if (failed > 0) {
      logger.warn('Marked stale Azure OpenAI scans as failed', { failed });
    }
    return failed;
  }

  /** The scan with its progress. */
  async getScan(scanId: string): Promise<Scan> {
    const scan = await this.#options.store.getScan(scanId);
    if (!scan) throw new NotFoundError(`No scan with id '${scanId}'`);
    return scan;
  }

  /** Accounts whose posture got worse in the scan (for notifications). */
  async getRegressions(scanId: string): Promise<ScanRegression[]> {
    await this.getScan(scanId);
    return this.#options.store.listScanRegressions(scanId);
  }

  /**
   * Aborts the on-demand scans of this instance (they end `failed`) and waits for them; for the
   * backend's shutdown hook.
   */
  async shutdown(): Promise<void> {
    for (const controller of this.#controllers) {
      controller.abort(
        new Error('The scan was aborted: the backend is shutting down'),
      );
    }
    await this.waitForIdle();
  }

  /** Resolves when every background scan of this instance has finished. */
  async waitForIdle(): Promise<void> {
    while (this.#running.size > 0) {
      await Promise.allSettled([...this.#running]);
    }
  }

  /**
   * History retention: the whole fleet after a scheduled scan, only the accounts of `scanId`
   * after an on-demand scan (bounded by the accounts it scanned).
   */
  async #pruneHistory(scanId?: string): Promise<void> {
    const { store, config, logger } = this.#options;
    const { days, maxScansPerAccount } = config.history;
    if (!days && maxScansPerAccount === undefined) return;
    try {
      const removed = await store.pruneHistory({
        olderThan: days
          ? new Date(this.#now().getTime() - days * 24 * 60 * 60 * 1000)
          : undefined,
        maxPerAccount: maxScansPerAccount,
        scanId,
      });
      if (removed > 0) {
        logger.info('Pruned Azure OpenAI posture history', {
          removed,
          scanId,
        });
      }
    } catch (error) {
      // retention is housekeeping: the next scan tries again
      logger.warn('Could not prune Azure OpenAI posture history', {
        scanId,
        error: stringifyError(error),
      });
    }
  }

  async #createScan(
    options: RequestScanOptions,
  ): Promise<{ scan: Scan; event: AuditorServiceEvent }> {
    const scan = await this.#options.store.createScan({
      id: randomUUID(),
      trigger: options.trigger,
      requestedBy: options.requestedBy,
      target: options.target,
      createdAt: this.#now(),
    });
    const event = await this.#options.auditor.createEvent({
      eventId: 'scan',
      severityLevel: options.trigger === 'manual' ? 'medium' : 'low',
      request: options.request,
      meta: {
        scanId: scan.id,
        trigger: scan.trigger,
        target: scan.target as unknown as Record<string, string>,
      },
    });
    return { scan, event };
  }

  async #run(
    scan: Scan,
    event: AuditorServiceEvent,
    signal?: AbortSignal,
  ): Promise<Scan> {
    const { store, config, accountSource } = this.#options;
    const logger = this.#options.logger.child({ scanId: scan.id });
    await store.updateScan(scan.id, {
      status: 'running',
      startedAt: this.#now(),
    });
    logger.info('Azure OpenAI scan started', { trigger: scan.trigger });

    const claims = await this.#loadClaims(logger);
    const accounts =
      scan.target.type === 'fleet'
        ? accountSource.listAccounts({
            signal,
            accountIds: [...claims.values()].flatMap(c =>
              c.resourceId ? [c.resourceId] : [],
            ),
          })
        : accountsByIds(
            accountSource,
            scan.target.resourceIds,
            async resourceId => {
              logger.warn('Azure OpenAI account not found', { resourceId });
              await store.incrementScanProgress(scan.id, {
                total: 1,
                failed: 1,
              });
            },
            signal,
          );

    let failure: unknown;
    try {
      const policy = await this.#policy();
      const governance = await this.#options.governance?.load();
      const collection = this.#options.evidenceSource.startScan({ signal });
      await forEachConcurrent(
        scan.target.type === 'fleet'
          ? interleaveBySubscription(accounts, INTERLEAVE_WINDOW)
          : accounts,
        config.concurrency,
        account =>
          this.#scanAccount(
            scan.id,
            account,
            collection,
            claims,
            policy,
            governance,
            logger,
            signal,
          ),
        signal,
      );
    } catch (error) {
      failure = error;
    }
    if (!failure && signal?.aborted) {
      failure =
        signal.reason instanceof Error
          ? signal.reason
          : new Error('The scan was aborted (timeout or shutdown)');
    }

    if (!failure && scan.target.type === 'fleet') {
      const deleted = await store.markUnseenAccountsDeleted(
        scan.id,
        this.#now(),
      );
      if (deleted > 0) {
        logger.info('Azure OpenAI accounts no longer found, marked deleted', {
          deleted,
        });
      }
    }
    await store.updateScan(scan.id, {
      status: failure ? 'failed' : 'completed',
      finishedAt: this.#now(),
      error: failure ? stringifyError(failure) : undefined,
    });
    const finished = (await store.getScan(scan.id))!;
    await this.#options.onScanFinished?.(finished, { claims }).catch(error =>
      logger.error('Azure OpenAI scan follow-up failed', {
        error: stringifyError(error),
      }),
    );
    const meta = {
      scanId: scan.id,
      status: finished.status,
      accountsTotal: finished.accountsTotal,
      accountsDone: finished.accountsDone,
      accountsFailed: finished.accountsFailed,
    };
    if (failure) {
      logger.error('Azure OpenAI scan failed', {
        ...meta,
        error: stringifyError(failure),
      });
      await event.fail({
        meta,
        error: failure instanceof Error ? failure : new Error(String(failure)),
      });
    } else {
      logger.info('Azure OpenAI scan completed', meta);
      await event.success({ meta });
    }
    return finished;
  }

  async #scanAccount(
    scanId: string,
    discovered: DiscoveredAccount,
    collection: EvidenceCollection,
    claims: Map<string, AccountClaim>,
    policy: GoldenPathPolicy,
    governance: AppliedGovernance | undefined,
    logger: LoggerService,
    signal?: AbortSignal,
  ): Promise<void> {
    const { store } = this.#options;
    try {
      await store.incrementScanProgress(scanId, { total: 1 });
      const parsed = parseAccountResourceId(discovered.resourceId);
      const claim = claims.get(parsed.resourceKey);
      if (discovered.location !== undefined) {
        // Discovery vouches for the account: record it before collecting, so the fleet lists it
        // (as never scanned) even if no result is ever stored for it.
        const known = metadataOf(discovered, undefined);
        await store.upsertAccount({
          ...known,
          resourceId: parsed.resourceId,
          ...ownershipFor(known, claim),
          seenAt: this.#now(),
          scanId,
        });
      }

      let input: EvaluationInput;
      let collectionError: string | undefined;
      try {
        input = await collection.collect(discovered, { signal });
      } catch (error) {
        collectionError = stringifyError(error);
        logger.warn('Azure OpenAI evidence collection failed', {
          resourceId: parsed.resourceId,
          error: collectionError,
        });
        input = { account: { account: absent('error', collectionError) } };
      }

      const accountEvidence = input.account?.account;
      if (
        !collectionError &&
        discovered.location === undefined &&
        accountEvidence?.state === 'absent' &&
        accountEvidence.reason === 'not-found'
      ) {
        // an on-demand scan named an account that does not exist
        logger.warn('Azure OpenAI account not found', {
          resourceId: parsed.resourceId,
        });
        await store.incrementScanProgress(scanId, { failed: 1 });
        return;
      }
      const metadata = metadataOf(discovered, accountEvidence);
      const account = await store.upsertAccount({
        ...metadata,
        resourceId: parsed.resourceId,
        ...ownershipFor(metadata, claim),
        seenAt: this.#now(),
        scanId,
      });

      const evaluation = evaluateAccount(input, {
        policy,
        now: this.#now(),
        ...governance?.forAccount(parsed.resourceId),
        waivedScoring: governance?.waivedScoring,
      });
      const previous = await store.getLatest(account.id);
      await store.saveResult({
        scanId,
        accountId: account.id,
        evaluatedAt: new Date(evaluation.evaluatedAt),
        status: collectionError ? 'error' : 'ok',
        error: collectionError,
        score: evaluation.score.score,
        grade: evaluation.score.grade,
        capped: evaluation.score.capped,
        earnedWeight: evaluation.score.earnedWeight,
        scoredWeight: evaluation.score.scoredWeight,
        counts: { ...evaluation.score.counts },
        results: evaluation.results,
        diff: previous ? diffPosture(previous, evaluation) : undefined,
      });
      if (!collectionError && this.#options.evidenceStore) {
        await this.#options.evidenceStore
          .saveEvidence({
            accountId: account.id,
            resourceId: parsed.resourceId,
            scanId,
            collectedAt: new Date(evaluation.evaluatedAt),
            input,
          })
          .catch(error =>
            logger.warn('Could not store the Azure OpenAI evidence', {
              resourceId: parsed.resourceId,
              error: stringifyError(error),
            }),
          );
      }
      await store.incrementScanProgress(scanId, {
        done: 1,
        failed: collectionError ? 1 : 0,
      });
    } catch (error) {
      logger.error('Azure OpenAI account could not be scanned', {
        resourceId: discovered.resourceId,
        error: stringifyError(error),
      });
      await store
        .incrementScanProgress(scanId, { failed: 1 })
        .catch(() => undefined);
    }
  }

  async #loadClaims(logger: LoggerService): Promise<Map<string, AccountClaim>> {
    try {
      return await this.#options.loadClaims();
    } catch (error) {
      logger.warn(
        'Could not read catalog entities; owner and system come from tags',
        {
          error: stringifyError(error),
        },
      );
      return new Map();
    }
  }

  async #policy(): Promise<GoldenPathPolicy> {
    const { policySource, config } = this.#options;
    return auditPolicy(
      policySource ? await policySource.getPolicy() : {},
      config,
    );
  }
}
