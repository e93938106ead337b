import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  Grade,
  GoldenPathDriftItem,
  Severity,
} from '@pavedai/plugin-azure-openai-common';
import type { AccountClaim } from '../linking/EntityLinker';
import { isAtLeast, type NotificationConfig } from './config';
import {
  bySeverity,
  describeControl,
  describeDrift,
  DRIFT_TOPIC,
  entityName,
  entityTabPath,
  FLEET_PAGE_PATH,
  notificationSeverity,
  POSTURE_TOPIC,
} from './messages';
import type {
  NotificationStore,
  RecordedPostureChange,
  ScanResultForNotification,
} from './NotificationStore';

const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];
const PAGE_SIZE = 200;

/**
 * Where the notifier reads the golden-path drift its owner was not told about yet, and records
 * that it was (claim before sending, release after a failed send).
 */
export interface DriftNotices {
  /** Drift items not notified yet, by account id (accounts without any absent). */
  listUnnotifiedDrift(
    accountIds: readonly string[],
  ): Promise<ReadonlyMap<string, GoldenPathDriftItem[]>>;
  /** Marks drift items notified at `at`. */
  markDriftNotified(
    accountId: string,
    items: readonly GoldenPathDriftItem[],
    at: Date,
  ): Promise<void>;
  /** Clears the mark of `at` after a failed send, so the next scan retries. */
  releaseDriftNotified(
    accountId: string,
    items: readonly GoldenPathDriftItem[],
    at: Date,
  ): Promise<void>;
}

/** Options of {@link PostureNotifier.create}. */
export interface PostureNotifierOptions {
  store: NotificationStore;
  /** Golden-path drift; without it, no drift notifications. */
  drift?: DriftNotices;
  notifications: NotificationService;
  config: NotificationConfig;
  logger: LoggerService;
  now?: () => Date;
}

/** What {@link PostureNotifier.notifyScan} did. */
export interface PostureNotifierOutcome {
  /** Notifications sent (one per entity, or per unclaimed account with an owner). */
  sent: number;
  /** Drift notifications sent (one per golden-path account with new drift). */
  driftSent: number;
  /** Accounts that regressed or drifted but have no owner to notify. */
  withoutOwner: number;
}

/** Who hears about an account: the claiming entity's owner, else the owner from its tags. */
interface Recipient {
  owner?: string;
  /** The entity that claims the account. */
  entityRef?: string;
  /** The entity's name, else the account's. */
  subject: string;
  /** The entity's Azure OpenAI tab, else the fleet page. */
  link: string;
}

function recipientOf(
  result: ScanResultForNotification,
  claims: ReadonlyMap<string, AccountClaim>,
): Recipient {
  const claim = claims.get(result.resourceId.toLowerCase());
  return {
    owner: claim?.owner ?? result.owner,
    entityRef: claim?.entityRef,
    subject: claim ? entityName(claim.entityRef) : result.name,
    link: claim ? entityTabPath(claim.entityRef) : FLEET_PAGE_PATH,
  };
}

/**
 * Tells owners when a scan finds their Azure OpenAI account worse than before.
 *
 * @remarks
 * After each scan, for every account whose grade dropped or where a control of at least the
 * minimum severity newly fails (it was fine, or unknown after being fine, and fails now), one
 * notification goes to the owner of the catalog entity that carries the account's ARM id (else to
 * the owner from the account's tags). A failure is notified once: it is remembered per account
 * and control in the database until the control is fine again, so later scans, restarts and
 * other replicas do not repeat it.
 *
 * With a drift source, the owner of a golden-path account also hears once about each drift item:
 * after the scan that saw it first, or, when that notification could not be sent, after the
 * next scans while the drift persists. An item is marked notified before the send (and the mark
 * released when the send fails), so a notification that went out is never sent again; a
 * difference that clears and comes back is new again.
 */
export class PostureNotifier {
  readonly #options: PostureNotifierOptions;
  readonly #now: () => Date;

  static create(options: PostureNotifierOptions): PostureNotifier {
    return new PostureNotifier(options);
  }

  private constructor(options: PostureNotifierOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Processes the results a scan stored and notifies owners.
   *
   * @param scanId - the finished scan
   * @param claims - the catalog's claims on accounts (by lower-cased ARM id) the scan used
   */
  async notifyScan(
    scanId: string,
    claims: ReadonlyMap<string, AccountClaim>,
  ): Promise<PostureNotifierOutcome> {
    const outcome: PostureNotifierOutcome = {
      sent: 0,
      driftSent: 0,
      withoutOwner: 0,
    };
    if (!this.#options.config.enabled) return outcome;
    let after: number | undefined;
    for (;;) {
      const page = await this.#options.store.listScanResults(scanId, {
        afterResultId: after,
        limit: PAGE_SIZE,
      });
      const newDrift = await this.#options.drift?.listUnnotifiedDrift(
        page.map(r => r.accountId),
      );
      for (const result of page) {
        await this.#processResult(
          scanId,
          result,
          newDrift?.get(result.accountId) ?? [],
          claims,
          outcome,
        );
      }
      if (page.length < PAGE_SIZE) break;
      after = page[page.length - 1].resultId;
    }
    return outcome;
  }

  async #processResult(
    scanId: string,
    result: ScanResultForNotification,
    newDrift: GoldenPathDriftItem[],
    claims: ReadonlyMap<string, AccountClaim>,
    outcome: PostureNotifierOutcome,
  ): Promise<void> {
    const { store } = this.#options;
    const logger = this.#options.logger.child({
      scanId,
      resourceId: result.resourceId,
    });
    let change;
    try {
      change = await store.recordResult(scanId, result, this.#now());
    } catch (error) {
      // another replica recorded the same account at the same time; it notifies
      logger.warn('Could not record the posture for notifications', {
        error: stringifyError(error),
      });
      return;
    }
    // undefined: this result (or a newer one) was processed already, by this or another replica
    if (!change) return;
    const recipient = recipientOf(result, claims);
    await this.#notifyRegression(
      scanId,
      result,
      change,
      recipient,
      logger,
      outcome,
    );
    if (newDrift.length > 0) {
      await this.#notifyDrift(
        scanId,
        result,
        newDrift,
        recipient,
        logger,
        outcome,
      );
    }
  }

  async #notifyRegression(
    scanId: string,
    result: ScanResultForNotification,
    change: RecordedPostureChange,
    recipient: Recipient,
    logger: LoggerService,
    outcome: PostureNotifierOutcome,
  ): Promise<void> {
    const { store, config, notifications } = this.#options;
    const gradeDropped =
      !result.collectionFailed &&
      change.previousGrade !== undefined &&
      GRADE_ORDER.indexOf(result.grade) >
        GRADE_ORDER.indexOf(change.previousGrade);
    const severe = change.newlyFailing.filter(c =>
      isAtLeast(c.severity, config.minimumSeverity),
    );
    if (!gradeDropped && severe.length === 0) return;
    // A grade drop explains itself with every newly failing control; otherwise only those at
    // or above the minimum severity are news.
    const controls = bySeverity(gradeDropped ? change.newlyFailing : severe);

    const { owner, entityRef, subject, link } = recipient;
    if (!owner) {
      outcome.withoutOwner += 1;
      logger.info('Azure OpenAI account regressed but has no owner to notify');
      return;
    }
    const controlIds = controls.map(c => c.controlId);
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: gradeDropped
            ? `${subject}: grade ${change.previousGrade} → ${result.grade}`
            : `${subject}: ${
                controls.length === 1
                  ? `${controls[0].controlId} newly fails`
                  : `${controls.length} controls newly fail`
              }`,
          description: describeRegression(result, controls),
          link,
          severity: notificationSeverity(controls.map(c => c.severity)),
          topic: POSTURE_TOPIC,
          scope: `${POSTURE_TOPIC}:${
            entityRef ?? result.resourceId.toLowerCase()
          }`,
          metadata: {
            entityRef: entityRef ?? null,
            resourceId: result.resourceId,
            scanId,
            grade: result.grade,
            previousGrade: change.previousGrade ?? null,
            controlIds,
          },
        },
      });
    } catch (error) {
      logger.error('Could not send the Azure OpenAI posture notification', {
        owner,
        error: stringifyError(error),
      });
      // forget them, so the next scan notifies them again
      await store.forgetFailures(result.accountId, controlIds).catch(() => {});
      return;
    }
    await store.markNotified(result.accountId, controlIds, this.#now());
    outcome.sent += 1;
  }

  async #notifyDrift(
    scanId: string,
    result: ScanResultForNotification,
    items: GoldenPathDriftItem[],
    recipient: Recipient,
    logger: LoggerService,
    outcome: PostureNotifierOutcome,
  ): Promise<void> {
    const drift = this.#options.drift!;
    const { owner, entityRef, link } = recipient;
    const at = this.#now();
    // Claimed before the send: a notification that went out is never sent twice.
    try {
      await drift.markDriftNotified(result.accountId, items, at);
    } catch (error) {
      logger.error(
        'Could not record the golden-path drift notification; it is tried after the next scan',
        { error: stringifyError(error) },
      );
      return;
    }
    if (!owner) {
      outcome.withoutOwner += 1;
      logger.info(
        'Golden-path Azure OpenAI account drifted but has no owner to notify',
      );
      return;
    }
    try {
      await this.#options.notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: `${result.name} drifted from the golden path`,
          description: `${
            items.length === 1
              ? '1 field differs'
              : `${items.length} fields differ`
          } from what the golden path would build (desired → actual): ${describeDrift(
            items,
            result.resourceId,
          )} Account ${result.resourceId}.`,
          link,
          severity: 'normal',
          topic: DRIFT_TOPIC,
          scope: `${DRIFT_TOPIC}:${result.resourceId.toLowerCase()}`,
          metadata: {
            entityRef: entityRef ?? null,
            resourceId: result.resourceId,
            scanId,
            driftFields: items.map(i => `${i.resource}|${i.field}`),
          },
        },
      });
    } catch (error) {
      // released: the next scan tries again while the drift persists
      logger.error(
        'Could not send the golden-path drift notification; it is retried after the next scan',
        { owner, error: stringifyError(error) },
      );
      await drift
        .releaseDriftNotified(result.accountId, items, at)
        .catch(releaseError =>
          logger.error('Could not release the drift notification', {
            error: stringifyError(releaseError),
          }),
        );
      return;
    }
    outcome.driftSent += 1;
  }
}

function describeRegression(
  result: ScanResultForNotification,
  controls: ReadonlyArray<{ controlId: string; severity: Severity }>,
): string {
  const lines = controls.map(c => describeControl(c.controlId, c.severity));
  const failing = lines.length
    ? `Newly failing: ${lines.join('; ')}.`
    : 'No control newly fails; evidence could not be read for some controls.';
  return `${failing} Account ${result.name} (${result.resourceId}).`;
}
