import type {
  ControlResult,
  ControlStatus,
  Grade,
} from '@pavedai/plugin-azure-openai-common';

// The source interfaces live in `@pavedai/plugin-azure-openai-node` (with the extension point),
// so modules can provide sources without depending on this package; re-exported here.
export type {
  AccountSource,
  AuditSourceAccount as DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
  ListAccountsOptions,
  PolicySource,
  SourceCallOptions,
} from '@pavedai/plugin-azure-openai-node';

/**
 * What started a scan.
 *
 * @public
 */
export type ScanTrigger = 'schedule' | 'manual';

/**
 * Lifecycle state of a scan.
 *
 * @public
 */
export type ScanStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * What a scan covers.
 *
 * @public
 */
export type ScanTarget =
  | { type: 'fleet' }
  | { type: 'accounts'; resourceIds: string[]; entityRef?: string };

/**
 * A scan and its progress.
 *
 * @public
 */
export interface Scan {
  id: string;
  trigger: ScanTrigger;
  requestedBy?: string;
  target: ScanTarget;
  status: ScanStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Accounts discovered so far. */
  accountsTotal: number;
  /** Accounts evaluated and stored so far. */
  accountsDone: number;
  /** Accounts whose evidence collection failed as a whole (they are stored with status `error`). */
  accountsFailed: number;
  /** Why the scan failed (only when `status` is `failed`). */
  error?: string;
}

/**
 * A stored account.
 *
 * @public
 */
export interface AuditAccount {
  /** Opaque id (32 hex characters) usable in URLs. */
  id: string;
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location?: string;
  kind?: string;
  tags: Record<string, string>;
  owner?: string;
  system?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  deleted: boolean;
  deletedAt?: string;
}

/**
 * Changes of an account's posture against its previous result.
 *
 * @public
 */
export interface PostureDiff {
  previousResultId: string;
  previousScore: number;
  previousGrade: Grade;
  /** True when the grade got worse. */
  gradeRegressed: boolean;
  /** Controls that were fine before (pass, attested, waived, not-applicable) and now fail or are unknown. */
  regressions: Array<{
    controlId: string;
    from: ControlStatus;
    to: ControlStatus;
  }>;
  /** Controls that failed or were unknown before and are fine now. */
  improvements: Array<{
    controlId: string;
    from: ControlStatus;
    to: ControlStatus;
  }>;
}

/**
 * Summary of one evaluation (without the control results).
 *
 * @public
 */
export interface PostureSummary {
  resultId: string;
  scanId: string;
  evaluatedAt: string;
  /** `error` when evidence collection failed as a whole (controls are then `unknown`). */
  status: 'ok' | 'error';
  error?: string;
  score: number;
  grade: Grade;
  capped: boolean;
  earnedWeight: number;
  scoredWeight: number;
  counts: Record<ControlStatus, number>;
  diff?: PostureDiff;
}

/**
 * One evaluation with its control results and evidence.
 *
 * @public
 */
export interface PostureRecord extends PostureSummary {
  results: ControlResult[];
}

/**
 * Whether an account has a stored posture: `never-scanned` accounts were discovered but no scan
 * has stored a result for them yet.
 *
 * @public
 */
export type FleetScanState = 'scanned' | 'never-scanned';

/**
 * Latest posture of an account, as the fleet lists it.
 *
 * @public
 */
export interface FleetItem {
  account: AuditAccount;
  /** `never-scanned` when the account has no stored result yet; `latest` is then absent. */
  scanState: FleetScanState;
  latest?: {
    resultId: string;
    scanId: string;
    evaluatedAt: string;
    status: 'ok' | 'error';
    score: number;
    grade: Grade;
    capped: boolean;
    failingCount: number;
    unknownCount: number;
  };
}
