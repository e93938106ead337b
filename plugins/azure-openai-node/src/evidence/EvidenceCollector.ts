import type { TokenCredential } from '@azure/core-auth';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  absent,
  AccountEvidence,
  EvaluationInput,
  Evidence,
  present,
  SubscriptionEvidence,
} from '@pavedai/plugin-azure-openai-common';
import type { ArmClientOptions } from '../arm/createArmClientOptions';
import {
  ArmAccessFromConfigOptions,
  armAccessFromConfig,
} from '../azure/armAccessFromConfig';
import { armIdKey, parseArmResourceId } from '../azure/armResourceId';
import { ArmClients } from '../azure/armClients';
import { rawArmGet } from '../azure/rawArm';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { ArmRequestScheduler } from '../scheduling/ArmRequestScheduler';
import { abortError } from '../util/abortableDelay';
import { absentFromError } from './evidenceErrors';
import { listItems, listRaw } from './listPages';

/**
 * Inputs of {@link EvidenceCollector}.
 *
 * @public
 */
export interface EvidenceCollectorOptions {
  /** The identity the evidence is read as (reader-level access is enough). */
  credential: TokenCredential;
  /** From {@link createArmClientOptions}; one object for every client. */
  clientOptions: ArmClientOptions;
  /** Bounds concurrency overall and per subscription. */
  scheduler: ArmRequestScheduler;
  /** Where the collector logs. */
  logger?: LoggerService;
  /**
   * Deadline of one evidence piece (queueing, retries and `Retry-After` waits
   * included), in milliseconds. When it passes the piece is
   * `absent('timeout')`. Default: no deadline beyond the per-attempt timeout
   * and retry count.
   */
  pieceDeadlineMs?: number;
  /** Read `accounts.listModels` (evidence key `models`). Default `true`. */
  collectModels?: boolean;
  /** Read `privateLinkResources.list` (evidence key `privateLinkResources`). Default `true`. */
  collectPrivateLinkResources?: boolean;
}

/**
 * Options of one account collection.
 *
 * @public
 */
export interface CollectAccountOptions {
  /** Aborting stops the collection with an `AbortError` (nothing is recorded as absent). */
  signal?: AbortSignal;
  /**
   * The account body exactly as an ARM list returned it (see
   * {@link DiscoveredAccount.armBody}); saves the account `GET`.
   */
  accountBody?: unknown;
  /**
   * Raw bodies of the other accounts of the same workload (evidence key
   * `workloadAccounts`). Without it that piece is `absent('not-collected')`.
   */
  workloadAccounts?: unknown[];
}

/**
 * Options of {@link EvidenceCollector.startScan}.
 *
 * @public
 */
export interface EvidenceScanOptions {
  /** Aborts every read of the scan, the shared subscription reads included. */
  signal?: AbortSignal;
}

/**
 * One scan: account collections that share subscription-level evidence.
 *
 * @public
 */
export interface EvidenceScan {
  /**
   * Everything the control catalog reads for one account: its own evidence
   * and its subscription's, the latter read once per subscription per scan.
   */
  collect(
    accountId: string,
    options?: CollectAccountOptions,
  ): Promise<EvaluationInput>;
  /** The subscription's evidence; concurrent and later calls share one read. */
  subscription(subscriptionId: string): Promise<SubscriptionEvidence>;
}

type Piece = Promise<Evidence>;

const SECURITY_PRICING_API_VERSION = '2023-01-01';

/**
 * Collects the evidence the control catalog reads, with the Azure SDK, as
 * few reader-level calls as possible. It never reads keys or any other
 * secret.
 *
 * @remarks
 * Every piece is present with the raw ARM body, or absent with its reason
 * (`forbidden` for 401/403, `not-found` for 404, `timeout`, `error`,
 * `not-collected`). A failed piece never fails the collection; only an
 * aborted signal does.
 *
 * @public
 */
export class EvidenceCollector {
  private readonly clients: ArmClients;
  private readonly scheduler: ArmRequestScheduler;
  private readonly logger?: LoggerService;
  private readonly pieceDeadlineMs?: number;
  private readonly collectModels: boolean;
  private readonly collectPrivateLinkResources: boolean;

  /**
   * A collector configured from `azureOpenAI.azure` (credential, cloud or
   * emulator, concurrency, timeouts, retries).
   */
  static fromConfig(
    config: Config,
    options: ArmAccessFromConfigOptions = {},
  ): EvidenceCollector {
    const access = readAzureAccessConfig(config);
    return new EvidenceCollector({
      ...armAccessFromConfig(access, options),
      logger: options.logger,
    });
  }

  constructor(options: EvidenceCollectorOptions) {
    this.clients = new ArmClients(options.credential, options.clientOptions);
    this.scheduler = options.scheduler;
    this.logger = options.logger;
    this.pieceDeadlineMs = options.pieceDeadlineMs;
    this.collectModels = options.collectModels ?? true;
    this.collectPrivateLinkResources =
      options.collectPrivateLinkResources ?? true;
  }

  /** Starts a scan whose accounts share subscription-level reads. */
  startScan(options: EvidenceScanOptions = {}): EvidenceScan {
    const cache = new Map<string, Promise<SubscriptionEvidence>>();
    const subscription = (subscriptionId: string) => {
      const key = subscriptionId.toLowerCase();
      let read = cache.get(key);
      if (!read) {
        read = this.collectSubscription(subscriptionId, options);
        // An aborted read must not stick: a later scan step may retry it.
        read.catch(() => cache.delete(key));
        cache.set(key, read);
      }
      return read;
    };
    return {
      subscription,
      collect: async (accountId, collectOptions = {}) => {
        const { subscriptionId } = parseArmResourceId(accountId);
        const [account, sub] = await Promise.all([
          this.collectAccount(accountId, {
            ...collectOptions,
            signal: anySignal(options.signal, collectOptions.signal),
          }),
          subscription(subscriptionId),
        ]);
        return { account, subscription: sub };
      },
    };
  }

  /** Evidence about one account and its child and extension resources. */
  async collectAccount(
    accountId: string,
    options: CollectAccountOptions = {},
  ): Promise<AccountEvidence> {
    const { signal } = options;
    const {
      subscriptionId: sub,
      resourceGroup: rg,
      name,
    } = parseArmResourceId(accountId);
    const cs = this.clients.cognitive(sub);
    const read = (fn: (s: AbortSignal) => Promise<unknown>) =>
      this.piece(sub, signal, fn);

    const account: Evidence =
      options.accountBody !== undefined &&
      armIdKey(String((options.accountBody as { id?: unknown })?.id ?? '')) ===
        armIdKey(accountId)
        ? present(options.accountBody)
        : await read(s => getRaw(o => cs.accounts.get(rg, name, o), s));
    throwIfAborted(signal);

    const workloadAccounts = options.workloadAccounts
      ? present(options.workloadAccounts)
      : absent('not-collected');

    if (account.state === 'absent' && account.reason === 'not-found') {
      // The account is gone: every child read would answer 404 too.
      const gone = absent('not-found', 'account not found');
      return {
        account,
        deployments: gone,
        raiPolicies: gone,
        diagnosticSettings: gone,
        roleAssignments: gone,
        privateEndpointDnsZoneGroups: gone,
        privateLinkResources: gone,
        networkSecurityPerimeterConfigurations: gone,
        defenderForAISettings: gone,
        locks: gone,
        models: gone,
        workloadAccounts,
      };
    }

    const deployments = read(s =>
      listRaw(o => cs.deployments.list(rg, name, o), s),
    );
    const raiPolicies = this.raiPolicies(sub, rg, name, deployments, signal);
    const pieces: Record<string, Piece> = {
      deployments,
      raiPolicies,
      diagnosticSettings: read(s =>
        listItems(
          o =>
            this.clients
              .monitor(sub)
              .diagnosticSettings.list(stripSlash(accountId), o),
          s,
        ),
      ),
      roleAssignments: read(s =>
        listRaw(
          o =>
            this.clients
              .authorization(sub)
              .roleAssignments.listForScope(stripSlash(accountId), {
                ...o,
                filter: 'atScope()',
              }),
          s,
        ),
      ),
      privateEndpointDnsZoneGroups: this.dnsZoneGroups(sub, account, signal),
      privateLinkResources: this.collectPrivateLinkResources
        ? read(s => getRaw(o => cs.privateLinkResources.list(rg, name, o), s))
        : Promise.resolve(absent('not-collected')),
      networkSecurityPerimeterConfigurations: read(s =>
        listRaw(
          o => cs.networkSecurityPerimeterConfigurations.list(rg, name, o),
          s,
        ),
      ),
      defenderForAISettings: read(s =>
        listRaw(o => cs.defenderForAISettings.list(rg, name, o), s),
      ),
      locks: read(s =>
        listRaw(
          o =>
            this.clients
              .locks(sub)
              .managementLocks.listByScope(stripSlash(accountId), o),
          s,
        ),
      ),
      models: this.collectModels
        ? read(s => listRaw(o => cs.accounts.listModels(rg, name, o), s))
        : Promise.resolve(absent('not-collected')),
    };
    const settled = await settleAll(pieces);
    throwIfAborted(signal);
    return { account, ...settled, workloadAccounts };
  }

  /** Subscription-level evidence (activity log export, alerts, policy, Defender, soft-deleted accounts). */
  async collectSubscription(
    subscriptionId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<SubscriptionEvidence> {
    const { signal } = options;
    const sub = subscriptionId;
    const read = (fn: (s: AbortSignal) => Promise<unknown>) =>
      this.piece(sub, signal, fn);
    const monitor = this.clients.monitor(sub);
    const evidence = await settleAll({
      activityLogDiagnosticSettings: read(s =>
        listItems(
          o => monitor.diagnosticSettings.list(`subscriptions/${sub}`, o),
          s,
        ),
      ),
      metricAlerts: read(s =>
        listItems(o => monitor.metricAlerts.listBySubscription(o), s),
      ),
      activityLogAlerts: read(s =>
        listItems(o => monitor.activityLogAlerts.listBySubscriptionId(o), s),
      ),
      policyAssignments: read(s =>
        listItems(o => this.clients.policy(sub).policyAssignments.list(o), s),
      ),
      defenderPricing: read(s =>
        rawArmGet(
          this.clients.raw(),
          `${this.clients.endpoint}/subscriptions/${encodeURIComponent(
            sub,
          )}/providers/Microsoft.Security/pricings/AI?api-version=${SECURITY_PRICING_API_VERSION}`,
          s,
        ),
      ),
      deletedAccounts: read(s =>
        listRaw(o => this.clients.cognitive(sub).deletedAccounts.list(o), s),
      ),
    });
    throwIfAborted(signal);
    return evidence;
  }

  /**
   * `raiPolicies.list` once, plus a `get` of any policy a deployment names
   * that the list lacks (for example a system `Microsoft.Default*` policy on
   * a service that does not list them).
   */
  private async raiPolicies(
    sub: string,
    rg: string,
    name: string,
    deployments: Piece,
    signal?: AbortSignal,
  ): Piece {
    const cs = this.clients.cognitive(sub);
    const listed = await this.piece(sub, signal, s =>
      listRaw(o => cs.raiPolicies.list(rg, name, o), s),
    );
    const deps = await deployments;
    if (listed.state === 'absent' || deps.state === 'absent') {
      return listed;
    }
    const policies = (listed.value as { value: unknown[] }).value;
    const have = new Set(policies.map(p => lowerName(p)));
    const wanted = new Set<string>();
    for (const d of (deps.value as { value: unknown[] }).value) {
      const policyName = (d as { properties?: { raiPolicyName?: unknown } })
        ?.properties?.raiPolicyName;
      if (
        typeof policyName === 'string' &&
        !have.has(policyName.toLowerCase())
      ) {
        wanted.add(policyName);
      }
    }
    for (const policyName of wanted) {
      const got = await this.piece(sub, signal, s =>
        getRaw(o => cs.raiPolicies.get(rg, name, policyName, o), s),
      );
      if (got.state === 'present') {
        policies.push(got.value);
      }
    }
    return listed;
  }

  /** `privateDnsZoneGroups.list` for every private endpoint the account body names. */
  private async dnsZoneGroups(
    accountSub: string,
    account: Evidence,
    signal?: AbortSignal,
  ): Piece {
    if (account.state === 'absent') {
      return absent(account.reason, 'needs the account body');
    }
    const endpointIds = new Map<string, string>();
    const connections = (
      account.value as {
        properties?: { privateEndpointConnections?: unknown };
      }
    )?.properties?.privateEndpointConnections;
    for (const c of Array.isArray(connections) ? connections : []) {
      const id = (c as { properties?: { privateEndpoint?: { id?: unknown } } })
        ?.properties?.privateEndpoint?.id;
      if (typeof id === 'string') {
        endpointIds.set(armIdKey(id), id);
      }
    }
    const value: unknown[] = [];
    for (const id of endpointIds.values()) {
      let parts;
      try {
        parts = parseArmResourceId(id);
      } catch {
        continue;
      }
      const { subscriptionId, resourceGroup, name } = parts;
      const groups = await this.piece(subscriptionId || accountSub, signal, s =>
        listItems(
          o =>
            this.clients
              .network(subscriptionId)
              .privateDnsZoneGroups.list(resourceGroup, name, o),
          s,
        ),
      );
      if (groups.state === 'present') {
        value.push(...(groups.value as { value: unknown[] }).value);
      } else if (groups.reason !== 'not-found') {
        // A deleted endpoint has no zone groups; anything else leaves the piece unknown.
        return groups;
      }
    }
    return present({ value });
  }

  /** Runs one read through the scheduler and maps its failure to an absent piece. */
  private async piece(
    subscriptionId: string,
    signal: AbortSignal | undefined,
    fn: (s: AbortSignal) => Promise<unknown>,
  ): Piece {
    type Outcome =
      | { ok: true; value: unknown }
      | { ok: false; error: unknown; deadlinePassed: boolean };
    let outcome: Outcome;
    try {
      outcome = await this.scheduler.run<Outcome>(
        subscriptionId,
        async s => {
          try {
            return { ok: true, value: await fn(s) };
          } catch (error) {
            return {
              ok: false,
              error,
              deadlinePassed: s.aborted && !signal?.aborted,
            };
          }
        },
        { signal, deadlineMs: this.pieceDeadlineMs },
      );
    } catch (error) {
      // The scheduler rejects only when the signal aborted while queued.
      throwIfAborted(signal);
      return absent('timeout', 'deadline passed while queued');
    }
    if (outcome.ok) {
      return present(outcome.value);
    }
    throwIfAborted(signal);
    const evidence = absentFromError(outcome.error, outcome.deadlinePassed);
    this.logger?.debug('Azure OpenAI evidence piece not read', {
      subscriptionId,
      reason: evidence.state === 'absent' ? evidence.reason : '',
      detail: evidence.state === 'absent' ? evidence.detail ?? '' : '',
    });
    return evidence;
  }
}

/** Runs a classic SDK `get` and returns the body exactly as ARM sent it. */
async function getRaw(
  start: (options: {
    abortSignal: AbortSignal;
    onResponse: (raw: { bodyAsText?: string | null }) => void;
  }) => Promise<unknown>,
  signal: AbortSignal,
): Promise<unknown> {
  let body: unknown;
  const parsed = await start({
    abortSignal: signal,
    onResponse: raw => {
      body = raw.bodyAsText ? JSON.parse(raw.bodyAsText) : undefined;
    },
  });
  return body ?? parsed;
}

async function settleAll<K extends string>(
  pieces: Record<K, Piece>,
): Promise<Record<K, Evidence>> {
  const keys = Object.keys(pieces) as K[];
  const values = await Promise.all(keys.map(k => pieces[k]));
  return Object.fromEntries(
    keys.map((k, i) => [k, values[i]]),
  ) as unknown as Record<K, Evidence>;
}

function lowerName(resource: unknown): string {
  const n = (resource as { name?: unknown })?.name;
  return typeof n === 'string' ? n.toLowerCase() : '';
}

function stripSlash(id: string): string {
  return id.replace(/^\/+/, '');
}

function throwIfAborted(signal?: AbortSignal) {
  if (signal?.aborted) {
    throw abortError('The evidence collection was aborted.');
  }
}

function anySignal(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  if (a && b) {
    return AbortSignal.any([a, b]);
  }
  return a ?? b;
}
