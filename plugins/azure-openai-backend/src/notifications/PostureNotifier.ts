import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Grade, Severity } from '@pavedai/plugin-azure-openai-common';
import type { AccountClaim } from '../linking/EntityLinker';
import { isAtLeast, type NotificationConfig } from './config';
import {
  bySeverity,
  describeControl,
  entityName,
  entityTabPath,
  FLEET_PAGE_PATH,
  notificationSeverity,
  POSTURE_TOPIC,
} from './messages';
import type {
  NotificationStore,
  ScanResultForNotification,
} from './NotificationStore';

const GRADE_ORDER: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];
const PAGE_SIZE = 200;

/** Options of {@link PostureNotifier.create}. */
export interface PostureNotifierOptions {
  store: NotificationStore;
  notifications: NotificationService;
  config: NotificationConfig;
  logger: LoggerService;
  now?: () => Date;
}

/** What {@link PostureNotifier.notifyScan} did. */
export interface PostureNotifierOutcome {
  /** Notifications sent (one per entity, or per unclaimed account with an owner). */
  sent: number;
  /** Accounts that regressed but have no owner to notify. */
  withoutOwner: number;
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
    const outcome: PostureNotifierOutcome = { sent: 0, withoutOwner: 0 };
    if (!this.#options.config.enabled) return outcome;
    let after: number | undefined;
    for (;;) {
      const page = await this.#options.store.listScanResults(scanId, {
        afterResultId: after,
        limit: PAGE_SIZE,
      });
      for (const result of page) {
        await this.#processResult(scanId, result, claims, outcome);
      }
      if (page.length < PAGE_SIZE) break;
      after = page[page.length - 1].resultId;
    }
    return outcome;
  }

  async #processResult(
    scanId: string,
    result: ScanResultForNotification,
    claims: ReadonlyMap<string, AccountClaim>,
    outcome: PostureNotifierOutcome,
  ): Promise<void> {
    const { store, config, notifications } = this.#options;
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
    if (!change) return;

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

    const claim = claims.get(result.resourceId.toLowerCase());
    const owner = claim?.owner ?? result.owner;
    if (!owner) {
      outcome.withoutOwner += 1;
      logger.info('Azure OpenAI account regressed but has no owner to notify');
      return;
    }
    const subject = claim ? entityName(claim.entityRef) : result.name;
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
          link: claim ? entityTabPath(claim.entityRef) : FLEET_PAGE_PATH,
          severity: notificationSeverity(controls.map(c => c.severity)),
          topic: POSTURE_TOPIC,
          scope: `${POSTURE_TOPIC}:${
            claim?.entityRef ?? result.resourceId.toLowerCase()
          }`,
          metadata: {
            entityRef: claim?.entityRef ?? null,
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
