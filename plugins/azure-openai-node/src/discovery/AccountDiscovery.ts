import type { QueryResponse } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/core-auth';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { ArmClientOptions } from '../arm/createArmClientOptions';
import {
  ArmAccessFromConfigOptions,
  armAccessFromConfig,
} from '../azure/armAccessFromConfig';
import { ArmClients } from '../azure/armClients';
import { armIdKey, parseArmResourceId } from '../azure/armResourceId';
import { rawArmList } from '../azure/rawArm';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { statusOf } from '../evidence/evidenceErrors';
import { ArmRequestScheduler } from '../scheduling/ArmRequestScheduler';
import { abortError } from '../util/abortableDelay';
import { readAccountDiscoveryConfig } from './readAccountDiscoveryConfig';
import type {
  AccountDiscoveryMode,
  DiscoveredAccount,
  DiscoverOptions,
} from './types';

/**
 * Inputs of {@link AccountDiscovery}.
 *
 * @public
 */
export interface AccountDiscoveryOptions {
  /** The identity discovery reads ARM as. */
  credential: TokenCredential;
  /** From {@link createArmClientOptions}. */
  clientOptions: ArmClientOptions;
  /** Bounds concurrency overall and per subscription. */
  scheduler: ArmRequestScheduler;
  /** Default `resourceGraph`. */
  mode?: AccountDiscoveryMode;
  /** Subscriptions to list; empty or absent means every subscription the credential sees. */
  subscriptions?: string[];
  /** Subscriptions per Resource Graph query (1–1000, default 200). */
  subscriptionBatchSize?: number;
  /** Where discovery logs. */
  logger?: LoggerService;
}

const ACCOUNT_TYPE = 'microsoft.cognitiveservices/accounts';
const KINDS = ['OpenAI', 'AIServices'];
const GRAPH_QUERY = `Resources | where type =~ '${ACCOUNT_TYPE}' and kind in~ (${KINDS.map(
  k => `'${k}'`,
).join(', ')}) | project id, name, kind, location, tags | order by id asc`;
const GRAPH_PAGE_SIZE = 1000;
const SUBSCRIPTIONS_API_VERSION = '2022-12-01';

/**
 * Finds the Azure OpenAI accounts (kind `OpenAI` and `AIServices`) to audit.
 *
 * @remarks
 * Yields each account once (deduplicated by lower-cased ARM id) as soon as
 * its page arrives, so a scan can process accounts with bounded memory.
 *
 * @public
 */
export class AccountDiscovery {
  private readonly clients: ArmClients;
  private readonly scheduler: ArmRequestScheduler;
  private readonly mode: AccountDiscoveryMode;
  private readonly subscriptions: string[];
  private readonly batchSize: number;
  private readonly logger?: LoggerService;

  /** Discovery configured from `azureOpenAI.azure` (including `azureOpenAI.azure.discovery`). */
  static fromConfig(
    config: Config,
    options: ArmAccessFromConfigOptions = {},
  ): AccountDiscovery {
    const access = readAzureAccessConfig(config);
    const discovery = readAccountDiscoveryConfig(config);
    return new AccountDiscovery({
      ...armAccessFromConfig(access, options),
      subscriptions: access.subscriptions,
      mode: discovery.mode,
      subscriptionBatchSize: discovery.subscriptionBatchSize,
      logger: options.logger,
    });
  }

  constructor(options: AccountDiscoveryOptions) {
    this.clients = new ArmClients(options.credential, options.clientOptions);
    this.scheduler = options.scheduler;
    this.mode = options.mode ?? 'resourceGraph';
    this.subscriptions = options.subscriptions ?? [];
    this.batchSize = options.subscriptionBatchSize ?? 200;
    if (
      !Number.isInteger(this.batchSize) ||
      this.batchSize < 1 ||
      this.batchSize > 1000
    ) {
      throw new InputError(
        `AccountDiscovery subscriptionBatchSize must be a whole number from 1 to 1000, got ${this.batchSize}`,
      );
    }
    this.logger = options.logger;
  }

  /** Every account to audit: listed ones first, then explicitly named ones not listed. */
  async *discover(
    options: DiscoverOptions = {},
  ): AsyncGenerator<DiscoveredAccount, void, undefined> {
    const { signal } = options;
    const seen = new Set<string>();
    const explicit = new Map<string, string>();
    for (const id of options.accountIds ?? []) {
      parseArmResourceId(id); // refuse malformed ids before any call
      explicit.set(armIdKey(id), id);
    }
    const configured = options.subscriptions ?? this.subscriptions;
    const subscriptions =
      configured.length > 0 ? configured : await this.listSubscriptions(signal);

    const listed =
      this.mode === 'arm'
        ? this.listByArm(subscriptions, signal)
        : this.listByResourceGraph(subscriptions, signal);
    for await (const account of listed) {
      const key = armIdKey(account.id);
      if (!seen.has(key)) {
        seen.add(key);
        yield account;
      }
    }
    for (const [key, id] of explicit) {
      if (!seen.has(key)) {
        seen.add(key);
        const account = await this.getExplicit(id, signal);
        if (account) {
          yield account;
        }
      }
    }
  }

  /** Subscription ids the credential can see (`GET /subscriptions`), disabled ones left out. */
  async listSubscriptions(signal?: AbortSignal): Promise<string[]> {
    const items = await this.scheduler.run(
      '',
      s =>
        rawArmList(
          this.clients.raw(),
          `${this.clients.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`,
          s,
        ),
      { signal },
    );
    return items
      .filter(s => {
        const state = String((s as { state?: unknown }).state ?? 'Enabled');
        return !['disabled', 'deleted'].includes(state.toLowerCase());
      })
      .map(s => String((s as { subscriptionId?: unknown }).subscriptionId))
      .filter(id => id && id !== 'undefined');
  }

  private async *listByArm(
    subscriptions: string[],
    signal?: AbortSignal,
  ): AsyncGenerator<DiscoveredAccount> {
    for (const sub of subscriptions) {
      const cs = this.clients.cognitive(sub);
      const buffer: unknown[] = [];
      const pages = cs.accounts
        .list({
          abortSignal: signal,
          onResponse: raw => {
            const body = raw.bodyAsText ? JSON.parse(raw.bodyAsText) : {};
            buffer.push(...(Array.isArray(body.value) ? body.value : []));
          },
        })
        .byPage();
      for (;;) {
        const next = await this.scheduler.run(sub, () => pages.next(), {
          signal,
        });
        for (const body of buffer.splice(0)) {
          const account = fromArmBody(body, 'arm');
          if (account && isAuditedKind(account.kind)) {
            yield account;
          }
        }
        if (next.done) {
          break;
        }
      }
    }
  }

  private async *listByResourceGraph(
    subscriptions: string[],
    signal?: AbortSignal,
  ): AsyncGenerator<DiscoveredAccount> {
    const graph = this.clients.resourceGraph();
    for (let i = 0; i < subscriptions.length; i += this.batchSize) {
      const batch = subscriptions.slice(i, i + this.batchSize);
      let skipToken: string | undefined = undefined;
      do {
        const token: string | undefined = skipToken;
        const response: QueryResponse = await this.scheduler.run(
          '',
          s =>
            graph.resources(
              {
                query: GRAPH_QUERY,
                subscriptions: batch,
                options: {
                  top: GRAPH_PAGE_SIZE,
                  skipToken: token,
                  resultFormat: 'objectArray',
                },
              },
              { abortSignal: s },
            ),
          { signal },
        );
        if (signal?.aborted) {
          throw abortError();
        }
        const rows: unknown[] = Array.isArray(response.data)
          ? response.data
          : [];
        for (const row of rows) {
          const account = fromGraphRow(row);
          if (account && isAuditedKind(account.kind)) {
            yield account;
          }
        }
        skipToken = response.skipToken || undefined;
      } while (skipToken);
    }
  }

  private async getExplicit(
    id: string,
    signal?: AbortSignal,
  ): Promise<DiscoveredAccount | undefined> {
    const { subscriptionId, resourceGroup, name } = parseArmResourceId(id);
    const cs = this.clients.cognitive(subscriptionId);
    let body: unknown;
    try {
      await this.scheduler.run(
        subscriptionId,
        s =>
          cs.accounts.get(resourceGroup, name, {
            abortSignal: s,
            onResponse: raw => {
              body = raw.bodyAsText ? JSON.parse(raw.bodyAsText) : undefined;
            },
          }),
        { signal },
      );
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      if (statusOf(error) === 404) {
        this.logger?.info(
          `Azure OpenAI account ${id} is named by the catalog but does not exist`,
        );
        return undefined;
      }
      // Not readable (for example 403): still audit it, the collector records why.
      return {
        id,
        subscriptionId,
        resourceGroup,
        name,
        tags: {},
        source: 'explicit',
      };
    }
    return fromArmBody(body, 'explicit');
  }
}

function isAuditedKind(kind: string | undefined): boolean {
  return KINDS.some(k => k.toLowerCase() === kind?.toLowerCase());
}

function fromArmBody(
  body: unknown,
  source: 'arm' | 'explicit',
): DiscoveredAccount | undefined {
  const account = fromRow(body, source);
  return account ? { ...account, armBody: body } : undefined;
}

function fromGraphRow(row: unknown): DiscoveredAccount | undefined {
  return fromRow(row, 'resourceGraph');
}

function fromRow(
  row: unknown,
  source: DiscoveredAccount['source'],
): DiscoveredAccount | undefined {
  const r = row as {
    id?: unknown;
    kind?: unknown;
    location?: unknown;
    tags?: unknown;
  };
  if (typeof r?.id !== 'string') {
    return undefined;
  }
  let parts;
  try {
    parts = parseArmResourceId(r.id);
  } catch {
    return undefined;
  }
  const tags: Record<string, string> = {};
  if (r.tags && typeof r.tags === 'object') {
    for (const [k, v] of Object.entries(r.tags)) {
      if (typeof v === 'string') {
        tags[k] = v;
      }
    }
  }
  return {
    id: r.id,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    name: parts.name,
    kind: typeof r.kind === 'string' ? r.kind : undefined,
    location: typeof r.location === 'string' ? r.location : undefined,
    tags,
    source,
  };
}
