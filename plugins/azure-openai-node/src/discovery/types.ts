/**
 * How {@link AccountDiscovery} lists accounts.
 *
 * @remarks
 * `resourceGraph`: one Azure Resource Graph query per batch of subscriptions
 * (pages of 1,000 rows). `arm`: `accounts.list` per subscription.
 *
 * @public
 */
export type AccountDiscoveryMode = 'arm' | 'resourceGraph';

/**
 * An Azure OpenAI (or AI Services) account found by {@link AccountDiscovery}.
 *
 * @public
 */
export interface DiscoveredAccount {
  /** ARM id as Azure spells it. Deduplicate and compare lower-cased. */
  id: string;
  /** Subscription GUID. */
  subscriptionId: string;
  /** Resource group name. */
  resourceGroup: string;
  /** Account name. */
  name: string;
  /** `OpenAI` or `AIServices`; undefined when an explicitly named account could not be read. */
  kind?: string;
  /** Azure region, for example `swedencentral`. */
  location?: string;
  /** The account's tags (empty when it has none). */
  tags: Record<string, string>;
  /** How it was found. */
  source: 'arm' | 'resourceGraph' | 'explicit';
  /**
   * The raw ARM account body when discovery read it from ARM (`arm` mode and
   * explicitly named accounts): hand it to
   * `EvidenceCollector.collectAccount` as `accountBody` to save a `GET`.
   */
  armBody?: unknown;
}

/**
 * Options of {@link AccountDiscovery.discover}.
 *
 * @public
 */
export interface DiscoverOptions {
  /** Aborts the discovery. */
  signal?: AbortSignal;
  /**
   * ARM ids named explicitly (for example by catalog entities through the
   * `management.azure.com/resourceId` annotation). They are found even
   * outside the configured subscriptions.
   */
  accountIds?: Iterable<string>;
  /** Overrides the configured subscriptions for this call. */
  subscriptions?: string[];
}
