import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  aggregateScores,
  type AccountHistory,
  type AccountPosture,
  type AzureOpenAIAccount,
  type EntityPosture,
  type FleetSummary,
} from '@pavedai/plugin-azure-openai-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { AuditStore } from '../database/AuditStore';
import { rollUpOwnerGroups } from './rollUpOwnerGroups';
import type { EntityLinker } from '../linking/EntityLinker';

/** Reads postures for the API. */
export class PostureService {
  readonly #store: AuditStore;
  readonly #linker: EntityLinker;
  readonly #logger?: LoggerService;

  static create(options: {
    store: AuditStore;
    linker: EntityLinker;
    logger?: LoggerService;
  }): PostureService {
    return new PostureService(options.store, options.linker, options.logger);
  }

  private constructor(
    store: AuditStore,
    linker: EntityLinker,
    logger?: LoggerService,
  ) {
    this.#store = store;
    this.#linker = linker;
    this.#logger = logger;
  }

  /**
   * Fleet roll-ups, plus `byOwnerNested`: each group with the accounts of the groups below it.
   * When the catalog cannot be read, groups are not nested (each counts only its own accounts).
   */
  async getFleetSummary(): Promise<FleetSummary> {
    const summary = await this.#store.getFleetSummary();
    let parents = new Map<string, string[]>();
    try {
      parents = await this.#linker.loadGroupParents();
    } catch (error) {
      this.#logger?.warn(
        'Could not read the group hierarchy from the catalog',
        {
          error: stringifyError(error),
        },
      );
    }
    return {
      ...summary,
      byOwnerNested: rollUpOwnerGroups(summary.byOwner, parents),
    };
  }

  /**
   * @throws NotFoundError when the entity does not exist or the caller cannot see it
   */
  async getEntityPosture(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityPosture> {
    const linked = await this.#linker.resolveEntityAccounts(
      entityRef,
      credentials,
    );
    if (!linked) throw new NotFoundError(`No entity '${entityRef}'`);
    const stored = await this.#store.getLatestByResourceIds(
      linked.accounts.map(a => a.resourceId),
    );
    const byKey = new Map(
      stored.map(s => [s.account.resourceId.toLowerCase(), s]),
    );
    const accounts: EntityPosture['accounts'] = [];
    const unscanned: EntityPosture['unscanned'] = [];
    for (const link of linked.accounts) {
      const found = byKey.get(link.resourceId.toLowerCase());
      if (found) accounts.push({ ...found, linkedBy: link.linkedBy });
      else unscanned.push(link);
    }
    return {
      entityRef: linked.entityRef,
      aggregate: aggregateScores(accounts.map(a => a.posture)),
      accounts,
      unscanned,
    };
  }

  /**
   * @throws NotFoundError when the account is unknown or was never evaluated
   */
  async getAccountPosture(
    accountIdOrResourceId: string,
  ): Promise<AccountPosture> {
    const account = await this.#requireAccount(accountIdOrResourceId);
    const posture = await this.#store.getLatest(account.id);
    if (!posture) {
      throw new NotFoundError(
        `Account '${account.resourceId}' has not been evaluated yet`,
      );
    }
    return { account, posture };
  }

  async getAccountHistory(
    accountIdOrResourceId: string,
    options: { limit: number; before?: Date },
  ): Promise<AccountHistory> {
    const account = await this.#requireAccount(accountIdOrResourceId);
    return {
      account,
      items: await this.#store.listHistory(account.id, options),
    };
  }

  async #requireAccount(idOrResourceId: string): Promise<AzureOpenAIAccount> {
    const account = await this.#store.getAccount(idOrResourceId);
    if (!account) {
      throw new NotFoundError(`No Azure OpenAI account '${idOrResourceId}'`);
    }
    return account;
  }
}
