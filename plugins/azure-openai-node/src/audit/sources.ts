import type {
  EvaluationInput,
  GoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-common';

/**
 * An Azure OpenAI account as an {@link AccountSource} reports it to the audit plugin (the audit
 * plugin re-exports it as `DiscoveredAccount`).
 *
 * @public
 */
export interface AuditSourceAccount {
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
 * Lists the accounts to audit (discovery), e.g. over `AccountDiscovery` of this package.
 *
 * @public
 */
export interface AccountSource {
  /**
   * Streams every account of the fleet, each once. The scan consumes it lazily, so an
   * implementation may page through ARM without holding the whole fleet in memory. A throw fails
   * the scan (and no account is marked deleted).
   */
  listAccounts(options: ListAccountsOptions): AsyncIterable<AuditSourceAccount>;
  /**
   * Reads one account by ARM id for on-demand scans; `undefined` when it does not exist. Optional:
   * without it, on-demand scans pass `{ resourceId }` to the evidence source and take location,
   * kind and tags from the collected account body.
   */
  getAccount?(
    resourceId: string,
    options: SourceCallOptions,
  ): Promise<AuditSourceAccount | undefined>;
}

/**
 * Collects evidence, e.g. over `EvidenceCollector` of this package.
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
  /** Collects the evidence of one account. */
  collect(
    account: AuditSourceAccount,
    options: SourceCallOptions,
  ): Promise<EvaluationInput>;
}

/**
 * Supplies the golden-path policy the engine evaluates against.
 *
 * @public
 */
export interface PolicySource {
  /** The golden-path policy in force now. */
  getPolicy(): Promise<GoldenPathPolicy>;
}
