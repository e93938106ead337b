import type { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  AzureOpenAIAccount,
  ControlStatus,
  FailingBySeverity,
  FleetGroupSummary,
  FleetItem,
  FleetPage,
  FleetSortField,
  Grade,
  PostureDiff,
  PostureRecord,
  PostureSummary,
  Scan,
  ScanTrigger,
  Severity,
} from '@pavedai/plugin-azure-openai-common';
import type { Knex } from 'knex';
import { accountIdFor, isOpaqueAccountId } from './armId';
import { parseAccountResourceId } from './armId';
import type {
  AuditStore,
  CreateScanInput,
  FleetStoreQuery,
  LatestPageItem,
  LatestPageQuery,
  PruneOptions,
  SaveResultInput,
  ScanProgressIncrement,
  ScanRegression,
  StoredFleetSummary,
  UpdateScanInput,
  UpsertAccountInput,
} from './AuditStore';
import { decodeCursor, encodeCursor } from './cursor';
import { migrateDatabase } from './migrateDatabase';
import { attachGoldenPath, filterGoldenPath } from '../goldenPath/provenance';

const ACCOUNTS = 'azure_openai_accounts';
const SCANS = 'azure_openai_scans';
const RESULTS = 'azure_openai_results';
const LATEST = 'azure_openai_latest';
const FINDINGS = 'azure_openai_latest_findings';

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];
const FINDING_STATUSES: readonly ControlStatus[] = ['fail', 'unknown'];
const IN_CHUNK = 200;

/** A date as the database drivers return it. */
export type DbDate = Date | string | number;

interface RawAccountRow {
  id: string;
  resource_key: string;
  resource_id: string;
  subscription_id: string;
  resource_group: string;
  name: string;
  location: string | null;
  kind: string | null;
  tags: string | null;
  owner: string | null;
  system: string | null;
  first_seen_at: DbDate;
  last_seen_at: DbDate;
  last_seen_scan_id: string | null;
  deleted: boolean | number;
  deleted_at: DbDate | null;
}

interface RawScanRow {
  id: string;
  trigger: string;
  requested_by: string | null;
  target: string;
  status: string;
  created_at: DbDate;
  started_at: DbDate | null;
  finished_at: DbDate | null;
  accounts_total: number | string;
  accounts_done: number | string;
  accounts_failed: number | string;
  error: string | null;
}

interface RawResultRow {
  id: number | string;
  scan_id: string;
  account_id: string;
  evaluated_at: DbDate;
  status: string;
  error: string | null;
  score: number | string;
  grade: string;
  capped: boolean | number;
  earned_weight: number | string;
  scored_weight: number | string;
  counts: string;
  results?: string;
  diff: string | null;
}

/**
 * Sort expressions of the fleet. Accounts without a stored result (a left join gives nulls) sort
 * as score -1, grade 'Z' (after F) and evaluated at the epoch, so keyset paging stays total.
 */
const NEVER_EVALUATED = new Date(0);
const SORT_EXPRESSIONS: Record<
  FleetSortField,
  { sql: string; bindings: Knex.Value[] }
> = {
  score: { sql: 'coalesce(l.score, -1)', bindings: [] },
  grade: { sql: "coalesce(l.grade, 'Z')", bindings: [] },
  name: { sql: 'a.name', bindings: [] },
  evaluatedAt: {
    sql: 'coalesce(l.evaluated_at, ?)',
    bindings: [NEVER_EVALUATED],
  },
};

/** An ISO 8601 string from a date column (SQLite gives epoch milliseconds). */
export function toIso(value: DbDate): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const asNumber = Number(value);
  if (/^\d+$/.test(value) && Number.isFinite(asNumber)) {
    return new Date(asNumber).toISOString();
  }
  return new Date(value).toISOString();
}

function optionalIso(value: DbDate | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

function parseJson<T>(value: string | null | undefined, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  return JSON.parse(value) as T;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

function emptyGrades(): Record<Grade, number> {
  return { A: 0, B: 0, C: 0, D: 0, F: 0 };
}

function emptyFailingBySeverity(): FailingBySeverity {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

function isSeverity(value: unknown): value is Severity {
  return (
    value === 'critical' ||
    value === 'high' ||
    value === 'medium' ||
    value === 'low'
  );
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Columns an upsert may overwrite: what the input knows. Unknown metadata (for example when a
 * scan could not read the account) keeps the stored value; ownership is recomputed only when the
 * tags are known or an entity claims the account.
 */
function mergeColumns(input: UpsertAccountInput): string[] {
  const columns = [
    'resource_id',
    'last_seen_at',
    'last_seen_scan_id',
    'deleted',
    'deleted_at',
  ];
  if (input.location !== undefined) columns.push('location');
  if (input.kind !== undefined) columns.push('kind');
  if (input.tags !== undefined) columns.push('tags');
  if (input.tags !== undefined || input.owner !== undefined) {
    columns.push('owner');
  }
  if (input.tags !== undefined || input.system !== undefined) {
    columns.push('system');
  }
  return columns;
}

/**
 * Knex implementation of {@link AuditStore} (PostgreSQL and SQLite).
 *
 * @public
 */
export class DatabaseAuditStore implements AuditStore {
  readonly #db: Knex;

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAuditStore> {
    return new DatabaseAuditStore(await migrateDatabase(options.database));
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async upsertAccount(input: UpsertAccountInput): Promise<AzureOpenAIAccount> {
    const parsed = parseAccountResourceId(input.resourceId);
    const id = accountIdFor(parsed.resourceId);
    const row = {
      id,
      resource_key: parsed.resourceKey,
      resource_id: parsed.resourceId,
      subscription_id: parsed.subscriptionId,
      resource_group: parsed.resourceGroup,
      name: parsed.name,
      location: input.location ?? null,
      kind: input.kind ?? null,
      tags: JSON.stringify(input.tags ?? {}),
      owner: input.owner ?? null,
      system: input.system ?? null,
      first_seen_at: input.seenAt,
      last_seen_at: input.seenAt,
      last_seen_scan_id: input.scanId,
      deleted: false,
      deleted_at: null,
    };
    await this.#db(ACCOUNTS)
      .insert(row)
      .onConflict('id')
      .merge(mergeColumns(input));
    const stored = await this.getAccount(id);
    return stored!;
  }

  async getAccount(
    idOrResourceId: string,
  ): Promise<AzureOpenAIAccount | undefined> {
    const id = isOpaqueAccountId(idOrResourceId)
      ? idOrResourceId
      : accountIdFor(idOrResourceId);
    const row = await this.#db<RawAccountRow>(ACCOUNTS).where({ id }).first();
    return row ? this.#toAccount(row) : undefined;
  }

  async markUnseenAccountsDeleted(scanId: string, at: Date): Promise<number> {
    return this.#db(ACCOUNTS)
      .where('deleted', false)
      .andWhere(q =>
        q
          .whereNull('last_seen_scan_id')
          .orWhereNot('last_seen_scan_id', scanId),
      )
      .update({ deleted: true, deleted_at: at });
  }

  async createScan(input: CreateScanInput): Promise<Scan> {
    await this.#db(SCANS).insert({
      id: input.id,
      trigger: input.trigger,
      requested_by: input.requestedBy ?? null,
      target: JSON.stringify(input.target),
      status: 'queued',
      created_at: input.createdAt,
    });
    return (await this.getScan(input.id))!;
  }

  async updateScan(id: string, input: UpdateScanInput): Promise<void> {
    const patch: Record<string, unknown> = {};
    if (input.status !== undefined) patch.status = input.status;
    if (input.startedAt !== undefined) patch.started_at = input.startedAt;
    if (input.finishedAt !== undefined) patch.finished_at = input.finishedAt;
    if (input.error !== undefined) patch.error = input.error;
    if (Object.keys(patch).length === 0) return;
    await this.#db(SCANS).where({ id }).update(patch);
  }

  async incrementScanProgress(
    id: string,
    inc: ScanProgressIncrement,
  ): Promise<void> {
    const columns: Record<string, number> = {};
    if (inc.total) columns.accounts_total = inc.total;
    if (inc.done) columns.accounts_done = inc.done;
    if (inc.failed) columns.accounts_failed = inc.failed;
    if (Object.keys(columns).length === 0) return;
    await this.#db(SCANS).where({ id }).increment(columns);
  }

  async getScan(id: string): Promise<Scan | undefined> {
    const row = await this.#db<RawScanRow>(SCANS).where({ id }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      trigger: row.trigger as Scan['trigger'],
      requestedBy: row.requested_by ?? undefined,
      target: parseJson(row.target, { type: 'fleet' }),
      status: row.status as Scan['status'],
      createdAt: toIso(row.created_at),
      startedAt: optionalIso(row.started_at),
      finishedAt: optionalIso(row.finished_at),
      accountsTotal: Number(row.accounts_total),
      accountsDone: Number(row.accounts_done),
      accountsFailed: Number(row.accounts_failed),
      error: row.error ?? undefined,
    };
  }

  async failStaleScans(
    before: Date,
    reason: string,
    trigger?: ScanTrigger,
  ): Promise<number> {
    const query = this.#db(SCANS)
      .whereIn('status', ['queued', 'running'])
      .andWhere('created_at', '<', before);
    if (trigger) query.andWhere('trigger', trigger);
    return query.update({
      status: 'failed',
      error: reason,
      finished_at: new Date(),
    });
  }

  async saveResult(input: SaveResultInput): Promise<PostureSummary> {
    return this.#db.transaction(async tx => {
      const [inserted] = await tx(RESULTS)
        .insert({
          scan_id: input.scanId,
          account_id: input.accountId,
          evaluated_at: input.evaluatedAt,
          status: input.status,
          error: input.error ?? null,
          score: input.score,
          grade: input.grade,
          capped: input.capped,
          earned_weight: input.earnedWeight,
          scored_weight: input.scoredWeight,
          counts: JSON.stringify(input.counts),
          results: JSON.stringify(input.results),
          diff: input.diff ? JSON.stringify(input.diff) : null,
        })
        .returning('id');
      const resultId =
        typeof inserted === 'object'
          ? (inserted as { id: number }).id
          : inserted;
      const findings = input.results.filter(r =>
        FINDING_STATUSES.includes(r.status),
      );
      await tx(LATEST)
        .insert({
          account_id: input.accountId,
          result_id: resultId,
          scan_id: input.scanId,
          evaluated_at: input.evaluatedAt,
          status: input.status,
          score: input.score,
          grade: input.grade,
          capped: input.capped,
          earned_weight: input.earnedWeight,
          scored_weight: input.scoredWeight,
          failing_count: findings.filter(r => r.status === 'fail').length,
          unknown_count: findings.filter(r => r.status === 'unknown').length,
        })
        .onConflict('account_id')
        .merge();
      await tx(FINDINGS).where({ account_id: input.accountId }).delete();
      for (const batch of chunks(findings, IN_CHUNK)) {
        await tx(FINDINGS).insert(
          batch.map(r => ({
            account_id: input.accountId,
            control_id: r.controlId,
            severity: r.severity,
            status: r.status,
          })),
        );
      }
      return {
        resultId: String(resultId),
        scanId: input.scanId,
        evaluatedAt: input.evaluatedAt.toISOString(),
        status: input.status,
        error: input.error,
        score: input.score,
        grade: input.grade,
        capped: input.capped,
        earnedWeight: input.earnedWeight,
        scoredWeight: input.scoredWeight,
        counts: input.counts,
        diff: input.diff,
      };
    });
  }

  async getLatest(accountId: string): Promise<PostureRecord | undefined> {
    const row = await this.#db<RawResultRow>(`${RESULTS} as r`)
      .join(`${LATEST} as l`, 'l.result_id', 'r.id')
      .where('l.account_id', accountId)
      .select('r.*')
      .first();
    return row ? this.#toRecord(row) : undefined;
  }

  async getLatestByResourceIds(
    resourceIds: readonly string[],
  ): Promise<Array<{ account: AzureOpenAIAccount; posture: PostureRecord }>> {
    const ids = [...new Set(resourceIds.map(accountIdFor))];
    const out: Array<{ account: AzureOpenAIAccount; posture: PostureRecord }> =
      [];
    for (const batch of chunks(ids, IN_CHUNK)) {
      const accounts = await this.#db<RawAccountRow>(ACCOUNTS).whereIn(
        'id',
        batch,
      );
      const results = await this.#db<RawResultRow>(`${RESULTS} as r`)
        .join(`${LATEST} as l`, 'l.result_id', 'r.id')
        .whereIn('l.account_id', batch)
        .select('r.*');
      const byAccount = new Map(results.map(r => [r.account_id, r]));
      for (const account of accounts) {
        const result = byAccount.get(account.id);
        if (result) {
          out.push({
            account: this.#toAccount(account),
            posture: this.#toRecord(result),
          });
        }
      }
    }
    return out.sort((a, b) =>
      a.account.resourceId.localeCompare(b.account.resourceId),
    );
  }

  async listHistory(
    accountId: string,
    options: { limit: number; before?: Date },
  ): Promise<PostureSummary[]> {
    const query = this.#db<RawResultRow>(RESULTS)
      .where({ account_id: accountId })
      .select(
        'id',
        'scan_id',
        'account_id',
        'evaluated_at',
        'status',
        'error',
        'score',
        'grade',
        'capped',
        'earned_weight',
        'scored_weight',
        'counts',
        'diff',
      )
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    if (options.before) query.where('evaluated_at', '<', options.before);
    const rows = await query;
    return rows.map(row => this.#toSummary(row));
  }

  async listScanRegressions(scanId: string): Promise<ScanRegression[]> {
    const rows = await this.#db(`${RESULTS} as r`)
      .join(`${ACCOUNTS} as a`, 'a.id', 'r.account_id')
      .where('r.scan_id', scanId)
      .whereNotNull('r.diff')
      .select('r.account_id', 'a.resource_id', 'r.diff')
      .orderBy('a.resource_key');
    return rows
      .map(row => ({
        accountId: row.account_id as string,
        resourceId: row.resource_id as string,
        diff: JSON.parse(row.diff as string) as PostureDiff,
      }))
      .filter(r => r.diff.regressions.length > 0 || r.diff.gradeRegressed);
  }

  async listLatestPage(query: LatestPageQuery): Promise<LatestPageItem[]> {
    const page = this.#db(`${ACCOUNTS} as a`)
      .leftJoin(`${LATEST} as l`, 'l.account_id', 'a.id')
      .leftJoin(`${RESULTS} as r`, 'r.id', 'l.result_id');
    if (!query.includeDeleted) page.where('a.deleted', false);
    if (query.owner !== undefined) {
      page.whereRaw('lower(a.owner) = ?', [query.owner.toLowerCase()]);
    }
    if (query.accountIds !== undefined) {
      page.whereIn('a.id', [...query.accountIds]);
    }
    if (query.after !== undefined) {
      page.where('a.resource_key', '>', query.after.toLowerCase());
    }
    const rows = await page
      .select(
        'a.*',
        'r.id as r_id',
        'r.scan_id as r_scan_id',
        'r.account_id as r_account_id',
        'r.evaluated_at as r_evaluated_at',
        'r.status as r_status',
        'r.error as r_error',
        'r.score as r_score',
        'r.grade as r_grade',
        'r.capped as r_capped',
        'r.earned_weight as r_earned_weight',
        'r.scored_weight as r_scored_weight',
        'r.counts as r_counts',
        'r.results as r_results',
        'r.diff as r_diff',
      )
      .orderBy('a.resource_key', 'asc')
      .limit(query.limit);
    return rows.map((row: Record<string, unknown>) => {
      const account = this.#toAccount(row as unknown as RawAccountRow);
      if (row.r_id === null || row.r_id === undefined) return { account };
      const result = Object.fromEntries(
        Object.entries(row)
          .filter(([key]) => key.startsWith('r_'))
          .map(([key, value]) => [key.slice(2), value]),
      ) as unknown as RawResultRow;
      return { account, posture: this.#toRecord(result) };
    });
  }

  async listFleet(query: FleetStoreQuery): Promise<FleetPage> {
    const base = this.#db(`${ACCOUNTS} as a`).leftJoin(
      `${LATEST} as l`,
      'l.account_id',
      'a.id',
    );
    if (!query.includeDeleted) base.where('a.deleted', false);
    if (query.scanState === 'scanned') base.whereNotNull('l.account_id');
    if (query.scanState === 'never-scanned') base.whereNull('l.account_id');
    filterGoldenPath(this.#db, base, query.goldenPath);
    if (query.owner) base.where('a.owner', query.owner);
    if (query.system) base.where('a.system', query.system);
    if (query.subscriptionId) {
      base.where('a.subscription_id', query.subscriptionId.toLowerCase());
    }
    if (query.grades && query.grades.length > 0) {
      base.whereIn('l.grade', query.grades);
    }
    if (query.failingControl) {
      const controlId = query.failingControl;
      base.whereExists(q =>
        q
          .select(this.#db.raw('1'))
          .from(`${FINDINGS} as f`)
          .whereRaw('f.account_id = a.id')
          .andWhere('f.control_id', controlId)
          .andWhere('f.status', 'fail'),
      );
    }
    if (query.severity) {
      const severity = query.severity;
      base.whereExists(q =>
        q
          .select(this.#db.raw('1'))
          .from(`${FINDINGS} as f`)
          .whereRaw('f.account_id = a.id')
          .andWhere('f.severity', severity)
          .andWhere('f.status', 'fail'),
      );
    }

    const [{ count }] = await base.clone().count({ count: '*' });

    const sortBy = SORT_EXPRESSIONS[query.sort];
    const op = query.order === 'asc' ? '>' : '<';
    const page = base.clone();
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (cursor.sort !== query.sort || cursor.order !== query.order) {
        throw new InputError(
          "Invalid cursor: it was issued for another 'sort' or 'order'",
        );
      }
      const value =
        query.sort === 'evaluatedAt'
          ? new Date(String(cursor.value))
          : cursor.value;
      page.where(q =>
        q
          .whereRaw(`${sortBy.sql} ${op} ?`, [
            ...sortBy.bindings,
            value as Knex.Value,
          ])
          .orWhere(q2 =>
            q2
              .whereRaw(`${sortBy.sql} = ?`, [
                ...sortBy.bindings,
                value as Knex.Value,
              ])
              .andWhere('a.id', op, cursor.id),
          ),
      );
    }
    const rows = await page
      .select(
        'a.*',
        'l.result_id as l_result_id',
        'l.scan_id as l_scan_id',
        'l.evaluated_at as l_evaluated_at',
        'l.status as l_status',
        'l.score as l_score',
        'l.grade as l_grade',
        'l.capped as l_capped',
        'l.failing_count as l_failing_count',
        'l.unknown_count as l_unknown_count',
      )
      .orderByRaw(`${sortBy.sql} ${query.order}, a.id ${query.order}`, [
        ...sortBy.bindings,
      ])
      .limit(query.limit + 1);

    const pageRows = rows.slice(0, query.limit);
    const failingBySeverity = await this.#failingBySeverity(
      pageRows
        .filter(
          row => row.l_result_id !== null && row.l_result_id !== undefined,
        )
        .map(row => row.id as string),
    );
    const items: FleetItem[] = pageRows.map(row =>
      row.l_result_id === null || row.l_result_id === undefined
        ? {
            account: this.#toAccount(row as RawAccountRow),
            scanState: 'never-scanned' as const,
          }
        : {
            account: this.#toAccount(row as RawAccountRow),
            scanState: 'scanned' as const,
            latest: {
              resultId: String(row.l_result_id),
              scanId: row.l_scan_id,
              evaluatedAt: toIso(row.l_evaluated_at),
              status: row.l_status,
              score: Number(row.l_score),
              grade: row.l_grade,
              capped: Boolean(row.l_capped),
              failingCount: Number(row.l_failing_count),
              unknownCount: Number(row.l_unknown_count),
              failingBySeverity:
                failingBySeverity.get(row.id) ?? emptyFailingBySeverity(),
            },
          },
    );
    await attachGoldenPath(this.#db, items);
    let nextCursor: string | undefined;
    if (rows.length > query.limit) {
      const last = items[items.length - 1];
      const sortValue: Record<FleetSortField, string | number> = {
        score: last.latest?.score ?? -1,
        grade: last.latest?.grade ?? 'Z',
        name: last.account.name,
        evaluatedAt: last.latest?.evaluatedAt ?? NEVER_EVALUATED.toISOString(),
      };
      nextCursor = encodeCursor({
        sort: query.sort,
        order: query.order,
        value: sortValue[query.sort],
        id: last.account.id,
      });
    }
    return { items, totalCount: Number(count), nextCursor };
  }

  /**
   * Failing controls per severity of the given accounts' latest postures: one grouped query over
   * `latest_findings` (its primary key starts with `account_id`), whatever the page size.
   */
  async #failingBySeverity(
    accountIds: readonly string[],
  ): Promise<Map<string, FailingBySeverity>> {
    const out = new Map<string, FailingBySeverity>();
    if (accountIds.length === 0) return out;
    const rows = await this.#db(FINDINGS)
      .whereIn('account_id', accountIds)
      .andWhere('status', 'fail')
      .groupBy('account_id', 'severity')
      .select('account_id', 'severity')
      .count({ failing: '*' });
    for (const row of rows as Array<Record<string, unknown>>) {
      const severity = row.severity;
      if (!isSeverity(severity)) continue;
      const accountId = row.account_id as string;
      const entry = out.get(accountId) ?? emptyFailingBySeverity();
      entry[severity] += Number(row.failing);
      out.set(accountId, entry);
    }
    return out;
  }

  async getFleetSummary(): Promise<StoredFleetSummary> {
    const grouped = (column: 'owner' | 'system') =>
      this.#db(`${ACCOUNTS} as a`)
        .join(`${LATEST} as l`, 'l.account_id', 'a.id')
        .where('a.deleted', false)
        .groupBy(`a.${column}`, 'l.grade')
        .select(`a.${column} as key`, 'l.grade as grade')
        .count({ accounts: '*' })
        .sum({ earned: 'l.earned_weight', scored: 'l.scored_weight' });

    const fold = (
      rows: Array<Record<string, unknown>>,
    ): Map<
      string | null,
      FleetGroupSummary & { earned: number; scored: number }
    > => {
      const map = new Map<
        string | null,
        FleetGroupSummary & { earned: number; scored: number }
      >();
      for (const row of rows) {
        const key = (row.key as string | null) ?? null;
        const grade = row.grade as Grade;
        const entry = map.get(key) ?? {
          accountCount: 0,
          score: 100,
          worstGrade: 'A' as Grade,
          grades: emptyGrades(),
          earnedWeight: 0,
          scoredWeight: 0,
          earned: 0,
          scored: 0,
        };
        const accounts = Number(row.accounts);
        entry.accountCount += accounts;
        entry.grades[grade] += accounts;
        entry.earned += Number(row.earned ?? 0);
        entry.scored += Number(row.scored ?? 0);
        if (GRADES.indexOf(grade) > GRADES.indexOf(entry.worstGrade)) {
          entry.worstGrade = grade;
        }
        map.set(key, entry);
      }
      for (const entry of map.values()) {
        entry.score =
          entry.scored === 0
            ? 100
            : round1((100 * entry.earned) / entry.scored);
      }
      return map;
    };
    const strip = (
      e: FleetGroupSummary & { earned: number; scored: number },
    ): FleetGroupSummary => ({
      accountCount: e.accountCount,
      score: e.score,
      worstGrade: e.worstGrade,
      grades: e.grades,
      earnedWeight: e.earned,
      scoredWeight: e.scored,
    });

    const byOwnerRows = await grouped('owner');
    const owners = fold(byOwnerRows);
    const systems = fold(await grouped('system'));
    const total = fold(byOwnerRows.map(r => ({ ...r, key: 'total' }))).get(
      'total',
    );

    const controlRows = await this.#db(`${FINDINGS} as f`)
      .join(`${ACCOUNTS} as a`, 'a.id', 'f.account_id')
      .where('a.deleted', false)
      .groupBy('f.control_id', 'f.severity', 'f.status')
      .select('f.control_id', 'f.severity', 'f.status')
      .count({ accounts: '*' });
    const controls = new Map<
      string,
      {
        controlId: string;
        severity: Severity;
        failing: number;
        unknown: number;
      }
    >();
    for (const row of controlRows as Array<Record<string, unknown>>) {
      const controlId = row.control_id as string;
      const entry = controls.get(controlId) ?? {
        controlId,
        severity: row.severity as Severity,
        failing: 0,
        unknown: 0,
      };
      if (row.status === 'fail') entry.failing += Number(row.accounts);
      else entry.unknown += Number(row.accounts);
      controls.set(controlId, entry);
    }

    const byKey = (a: string | null, b: string | null) =>
      (a ?? '\uffff').localeCompare(b ?? '\uffff');
    return {
      total: total
        ? strip(total)
        : {
            accountCount: 0,
            score: 100,
            worstGrade: 'A',
            grades: emptyGrades(),
            earnedWeight: 0,
            scoredWeight: 0,
          },
      byOwner: [...owners.entries()]
        .sort(([a], [b]) => byKey(a, b))
        .map(([owner, e]) => ({ owner, ...strip(e) })),
      bySystem: [...systems.entries()]
        .sort(([a], [b]) => byKey(a, b))
        .map(([system, e]) => ({ system, ...strip(e) })),
      byControl: [...controls.values()].sort(
        (a, b) =>
          b.failing - a.failing ||
          b.unknown - a.unknown ||
          a.controlId.localeCompare(b.controlId),
      ),
    };
  }

  async pruneHistory(options: PruneOptions): Promise<number> {
    let removed = 0;
    const latestIds = this.#db(LATEST).select('result_id');
    const { scanId } = options;
    const scoped = (query: Knex.QueryBuilder) =>
      scanId
        ? query.whereIn(
            'account_id',
            this.#db(RESULTS).select('account_id').where('scan_id', scanId),
          )
        : query;
    if (options.olderThan) {
      removed += await scoped(
        this.#db(RESULTS)
          .where('evaluated_at', '<', options.olderThan)
          .whereNotIn('id', latestIds.clone()),
      ).delete();
    }
    if (options.maxPerAccount !== undefined) {
      const ranked = scoped(
        this.#db(RESULTS).select(
          'id',
          this.#db.raw(
            'row_number() over (partition by account_id order by evaluated_at desc, id desc) as rn',
          ),
        ),
      );
      removed += await this.#db(RESULTS)
        .whereIn(
          'id',
          this.#db
            .from(ranked.as('ranked'))
            .select('ranked.id')
            .where('ranked.rn', '>', options.maxPerAccount),
        )
        .whereNotIn('id', latestIds.clone())
        .delete();
    }
    if (options.olderThan && !scanId) {
      await this.#db(SCANS)
        .where('created_at', '<', options.olderThan)
        .whereIn('status', ['completed', 'failed'])
        .whereNotExists(q =>
          q
            .select(this.#db.raw('1'))
            .from(`${RESULTS} as r`)
            .whereRaw(`r.scan_id = ${SCANS}.id`),
        )
        .delete();
    }
    return removed;
  }

  #toAccount(row: RawAccountRow): AzureOpenAIAccount {
    return {
      id: row.id,
      resourceId: row.resource_id,
      subscriptionId: row.subscription_id,
      resourceGroup: row.resource_group,
      name: row.name,
      location: row.location ?? undefined,
      kind: row.kind ?? undefined,
      tags: parseJson(row.tags, {}),
      owner: row.owner ?? undefined,
      system: row.system ?? undefined,
      firstSeenAt: toIso(row.first_seen_at),
      lastSeenAt: toIso(row.last_seen_at),
      deleted: Boolean(row.deleted),
      deletedAt: optionalIso(row.deleted_at),
    };
  }

  #toSummary(row: RawResultRow): PostureSummary {
    return {
      resultId: String(row.id),
      scanId: row.scan_id,
      evaluatedAt: toIso(row.evaluated_at),
      status: row.status as PostureSummary['status'],
      error: row.error ?? undefined,
      score: Number(row.score),
      grade: row.grade as Grade,
      capped: Boolean(row.capped),
      earnedWeight: Number(row.earned_weight),
      scoredWeight: Number(row.scored_weight),
      counts: parseJson(row.counts, {} as PostureSummary['counts']),
      diff: parseJson(row.diff, undefined),
    };
  }

  #toRecord(row: RawResultRow): PostureRecord {
    return { ...this.#toSummary(row), results: parseJson(row.results, []) };
  }
}
