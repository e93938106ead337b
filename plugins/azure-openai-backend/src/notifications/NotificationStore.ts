import type {
  ControlStatus,
  Grade,
  Severity,
} from '@pavedai/plugin-azure-openai-common';

/** One account's stored result in a scan, as the posture notifier reads it. */
export interface ScanResultForNotification {
  /** Id of the stored result (increases with every result). */
  resultId: number;
  accountId: string;
  /** ARM id of the account. */
  resourceId: string;
  /** Account name. */
  name: string;
  /** Owner entity ref stored on the account (from the catalog, else its tags). */
  owner?: string;
  grade: Grade;
  /** Evidence collection failed as a whole: every control is unknown and the grade means nothing. */
  collectionFailed: boolean;
  /** Status and severity of every control. */
  controls: Array<{
    controlId: string;
    status: ControlStatus;
    severity: Severity;
  }>;
  /** The previous result's grade and the controls that regressed against it; undefined for a first result. */
  previous?: { grade: Grade; regressedControlIds: string[] };
}

/** What changed for an account since the notifier last processed it. */
export interface RecordedPostureChange {
  /** Controls that fail now and did not at the last processed result (never for a first result). */
  newlyFailing: Array<{ controlId: string; severity: Severity }>;
  /** The grade of the last processed (or previous) result, when there is one. */
  previousGrade?: Grade;
}

/**
 * Persistence of the notifier: which failures the owners already know about, the last processed
 * result per account, and which expiry notices were sent.
 */
export interface NotificationStore {
  /**
   * Pages through the results a scan stored, in result order, starting after `afterResultId`.
   */
  listScanResults(
    scanId: string,
    options: { afterResultId?: number; limit: number },
  ): Promise<ScanResultForNotification[]>;

  /**
   * Records a result atomically and returns what changed since the account's last processed
   * result; `undefined` when this result (or a newer one) was already processed, by this or
   * another replica.
   */
  recordResult(
    scanId: string,
    result: ScanResultForNotification,
    at: Date,
  ): Promise<RecordedPostureChange | undefined>;

  /** Marks failures as notified. */
  markNotified(
    accountId: string,
    controlIds: string[],
    at: Date,
  ): Promise<void>;

  /** Forgets failures (so the next scan notifies them again), after a failed send. */
  forgetFailures(accountId: string, controlIds: string[]): Promise<void>;

  /**
   * Claims an expiry notice; true for exactly one caller per record, stage and expiry.
   */
  claimExpiryNotice(notice: {
    recordKind: 'waiver' | 'attestation';
    recordId: string;
    stage: 'warning' | 'expired';
    expiresAt: Date;
    at: Date;
  }): Promise<boolean>;

  /** Releases a claimed notice after a failed send, so the next run tries again. */
  releaseExpiryNotice(notice: {
    recordKind: 'waiver' | 'attestation';
    recordId: string;
    stage: 'warning' | 'expired';
    expiresAt: Date;
  }): Promise<void>;
}
