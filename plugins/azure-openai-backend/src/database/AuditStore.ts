import type {
  AzureOpenAIAccount,
  ControlResult,
  FleetPage,
  FleetScanState,
  FleetSortField,
  FleetSummary,
  Grade,
  PostureDiff,
  PostureRecord,
  PostureSummary,
  Scan,
  ScanStatus,
  ScanTarget,
  ScanTrigger,
  Severity,
} from '@pavedai/plugin-azure-openai-common';

/** What discovery (or a scan of one account) tells the store about an account. */
export interface UpsertAccountInput {
  resourceId: string;
  location?: string;
  kind?: string;
  tags?: Record<string, string>;
  owner?: string;
  system?: string;
  seenAt: Date;
  scanId: string;
}

/** A new scan. */
export interface CreateScanInput {
  id: string;
  trigger: ScanTrigger;
  requestedBy?: string;
  target: ScanTarget;
  createdAt: Date;
}

/** Fields of a scan that change while it runs. */
export interface UpdateScanInput {
  status?: ScanStatus;
  startedAt?: Date;
  finishedAt?: Date;
  error?: string;
}

/** Counters to add to a scan's progress. */
export interface ScanProgressIncrement {
  total?: number;
  done?: number;
  failed?: number;
}

/** One evaluation to store. */
export interface SaveResultInput {
  scanId: string;
  accountId: string;
  evaluatedAt: Date;
  status: 'ok' | 'error';
  error?: string;
  score: PostureSummary['score'];
  grade: Grade;
  capped: boolean;
  earnedWeight: number;
  scoredWeight: number;
  counts: PostureSummary['counts'];
  results: readonly ControlResult[];
  diff?: PostureDiff;
}

/**
 * Fleet listing query of the store (the API's `FleetQuery` after validation and defaults); every
 * filter is optional and they combine with AND.
 */
export interface FleetStoreQuery {
  owner?: string;
  system?: string;
  grades?: Grade[];
  /** Only accounts where this control fails. */
  failingControl?: string;
  /** Only accounts with at least one failing control of this severity. */
  severity?: Severity;
  subscriptionId?: string;
  includeDeleted?: boolean;
  /** Only scanned accounts, or only accounts without a stored result. Default: both. */
  scanState?: FleetScanState;
  /** Only golden-path accounts (provenance record or tags), or only the others. Default: both. */
  goldenPath?: boolean;
  sort: FleetSortField;
  order: 'asc' | 'desc';
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** Fleet roll-ups the store computes (the API adds `byOwnerNested` from the catalog). */
export type StoredFleetSummary = Omit<FleetSummary, 'byOwnerNested'>;

/** History retention. */
export interface PruneOptions {
  /** Remove results evaluated before this instant. */
  olderThan?: Date;
  /** Keep at most this many results per account. */
  maxPerAccount?: number;
  /**
   * Only prune the history of the accounts this scan stored a result for (bounded work after an
   * on-demand scan). Without it the whole table is pruned and old finished scans without results
   * are removed too.
   */
  scanId?: string;
}

/** An account's posture change in a scan. */
export interface ScanRegression {
  accountId: string;
  resourceId: string;
  diff: PostureDiff;
}

/**
 * One page of accounts with their latest postures, in ARM id order (for exports).
 *
 * @remarks
 * Keyset pagination on the lower-cased ARM id: pass the last item's `account.resourceId` as
 * `after` to read the next page, so a reader holds one page at a time whatever the fleet size.
 */
export interface LatestPageQuery {
  /** Only accounts owned by this entity ref (compared case-insensitively). */
  owner?: string;
  /** Only these accounts (opaque ids); at most a few hundred per call. */
  accountIds?: readonly string[];
  /** Include accounts marked deleted. Default false. */
  includeDeleted?: boolean;
  /** Only accounts whose ARM id sorts (case-insensitively) after this one. */
  after?: string;
  /** Page size. */
  limit: number;
}

/** An account of a {@link LatestPageQuery} page, with its latest posture when it has one. */
export interface LatestPageItem {
  account: AzureOpenAIAccount;
  /** Missing when the account has never been evaluated. */
  posture?: PostureRecord;
}

/**
 * Persistence of the audit plugin.
 *
 * @public
 */
export interface AuditStore {
  upsertAccount(input: UpsertAccountInput): Promise<AzureOpenAIAccount>;
  /** Looks an account up by opaque id or ARM id (case-insensitive). */
  getAccount(idOrResourceId: string): Promise<AzureOpenAIAccount | undefined>;
  /** Marks every account not seen by the given (complete) fleet scan as deleted; returns how many. */
  markUnseenAccountsDeleted(scanId: string, at: Date): Promise<number>;

  createScan(input: CreateScanInput): Promise<Scan>;
  updateScan(id: string, input: UpdateScanInput): Promise<void>;
  incrementScanProgress(id: string, inc: ScanProgressIncrement): Promise<void>;
  getScan(id: string): Promise<Scan | undefined>;
  /**
   * Marks scans that are still queued or running and were created before `before` as failed;
   * only scans of `trigger` when given. Returns how many.
   */
  failStaleScans(
    before: Date,
    reason: string,
    trigger?: ScanTrigger,
  ): Promise<number>;

  /** Stores a result and makes it the account's latest posture. */
  saveResult(input: SaveResultInput): Promise<PostureSummary>;
  getLatest(accountId: string): Promise<PostureRecord | undefined>;
  /** Latest postures (with accounts) for ARM ids; unknown ids are left out. */
  getLatestByResourceIds(
    resourceIds: readonly string[],
  ): Promise<Array<{ account: AzureOpenAIAccount; posture: PostureRecord }>>;
  listHistory(
    accountId: string,
    options: { limit: number; before?: Date },
  ): Promise<PostureSummary[]>;
  listScanRegressions(scanId: string): Promise<ScanRegression[]>;
  /** One page of accounts with their latest postures and evidence (see {@link LatestPageQuery}). */
  listLatestPage(query: LatestPageQuery): Promise<LatestPageItem[]>;

  listFleet(query: FleetStoreQuery): Promise<FleetPage>;
  getFleetSummary(): Promise<StoredFleetSummary>;

  /** Applies history retention; the latest result of every account is always kept. */
  pruneHistory(options: PruneOptions): Promise<number>;
}
