import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, stringifyError } from '@backstage/errors';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE,
  AZURE_RESOURCE_ID_ANNOTATION,
} from '@pavedai/plugin-azure-openai-common';
import { accountToEntity, entityNamesFor } from './accountToEntity';
import { ArmAccountSummary, AzureOpenAIAccountSource } from './types';

const PROVIDER_NAME = 'azure-openai-accounts';
const DEFAULT_PORTAL_URL = 'https://portal.azure.com';

/** Settings read from `azureOpenAI.catalog`. */
interface ProviderSettings {
  defaultOwner: string;
  namespace: string;
  portalUrl: string;
}

function readSettings(config: Config): ProviderSettings {
  const catalog = config.getOptionalConfig('azureOpenAI.catalog');
  const defaultOwner = catalog?.getOptionalString('defaultOwner');
  if (!defaultOwner) {
    throw new InputError(
      'azureOpenAI.catalog.defaultOwner is required: the entity ref that owns accounts whose tags name no owner, for example group:default/platform-team',
    );
  }
  return {
    defaultOwner,
    namespace: catalog?.getOptionalString('namespace') ?? 'default',
    portalUrl: catalog?.getOptionalString('portalUrl') ?? DEFAULT_PORTAL_URL,
  };
}

/**
 * Emits a `Resource` entity (`spec.type: azure-openai-account`) for every Azure OpenAI account
 * that discovery finds, with full mutations so that deleted accounts leave the catalog.
 *
 * Accounts that an entity written by people already claims (through the
 * `management.azure.com/resourceId` annotation, for example in a repository's
 * catalog-info.yaml) are left to that entity, so the two never conflict.
 *
 * @public
 */
export class AzureOpenAIEntityProvider implements EntityProvider {
  readonly #settings: ProviderSettings;
  readonly #source: AzureOpenAIAccountSource;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;

  /**
   * Creates the provider from `azureOpenAI.catalog` (default owner, namespace, portal URL).
   *
   * @param config - the root config
   * @param options - the account source, the catalog and auth services, a logger, and the task
   *   runner of the refresh schedule
   */
  static fromConfig(
    config: Config,
    options: {
      source: AzureOpenAIAccountSource;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ): AzureOpenAIEntityProvider {
    return new AzureOpenAIEntityProvider(readSettings(config), options);
  }

  private constructor(
    settings: ProviderSettings,
    options: {
      source: AzureOpenAIAccountSource;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {
    this.#settings = settings;
    this.#source = options.source;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger.child({ provider: PROVIDER_NAME });
    this.#taskRunner = options.taskRunner;
  }

  /** `azure-openai-accounts`. */
  getProviderName(): string {
    return PROVIDER_NAME;
  }

  /** Keeps the connection and schedules the refresh. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${PROVIDER_NAME}:refresh`,
      fn: async abortSignal => {
        try {
          await this.refresh({ signal: abortSignal });
        } catch (error) {
          // The last good set of entities stays in the catalog until the next run succeeds.
          this.#logger.warn('Azure OpenAI account discovery failed', {
            error: stringifyError(error),
          });
        }
      },
    });
  }

  /**
   * Discovers accounts and replaces the provider's entities with them. Throws, without
   * touching the catalog, when discovery fails part way.
   */
  async refresh(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.#connection) {
      throw new Error('AzureOpenAIEntityProvider is not connected yet');
    }
    const accounts: ArmAccountSummary[] = [];
    const seen = new Set<string>();
    for await (const account of this.#source.listAccounts(options)) {
      const key = account.id.toLocaleLowerCase('en-US');
      if (!seen.has(key)) {
        seen.add(key);
        accounts.push(account);
      }
    }
    const { claimedElsewhere: claimed } = await this.#catalogClaims();
    const unclaimed = accounts.filter(
      a => !claimed.has(a.id.toLocaleLowerCase('en-US')),
    );
    const names = entityNamesFor(unclaimed);
    const entities = unclaimed.map(account => ({
      locationKey: locationKeyOf(account),
      entity: this.#toEntity(account, names),
    }));
    await this.#connection.applyMutation({ type: 'full', entities });
    this.#logger.info('Azure OpenAI accounts discovered', {
      discovered: accounts.length,
      emitted: entities.length,
      claimedByOtherEntities: accounts.length - unclaimed.length,
    });
  }

  /**
   * Adds one account at once (for example one the golden path just provisioned), without
   * waiting for the next scheduled refresh: a `delta` mutation with its entity, named as the next
   * full refresh will name it. Skipped when another entity already claims the account or the
   * source does not find it. Falls back to a full refresh when the source cannot read one account.
   *
   * @returns the entity emitted, or undefined when none was
   */
  async adoptAccount(
    accountId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<Entity | undefined> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error('AzureOpenAIEntityProvider is not connected yet');
    }
    if (!this.#source.getAccount) {
      await this.refresh(options);
      return undefined;
    }
    const account = await this.#source.getAccount(accountId, options);
    if (!account) {
      this.#logger.warn('Provisioned Azure OpenAI account not found', {
        accountId,
      });
      return undefined;
    }
    const key = account.id.toLocaleLowerCase('en-US');
    const { claimedElsewhere, emitted } = await this.#catalogClaims();
    if (claimedElsewhere.has(key)) {
      this.#logger.info(
        'Provisioned Azure OpenAI account is described by another entity',
        { accountId: account.id },
      );
      return undefined;
    }
    const names = entityNamesFor([
      account,
      ...emitted.filter(a => a.id.toLocaleLowerCase('en-US') !== key),
    ]);
    const entity = this.#toEntity(account, names);
    await connection.applyMutation({
      type: 'delta',
      added: [{ locationKey: locationKeyOf(account), entity }],
      removed: [],
    });
    this.#logger.info('Provisioned Azure OpenAI account adopted', {
      accountId: account.id,
      entityRef: stringifyEntityRef(entity),
    });
    return entity;
  }

  #toEntity(
    account: ArmAccountSummary,
    names: Map<ArmAccountSummary, string>,
  ): Entity {
    return accountToEntity(account, {
      ...this.#settings,
      providerName: PROVIDER_NAME,
      name: names.get(account)!,
    });
  }

  /**
   * What the catalog already holds: ARM ids (lower case) of accounts that entities from other
   * locations describe, and the accounts this provider emitted (id and name, for naming).
   */
  async #catalogClaims(): Promise<{
    claimedElsewhere: Set<string>;
    emitted: ArmAccountSummary[];
  }> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE,
        },
        fields: ['metadata.annotations'],
      },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    const claimedElsewhere = new Set<string>();
    const emitted: ArmAccountSummary[] = [];
    for (const entity of items) {
      const annotations = entity.metadata.annotations ?? {};
      const armId = annotations[AZURE_RESOURCE_ID_ANNOTATION];
      const location = annotations[ANNOTATION_LOCATION] ?? '';
      if (!armId) continue;
      if (location.startsWith(`${PROVIDER_NAME}:`)) {
        emitted.push({ id: armId, name: armId.split('/').pop()! });
      } else {
        claimedElsewhere.add(armId.toLocaleLowerCase('en-US'));
      }
    }
    return { claimedElsewhere, emitted };
  }
}

/** The location key of an account's entity: the same for full and delta mutations. */
function locationKeyOf(account: ArmAccountSummary): string {
  return `${PROVIDER_NAME}:${account.id.toLocaleLowerCase('en-US')}`;
}
