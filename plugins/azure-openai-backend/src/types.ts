import type {
  ControlResult,
  ControlStatus,
  EvaluationInput,
  GoldenPathPolicy,
  Grade,
} from '@pavedai/plugin-azure-openai-common';

/**
 * An Azure OpenAI account as discovery reports it.
 *
 * @public
 */
export interface DiscoveredAccount {
  /** ARM resource id of the `Microsoft.CognitiveServices/accounts` resource. */
  resourceId: string;
  /** ARM location, e.g. `westeurope`. */
  location?: string;
  /** ARM kind, e.g. `OpenAI` or `AIServices`. */
  kind?: string;
  /** ARM tags. */
  tags?: Record<string, string>;
  /**
   * The account body exactly as an ARM list returned it, if the source has it; passed on to the
   * evidence source (which may then skip the account `GET`).
   */
  armBody?: unknown;
}

/**
 * Options every source call receives.
 *
 * @public
 */
export interface SourceCallOptions {
  /** Aborted when the scan times out or the backend stops. */
  signal?: AbortSignal;
}

/**
 * Options of {@link AccountSource.listAccounts}.
 *
 * @public
 */
export interface ListAccountsOptions extends SourceCallOptions {
  /**
   * ARM ids named by catalog entities (`management.azure.com/resourceId`); discovery should
   * include them even when its listing does not find them (they may live in subscriptions that
   * are not configured).
   */
  accountIds: readonly string[];
}

/**
 * Lists the accounts to audit (discovery), e.g. over `AccountDiscovery` of
 * `@pavedai/plugin-azure-openai-node`.
 *
 * @public
 */
export interface AccountSource {
  /**
   * Streams every account of the fleet, each once. The scan consumes it lazily, so an
   * implementation may page through ARM without holding the whole fleet in memory. A throw fails
   * the scan (and no account is marked deleted).
   */
  listAccounts(options: ListAccountsOptions): AsyncIterable<DiscoveredAccount>;
  /**
   * Reads one account by ARM id for on-demand scans; `undefined` when it does not exist. Optional:
   * without it, on-demand scans pass `{ resourceId }` to the evidence source and take location,
   * kind and tags from the collected account body.
   */
  getAccount?(
    resourceId: string,
    options: SourceCallOptions,
  ): Promise<DiscoveredAccount | undefined>;
}

/**
 * Collects evidence, e.g. over `EvidenceCollector` of `@pavedai/plugin-azure-openai-node`.
 *
 * @public
 */
export interface EvidenceSource {
  /**
   * Starts the collection for one scan. Evidence shared by several accounts (subscription-level
   * reads) may be read once per collection.
   */
  startScan(options: SourceCallOptions): EvidenceCollection;
}

/**
 * The evidence collection of one scan.
 *
 * @remarks
 * A piece that cannot be read should be returned as absent (with its reason) rather than thrown;
 * a throw marks the whole account as `error` and every control that needs evidence as `unknown`.
 *
 * @public
 */
export interface EvidenceCollection {
  collect(
    account: DiscoveredAccount,
    options: SourceCallOptions,
  ): Promise<EvaluationInput>;
}

/**
 * Supplies the golden-path policy the engine evaluates against.
 *
 * @public
 */
export interface PolicySource {
  getPolicy(): Promise<GoldenPathPolicy>;
}

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
