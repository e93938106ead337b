/**
 * An Azure OpenAI account as Azure Resource Manager returns it (the fields this module reads;
 * everything else is ignored).
 *
 * @public
 */
export interface ArmAccountSummary {
  /** The ARM resource id. */
  id: string;
  /** The account name. */
  name: string;
  /** `OpenAI` or `AIServices`. */
  kind?: string;
  /** Azure region, e.g. `swedencentral`. */
  location?: string;
  /** Resource tags; `backstage.io-owner` and `backstage.io-system` set owner and system. */
  tags?: Record<string, string>;
}

/**
 * Where the provider gets accounts from: the audit plugin's discovery in a real backend, a
 * fixed list in tests.
 *
 * @public
 */
export interface AzureOpenAIAccountSource {
  /** Every Azure OpenAI account the configured identity can see. */
  listAccounts(options: {
    signal?: AbortSignal;
  }): AsyncIterable<ArmAccountSummary>;
  /**
   * One account by ARM id, or undefined when it does not exist (or is not an Azure OpenAI
   * account). Optional: without it, the provider adopts a provisioned account with a full
   * refresh.
   */
  getAccount?(
    id: string,
    options: { signal?: AbortSignal },
  ): Promise<ArmAccountSummary | undefined>;
}
