import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  AccountEvidence,
  EvaluationInput,
  GoldenPathDifference,
  GoldenPathDriftItem,
  GoldenPathProvenance,
  PolicyImpactEvidence,
  ProvisionInputs,
  SubscriptionEvidence,
} from '@pavedai/plugin-azure-openai-common';
import type { Knex } from 'knex';
import { accountIdFor, parseAccountResourceId } from '../database/armId';
import { toIso, type DbDate } from '../database/DatabaseAuditStore';
import { provenanceFromRow, type RawProvenanceRow } from './provenance';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const ACCOUNTS = 'azure_openai_accounts';
const EVIDENCE = 'azure_openai_evidence';
const SUBSCRIPTION_EVIDENCE = 'azure_openai_subscription_evidence';
const PROVENANCE = 'azure_openai_provenance';
const DRIFT = 'azure_openai_drift';
const IN_CHUNK = 200;

async function pack(value: unknown): Promise<{ data: Buffer; raw: number }> {
  const json = JSON.stringify(value ?? {});
  return { data: await gzipAsync(json), raw: Buffer.byteLength(json) };
}

async function unpack<T>(data: Buffer | Uint8Array | string): Promise<T> {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  return JSON.parse((await gunzipAsync(buffer)).toString('utf8')) as T;
}

/** The evidence of one account's latest successful collection. */
export interface SaveEvidenceInput {
  /** Opaque account id (the account must be stored). */
  accountId: string;
  /** ARM id of the account (gives the subscription). */
  resourceId: string;
  scanId: string;
  collectedAt: Date;
  input: EvaluationInput;
}

/** An account with its stored evidence. */
export interface StoredEvidence extends PolicyImpactEvidence {
  account: PolicyImpactEvidence['account'] & {
    tags: Record<string, string>;
    firstSeenAt: string;
  };
  scanId: string;
  collectedAt: string;
}

/** What the audit records from an `account.provisioned` event. */
export interface ProvenanceInput {
  resourceId: string;
  templateRef: string;
  templateVersion?: string;
  taskId: string;
  policyVersion?: string;
  requestedBy?: string;
  inputs?: ProvisionInputs;
  recordedAt: Date;
}

/** A stored provenance record (`source: event`) with the inputs the run applied. */
export interface ProvenanceRecord extends GoldenPathProvenance {
  accountId: string;
  resourceId: string;
  requestedBy?: string;
  inputs?: ProvisionInputs;
}

/** Sizes of the stored evidence, for operators. */
export interface EvidenceStorageStats {
  accounts: number;
  accountRawBytes: number;
  accountStoredBytes: number;
  subscriptionRows: number;
  subscriptionStoredBytes: number;
}

interface RawEvidenceRow {
  account_id: string;
  scan_id: string;
  collected_at: DbDate;
  account_evidence: Buffer;
  subscription_hash: string | null;
  resource_id: string;
  name: string;
  owner: string | null;
  system: string | null;
  tags: string | null;
  first_seen_at: DbDate;
  resource_key: string;
}

function driftKey(resource: string, field: string): string {
  return createHash('sha256')
    .update(`${resource.toLowerCase()}|${field}`)
    .digest('hex');
}

function toDriftItems(
  rows: ReadonlyArray<Record<string, any>>,
): GoldenPathDriftItem[] {
  return rows
    .map(r => ({
      resource: r.resource as string,
      field: r.field as string,
      desired: JSON.parse(r.desired ?? 'null'),
      actual: JSON.parse(r.actual ?? 'null'),
      since: toIso(r.since),
    }))
    .sort(
      (a, b) =>
        a.resource.localeCompare(b.resource) || a.field.localeCompare(b.field),
    );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * Golden-path maintenance data of the audit plugin (PostgreSQL and SQLite): the latest raw
 * evidence per account and the provenance of golden-path accounts.
 *
 * @remarks
 * Evidence is gzip-compressed JSON in a binary column; the subscription-level part is stored once
 * per distinct content (SHA-256) and shared by every account that read it, and a content no
 * account refers to any more is removed when the last account moves off it. Evidence rows go
 * with their account (foreign key, on delete cascade).
 */
export class DatabaseGoldenPathStore {
  readonly #db: Knex;

  /** Its tables come with the plugin's migrations, which `DatabaseAuditStore.create` runs. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseGoldenPathStore> {
    return new DatabaseGoldenPathStore(await options.database.getClient());
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Replaces the stored evidence of an account. */
  async saveEvidence(input: SaveEvidenceInput): Promise<void> {
    const { subscriptionId } = parseAccountResourceId(input.resourceId);
    const account = await pack(input.input.account ?? {});
    const subscription = input.input.subscription;
    let hash: string | null = null;
    let packedSubscription: { data: Buffer; raw: number } | undefined;
    if (subscription && Object.keys(subscription).length > 0) {
      const json = JSON.stringify(subscription);
      hash = createHash('sha256').update(json).digest('hex');
      packedSubscription = {
        data: await gzipAsync(json),
        raw: Buffer.byteLength(json),
      };
    }
    await this.#db.transaction(async tx => {
      if (hash && packedSubscription) {
        await tx(SUBSCRIPTION_EVIDENCE)
          .insert({
            hash,
            subscription_id: subscriptionId,
            evidence: packedSubscription.data,
            raw_bytes: packedSubscription.raw,
            stored_at: input.collectedAt,
          })
          .onConflict('hash')
          .ignore();
      }
      const previous = await tx(EVIDENCE)
        .where({ account_id: input.accountId })
        .first('subscription_hash');
      await tx(EVIDENCE)
        .insert({
          account_id: input.accountId,
          scan_id: input.scanId,
          collected_at: input.collectedAt,
          account_evidence: account.data,
          subscription_hash: hash,
          raw_bytes: account.raw,
          stored_bytes: account.data.length,
        })
        .onConflict('account_id')
        .merge();
      const old = previous?.subscription_hash as string | null | undefined;
      if (old && old !== hash) {
        await tx(SUBSCRIPTION_EVIDENCE)
          .where({ hash: old })
          .whereNotExists(q =>
            q
              .select(tx.raw('1'))
              .from(EVIDENCE)
              .where('subscription_hash', old),
          )
          .delete();
      }
    });
  }

  /** The stored evidence of one account (opaque id). */
  async getEvidence(accountId: string): Promise<StoredEvidence | undefined> {
    const [row] = await this.#evidenceQuery()
      .where('e.account_id', accountId)
      .limit(1);
    if (!row) return undefined;
    return (await this.#toEvidence([row]))[0];
  }

  /**
   * One page of the accounts (not deleted) that have stored evidence, in ARM id order (keyset on
   * the lower-cased ARM id: pass the last item's resource id as `after`).
   */
  async listEvidencePage(query: {
    after?: string;
    limit: number;
  }): Promise<StoredEvidence[]> {
    const page = this.#evidenceQuery().where('a.deleted', false);
    if (query.after !== undefined) {
      page.where('a.resource_key', '>', query.after.toLowerCase());
    }
    const rows = await page.orderBy('a.resource_key', 'asc').limit(query.limit);
    return this.#toEvidence(rows);
  }

  /**
   * A fingerprint of everything an impact preview reads from the store: which accounts (not
   * deleted) exist, their name, owner and system, and which collection their stored evidence
   * comes from. It changes when a scan stores evidence, an account's ownership changes, or an
   * account appears or is deleted; equal fingerprints mean an equal preview for equal policies
   * and governance. Reads one narrow row per account (no evidence is decompressed).
   */
  async evidenceVersion(): Promise<string> {
    const rows = await this.#db(`${ACCOUNTS} as a`)
      .leftJoin(`${EVIDENCE} as e`, 'e.account_id', 'a.id')
      .where('a.deleted', false)
      .orderBy('a.resource_key', 'asc')
      .select(
        'a.id',
        'a.resource_id',
        'a.owner',
        'a.system',
        'e.scan_id',
        'e.collected_at',
        'e.subscription_hash',
      );
    const hash = createHash('sha256');
    for (const r of rows) {
      hash.update(
        `${r.id}\u0000${r.resource_id}\u0000${r.owner ?? ''}\u0000${
          r.system ?? ''
        }\u0000${r.scan_id ?? ''}\u0000${
          r.collected_at === null || r.collected_at === undefined
            ? ''
            : toIso(r.collected_at)
        }\u0000${r.subscription_hash ?? ''}\n`,
      );
    }
    return hash.digest('hex');
  }

  /** Accounts (not deleted) without stored evidence. */
  async countAccountsWithoutEvidence(): Promise<number> {
    const [{ count }] = await this.#db(`${ACCOUNTS} as a`)
      .leftJoin(`${EVIDENCE} as e`, 'e.account_id', 'a.id')
      .where('a.deleted', false)
      .whereNull('e.account_id')
      .count({ count: '*' });
    return Number(count);
  }

  /** Sizes of what is stored. */
  async getStorageStats(): Promise<EvidenceStorageStats> {
    const [accounts] = await this.#db(EVIDENCE)
      .count({ n: '*' })
      .sum({ raw: 'raw_bytes', stored: 'stored_bytes' });
    const rows = await this.#db(SUBSCRIPTION_EVIDENCE).select('evidence');
    return {
      accounts: Number(accounts.n),
      accountRawBytes: Number(accounts.raw ?? 0),
      accountStoredBytes: Number(accounts.stored ?? 0),
      subscriptionRows: rows.length,
      subscriptionStoredBytes: rows.reduce(
        (sum, r) => sum + (r.evidence as Buffer).length,
        0,
      ),
    };
  }

  /** Records (replaces) the provenance of an account from an `account.provisioned` event. */
  async recordProvenance(input: ProvenanceInput): Promise<ProvenanceRecord> {
    const { resourceId } = parseAccountResourceId(input.resourceId);
    const accountId = accountIdFor(resourceId);
    await this.#db(PROVENANCE)
      .insert({
        account_id: accountId,
        resource_id: resourceId,
        template_ref: input.templateRef,
        template_version: input.templateVersion ?? null,
        task_id: input.taskId,
        policy_version: input.policyVersion ?? null,
        requested_by: input.requestedBy ?? null,
        inputs: input.inputs ? JSON.stringify(input.inputs) : null,
        recorded_at: input.recordedAt,
      })
      .onConflict('account_id')
      .merge();
    return (await this.getProvenance([accountId])).get(accountId)!;
  }

  /** Provenance records of the given accounts (opaque ids); accounts without one are left out. */
  async getProvenance(
    accountIds: readonly string[],
  ): Promise<Map<string, ProvenanceRecord>> {
    const out = new Map<string, ProvenanceRecord>();
    for (const batch of chunks([...new Set(accountIds)], IN_CHUNK)) {
      const rows = await this.#db<RawProvenanceRow>(PROVENANCE).whereIn(
        'account_id',
        batch,
      );
      for (const row of rows) out.set(row.account_id, toProvenance(row));
    }
    return out;
  }

  /**
   * Replaces the drift of an account with what a scan found: differences seen before keep their
   * `since`, new ones start at `at`, and those no longer seen are removed. Returns the drift.
   */
  async updateDrift(input: {
    accountId: string;
    scanId: string;
    at: Date;
    differences: readonly GoldenPathDifference[];
  }): Promise<GoldenPathDriftItem[]> {
    await this.#db.transaction(async tx => {
      const keep = new Map(
        input.differences.map(d => [driftKey(d.resource, d.field), d]),
      );
      const existing = new Set(
        (
          await tx(DRIFT)
            .where({ account_id: input.accountId })
            .select('drift_key')
        ).map(r => r.drift_key as string),
      );
      const gone = [...existing].filter(k => !keep.has(k));
      for (const batch of chunks(gone, IN_CHUNK)) {
        await tx(DRIFT)
          .where({ account_id: input.accountId })
          .whereIn('drift_key', batch)
          .delete();
      }
      for (const [key, d] of keep) {
        const values = {
          desired: JSON.stringify(d.desired ?? null),
          actual: JSON.stringify(d.actual ?? null),
        };
        if (existing.has(key)) {
          await tx(DRIFT)
            .where({ account_id: input.accountId, drift_key: key })
            .update(values);
        } else {
          await tx(DRIFT).insert({
            account_id: input.accountId,
            drift_key: key,
            resource: d.resource,
            field: d.field,
            ...values,
            since: input.at,
            since_scan_id: input.scanId,
          });
        }
      }
    });
    return this.listDrift(input.accountId);
  }

  /** The stored drift of an account, by resource and field. */
  async listDrift(accountId: string): Promise<GoldenPathDriftItem[]> {
    const rows = await this.#db(DRIFT)
      .where({ account_id: accountId })
      .select('resource', 'field', 'desired', 'actual', 'since');
    return toDriftItems(rows);
  }

  /**
   * The drift items of these accounts whose owner was not told yet (`notified_at` unset): new
   * ones, and those whose notification failed, for as long as the drift persists (a difference
   * that clears is removed, and one that comes back is new again). Accounts without any are
   * absent from the map.
   */
  async listUnnotifiedDrift(
    accountIds: readonly string[],
  ): Promise<Map<string, GoldenPathDriftItem[]>> {
    const out = new Map<string, GoldenPathDriftItem[]>();
    for (const batch of chunks([...new Set(accountIds)], IN_CHUNK)) {
      const rows = await this.#db(DRIFT)
        .whereNull('notified_at')
        .whereIn('account_id', batch)
        .select(
          'account_id',
          'resource',
          'field',
          'desired',
          'actual',
          'since',
        );
      for (const accountId of new Set(rows.map(r => r.account_id as string))) {
        out.set(
          accountId,
          toDriftItems(rows.filter(r => r.account_id === accountId)),
        );
      }
    }
    return out;
  }

  /**
   * Records that the owner was told about these drift items of an account (or that it has no
   * owner), so they are not sent again; items no longer stored are ignored.
   */
  async markDriftNotified(
    accountId: string,
    items: ReadonlyArray<Pick<GoldenPathDriftItem, 'resource' | 'field'>>,
    at: Date,
  ): Promise<void> {
    await this.#setDriftNotified(accountId, items, null, at);
  }

  /**
   * Undoes {@link DatabaseGoldenPathStore.markDriftNotified} of `at` after the send failed, so
   * the next scan tries again.
   */
  async releaseDriftNotified(
    accountId: string,
    items: ReadonlyArray<Pick<GoldenPathDriftItem, 'resource' | 'field'>>,
    at: Date,
  ): Promise<void> {
    await this.#setDriftNotified(accountId, items, at, null);
  }

  /** Sets `notified_at` of the items from `from` (null: unset) to `to`. */
  async #setDriftNotified(
    accountId: string,
    items: ReadonlyArray<Pick<GoldenPathDriftItem, 'resource' | 'field'>>,
    from: Date | null,
    to: Date | null,
  ): Promise<void> {
    const keys = items.map(i => driftKey(i.resource, i.field));
    for (const batch of chunks(keys, IN_CHUNK)) {
      const rows = this.#db(DRIFT)
        .where({ account_id: accountId })
        .whereIn('drift_key', batch);
      if (from === null) rows.whereNull('notified_at');
      else rows.where('notified_at', from);
      await rows.update({ notified_at: to });
    }
  }

  /** When each difference was first seen: `since` by resource (any case) and field. */
  async driftSince(
    accountId: string,
    differences: readonly GoldenPathDifference[],
  ): Promise<Array<string | undefined>> {
    const rows = await this.#db(DRIFT)
      .where({ account_id: accountId })
      .select('drift_key', 'since');
    const since = new Map(rows.map(r => [r.drift_key as string, r.since]));
    return differences.map(d => {
      const at = since.get(driftKey(d.resource, d.field));
      return at === undefined ? undefined : toIso(at);
    });
  }

  #evidenceQuery() {
    return this.#db(`${EVIDENCE} as e`)
      .join(`${ACCOUNTS} as a`, 'a.id', 'e.account_id')
      .select(
        'e.account_id',
        'e.scan_id',
        'e.collected_at',
        'e.account_evidence',
        'e.subscription_hash',
        'a.resource_id',
        'a.resource_key',
        'a.name',
        'a.owner',
        'a.system',
        'a.tags',
        'a.first_seen_at',
      );
  }

  async #toEvidence(rows: RawEvidenceRow[]): Promise<StoredEvidence[]> {
    const hashes = [
      ...new Set(
        rows.flatMap(r => (r.subscription_hash ? [r.subscription_hash] : [])),
      ),
    ];
    const subscriptions = new Map<string, SubscriptionEvidence>();
    for (const batch of chunks(hashes, IN_CHUNK)) {
      const found = await this.#db(SUBSCRIPTION_EVIDENCE)
        .whereIn('hash', batch)
        .select('hash', 'evidence');
      for (const row of found) {
        subscriptions.set(
          row.hash as string,
          await unpack<SubscriptionEvidence>(row.evidence as Buffer),
        );
      }
    }
    return Promise.all(
      rows.map(async row => {
        // A subscription content removed under a concurrent writer reads as not collected.
        const subscription = row.subscription_hash
          ? subscriptions.get(row.subscription_hash)
          : undefined;
        return {
          account: {
            id: row.account_id,
            resourceId: row.resource_id,
            name: row.name,
            ...(row.owner ? { owner: row.owner } : {}),
            ...(row.system ? { system: row.system } : {}),
            tags: row.tags ? JSON.parse(row.tags) : {},
            firstSeenAt: toIso(row.first_seen_at),
          },
          scanId: row.scan_id,
          collectedAt: toIso(row.collected_at),
          input: {
            account: await unpack<AccountEvidence>(row.account_evidence),
            ...(subscription ? { subscription } : {}),
          },
        };
      }),
    );
  }
}

function toProvenance(row: RawProvenanceRow): ProvenanceRecord {
  return {
    ...provenanceFromRow(row),
    accountId: row.account_id,
    resourceId: row.resource_id,
    ...(row.requested_by ? { requestedBy: row.requested_by } : {}),
    ...(row.inputs ? { inputs: JSON.parse(row.inputs) } : {}),
  };
}
