import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  ControlResult,
  ControlStatus,
  Grade,
  PostureDiff,
} from '@pavedai/plugin-azure-openai-common';
import type { Knex } from 'knex';
import { migrateDatabase } from '../database/migrateDatabase';
import type {
  NotificationStore,
  RecordedPostureChange,
  ScanResultForNotification,
} from './NotificationStore';

const RESULTS = 'azure_openai_results';
const ACCOUNTS = 'azure_openai_accounts';
const STATE = 'azure_openai_notification_accounts';
const FAILURES = 'azure_openai_notification_failures';
const EXPIRY = 'azure_openai_notification_expiry';

/** Statuses that keep a known failure: failing, or unknown (the evidence could not be read). */
const STILL_FAILING: readonly ControlStatus[] = ['fail', 'unknown'];

/** The notifier's tables in the plugin's database (PostgreSQL or SQLite). */
export class DatabaseNotificationStore implements NotificationStore {
  readonly #db: Knex;

  /** Opens the store; runs the plugin's migrations unless `database.migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseNotificationStore> {
    return new DatabaseNotificationStore(
      await migrateDatabase(options.database),
    );
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async listScanResults(
    scanId: string,
    options: { afterResultId?: number; limit: number },
  ): Promise<ScanResultForNotification[]> {
    const query = this.#db(`${RESULTS} as r`)
      .join(`${ACCOUNTS} as a`, 'a.id', 'r.account_id')
      .where('r.scan_id', scanId)
      .select(
        'r.id',
        'r.account_id',
        'r.grade',
        'r.status',
        'r.results',
        'r.diff',
        'a.resource_id',
        'a.name',
        'a.owner',
      )
      .orderBy('r.id')
      .limit(options.limit);
    if (options.afterResultId !== undefined) {
      query.where('r.id', '>', options.afterResultId);
    }
    const rows = await query;
    return rows.map(row => {
      const results = JSON.parse(row.results as string) as ControlResult[];
      const diff = row.diff
        ? (JSON.parse(row.diff as string) as PostureDiff)
        : undefined;
      return {
        resultId: Number(row.id),
        accountId: row.account_id as string,
        resourceId: row.resource_id as string,
        name: row.name as string,
        owner: (row.owner as string | null) ?? undefined,
        grade: row.grade as Grade,
        collectionFailed: row.status === 'error',
        controls: results.map(r => ({
          controlId: r.controlId,
          status: r.status,
          severity: r.severity,
        })),
        previous: diff && {
          grade: diff.previousGrade,
          regressedControlIds: diff.regressions.map(r => r.controlId),
        },
      };
    });
  }

  async recordResult(
    scanId: string,
    result: ScanResultForNotification,
    at: Date,
  ): Promise<RecordedPostureChange | undefined> {
    const accountId = result.accountId;
    // a failed collection says nothing about the grade: keep the last one known
    const gradeOf = (last: Grade | undefined) =>
      result.collectionFailed
        ? last ?? result.previous?.grade ?? result.grade
        : result.grade;
    return this.#db.transaction(async tx => {
      // Touching the state row first locks the account on PostgreSQL until commit: a replica
      // processing another result of the same account waits, then sees what this one wrote.
      const locked = await tx(STATE)
        .where({ account_id: accountId })
        .where('result_id', '<', result.resultId)
        .update({ updated_at: at });
      let state: { grade: Grade } | undefined;
      if (locked > 0) {
        state = await tx(STATE).where({ account_id: accountId }).first();
        await tx(STATE)
          .where({ account_id: accountId })
          .update({
            result_id: result.resultId,
            grade: gradeOf(state?.grade),
          });
      } else {
        const existing = await tx(STATE)
          .where({ account_id: accountId })
          .first();
        // this result, or a newer one, was already processed
        if (existing) return undefined;
        // a concurrent first insert fails on the primary key and rolls this one back
        await tx(STATE).insert({
          account_id: accountId,
          result_id: result.resultId,
          grade: gradeOf(undefined),
          updated_at: at,
        });
      }

      const known = new Set<string>(
        (
          await tx(FAILURES)
            .where({ account_id: accountId })
            .select('control_id')
        ).map(row => row.control_id as string),
      );
      const fine = result.controls
        .filter(
          c => !STILL_FAILING.includes(c.status) && known.has(c.controlId),
        )
        .map(c => c.controlId);
      if (fine.length > 0) {
        await tx(FAILURES)
          .where({ account_id: accountId })
          .whereIn('control_id', fine)
          .delete();
      }
      const fresh = result.controls.filter(
        c => c.status === 'fail' && !known.has(c.controlId),
      );
      if (fresh.length > 0) {
        await tx(FAILURES).insert(
          fresh.map(c => ({
            account_id: accountId,
            control_id: c.controlId,
            severity: c.severity,
            scan_id: scanId,
            failing_since: at,
            notified_at: null,
          })),
        );
      }

      let newlyFailing = fresh;
      if (!state) {
        // First time the notifier sees the account: only what the scan itself saw regress is
        // new; failures the account already had are remembered without a notification.
        const regressed = new Set(result.previous?.regressedControlIds ?? []);
        newlyFailing = fresh.filter(c => regressed.has(c.controlId));
      }
      return {
        newlyFailing: newlyFailing.map(c => ({
          controlId: c.controlId,
          severity: c.severity,
        })),
        previousGrade: state?.grade ?? result.previous?.grade,
      };
    });
  }

  async markNotified(
    accountId: string,
    controlIds: string[],
    at: Date,
  ): Promise<void> {
    if (controlIds.length === 0) return;
    await this.#db(FAILURES)
      .where({ account_id: accountId })
      .whereIn('control_id', controlIds)
      .update({ notified_at: at });
  }

  async forgetFailures(accountId: string, controlIds: string[]): Promise<void> {
    if (controlIds.length === 0) return;
    await this.#db(FAILURES)
      .where({ account_id: accountId })
      .whereIn('control_id', controlIds)
      .delete();
  }

  async claimExpiryNotice(notice: {
    recordKind: 'waiver' | 'attestation';
    recordId: string;
    stage: 'warning' | 'expired';
    expiresAt: Date;
    at: Date;
  }): Promise<boolean> {
    const inserted = await this.#db(EXPIRY)
      .insert({
        record_kind: notice.recordKind,
        record_id: notice.recordId,
        stage: notice.stage,
        expires_at: notice.expiresAt,
        sent_at: notice.at,
      })
      .onConflict(['record_kind', 'record_id', 'stage', 'expires_at'])
      .ignore()
      .returning('record_id');
    return inserted.length === 1;
  }

  async releaseExpiryNotice(notice: {
    recordKind: 'waiver' | 'attestation';
    recordId: string;
    stage: 'warning' | 'expired';
    expiresAt: Date;
  }): Promise<void> {
    await this.#db(EXPIRY)
      .where({
        record_kind: notice.recordKind,
        record_id: notice.recordId,
        stage: notice.stage,
        expires_at: notice.expiresAt,
      })
      .delete();
  }
}
