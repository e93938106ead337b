import {
  computePolicyImpact,
  type GoldenPathImpact,
  type GoldenPathImpactAccount,
  type PolicyImpactOptions,
} from '@pavedai/plugin-azure-openai-common';

/** What one evaluation of the fleet gives: the counts and every changed account, in ARM id order. */
export interface EvaluatedPolicyImpact {
  summary: Omit<GoldenPathImpact, 'accounts' | 'nextCursor'>;
  accounts: GoldenPathImpactAccount[];
}

/** Options of {@link PolicyImpactCache}. */
export interface PolicyImpactCacheOptions {
  /** Most evaluations kept (least recently used go first). Default 8. */
  maxEntries?: number;
  /** Most changed accounts kept over all entries (bounds memory). Default 50,000. */
  maxAccounts?: number;
  /** How long an evaluation is reused, in milliseconds. Default 5 minutes. */
  ttlMs?: number;
  /** Milliseconds since the epoch (tests). */
  clock?: () => number;
  /** Evaluates the fleet (tests count the calls). Default `computePolicyImpact`. */
  compute?: typeof computePolicyImpact;
}

/** The options of one evaluation: everything but the page. */
export type PolicyImpactEvaluation = Omit<
  PolicyImpactOptions,
  'after' | 'limit' | 'onChanged'
>;

interface Entry {
  expiresAt: number;
  /** Settles once; shared by concurrent requests for the same key. */
  value: Promise<EvaluatedPolicyImpact>;
  accounts: number;
}

/**
 * Evaluates a candidate policy on the whole fleet once and serves every page of the answer from
 * that evaluation, for a short while, in this replica's memory.
 *
 * @remarks
 * The key must name everything the answer depends on: both policies, the stored evidence and
 * the governance in force (see the impact route). Concurrent requests for the same key share one
 * evaluation; a failed evaluation is not kept. Entries are bounded in number, in changed accounts
 * held, and in age (time-dependent controls and `evaluatedAt` are those of the evaluation, at
 * most `ttlMs` old).
 */
export class PolicyImpactCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxAccounts: number;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #compute: typeof computePolicyImpact;

  constructor(options: PolicyImpactCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 8;
    this.#maxAccounts = options.maxAccounts ?? 50_000;
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#clock = options.clock ?? Date.now;
    this.#compute = options.compute ?? computePolicyImpact;
  }

  /** Number of evaluations held (tests and diagnostics). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * One page of the impact: from the evaluation cached under `key`, or from a new one.
   *
   * @param key - names the policies, evidence and governance the evaluation depends on
   * @param evaluation - how to evaluate when nothing is cached under `key`
   * @param page - changed accounts after `after` (ARM id, any case), at most `limit` (at least 1)
   */
  async page(
    key: string,
    evaluation: PolicyImpactEvaluation,
    page: { after?: string; limit: number },
  ): Promise<GoldenPathImpact> {
    return pageOf(await this.#evaluated(key, evaluation), page);
  }

  async #evaluated(
    key: string,
    evaluation: PolicyImpactEvaluation,
  ): Promise<EvaluatedPolicyImpact> {
    const now = this.#clock();
    for (const [k, e] of this.#entries) {
      if (e.expiresAt <= now) this.#entries.delete(k);
    }
    const hit = this.#entries.get(key);
    if (hit) {
      // most recently used last
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value;
    }
    const entry: Entry = {
      expiresAt: now + this.#ttlMs,
      accounts: 0,
      value: this.#evaluate(evaluation),
    };
    this.#entries.set(key, entry);
    try {
      const value = await entry.value;
      entry.accounts = value.accounts.length;
      this.#evict();
      return value;
    } catch (error) {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
      throw error;
    }
  }

  async #evaluate(
    evaluation: PolicyImpactEvaluation,
  ): Promise<EvaluatedPolicyImpact> {
    const accounts: GoldenPathImpactAccount[] = [];
    // limit 0: the summary only; every changed account arrives through onChanged, in order
    const {
      accounts: _none,
      nextCursor: _noCursor,
      ...summary
    } = await this.#compute({
      ...evaluation,
      limit: 0,
      onChanged: account => {
        accounts.push(account);
      },
    });
    return { summary, accounts };
  }

  #evict() {
    let held = 0;
    for (const e of this.#entries.values()) held += e.accounts;
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && held <= this.#maxAccounts) {
        break;
      }
      // oldest (least recently used) first; an entry still evaluating holds nothing yet
      this.#entries.delete(k);
      held -= e.accounts;
    }
  }
}

/**
 * The page of an evaluated impact that `computePolicyImpact` answers for the same `after` and
 * `limit`: the changed accounts after `after`, at most `limit`, and `nextCursor` when more follow.
 */
export function pageOf(
  evaluated: EvaluatedPolicyImpact,
  page: { after?: string; limit: number },
): GoldenPathImpact {
  const after = page.after?.toLowerCase();
  const rest =
    after === undefined
      ? evaluated.accounts
      : evaluated.accounts.filter(a => a.resourceId.toLowerCase() > after);
  const accounts = rest.slice(0, page.limit);
  return {
    ...evaluated.summary,
    accounts,
    ...(rest.length > accounts.length && accounts.length > 0
      ? { nextCursor: accounts[accounts.length - 1].resourceId }
      : {}),
  };
}
