import type {
  AggregatePosture,
  ControlResult,
  ControlStatus,
  Grade,
  Severity,
} from '@pavedai/plugin-azure-openai-common';

/**
 * An Azure OpenAI account as the audit backend stores it.
 *
 * @public
 */
export interface AzureOpenAIAccount {
  /** Opaque id (32 hex characters) usable in URLs. */
  id: string;
  /** ARM id of the account. */
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location?: string;
  kind?: string;
  tags: Record<string, string>;
  /** Owner entity ref, when known. */
  owner?: string;
  /** System entity ref, when known. */
  system?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  deleted: boolean;
  deletedAt?: string;
}

/**
 * A control whose status changed between two evaluations.
 *
 * @public
 */
export interface PostureChange {
  controlId: string;
  from: ControlStatus;
  to: ControlStatus;
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
  gradeRegressed: boolean;
  regressions: PostureChange[];
  improvements: PostureChange[];
}

/**
 * Summary of one evaluation (without control results).
 *
 * @public
 */
export interface PostureSummary {
  resultId: string;
  scanId: string;
  evaluatedAt: string;
  /** `error` when evidence collection failed as a whole. */
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
 * One evaluation with its control results.
 *
 * @public
 */
export interface PostureRecord extends PostureSummary {
  results: ControlResult[];
}

/**
 * One account linked to an entity, with its latest posture.
 *
 * @public
 */
export interface LinkedAccountPosture {
  account: AzureOpenAIAccount;
  /** Entity refs through which the account is linked. */
  linkedBy: string[];
  posture: PostureRecord;
}

/**
 * Posture of a catalog entity.
 *
 * @public
 */
export interface EntityPosture {
  entityRef: string;
  /** Absent when none of the linked accounts has been scanned. */
  aggregate?: AggregatePosture;
  accounts: LinkedAccountPosture[];
  /** Linked ARM ids without a stored posture yet. */
  unscanned: Array<{ resourceId: string; linkedBy: string[] }>;
}

/**
 * Past evaluations of an account, newest first.
 *
 * @public
 */
export interface AccountHistory {
  account: AzureOpenAIAccount;
  items: PostureSummary[];
}

/**
 * One row of the fleet list.
 *
 * @public
 */
export interface FleetItem {
  account: AzureOpenAIAccount;
  /** `never-scanned`: discovered, but no result stored yet (`latest` is then absent). */
  scanState?: 'scanned' | 'never-scanned';
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

/**
 * Sort fields of the fleet list.
 *
 * @public
 */
export type FleetSortField = 'score' | 'grade' | 'name' | 'evaluatedAt';

/**
 * Filters, sorting and paging of the fleet list (all done by the backend).
 *
 * @public
 */
export interface FleetQuery {
  owner?: string;
  system?: string;
  grade?: Grade[];
  failingControl?: string;
  severity?: Severity;
  subscription?: string;
  includeDeleted?: boolean;
  sort?: FleetSortField;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/**
 * One page of the fleet list.
 *
 * @public
 */
export interface FleetPage {
  items: FleetItem[];
  totalCount: number;
  nextCursor?: string;
}

/**
 * Roll-up of a group of accounts.
 *
 * @public
 */
export interface FleetGroupSummary {
  accountCount: number;
  score: number;
  worstGrade: Grade;
  grades: Record<Grade, number>;
  earnedWeight: number;
  scoredWeight: number;
}

/**
 * Fleet roll-ups by owner, nested owner, system and control.
 *
 * @public
 */
export interface FleetSummary {
  total: FleetGroupSummary;
  byOwner: Array<FleetGroupSummary & { owner: string | null }>;
  byOwnerNested: Array<
    FleetGroupSummary & { owner: string; descendantOwners: string[] }
  >;
  bySystem: Array<FleetGroupSummary & { system: string | null }>;
  byControl: Array<{
    controlId: string;
    severity: Severity;
    failing: number;
    unknown: number;
  }>;
}

/**
 * Lifecycle state of a scan.
 *
 * @public
 */
export type ScanStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * A scan and its progress.
 *
 * @public
 */
export interface Scan {
  id: string;
  trigger: 'schedule' | 'manual';
  requestedBy?: string;
  status: ScanStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  error?: string;
}

/**
 * What a scan covers: an entity's accounts or one account.
 *
 * @public
 */
export type ScanRequest = { entityRef: string } | { accountId: string };
