import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  AttestationRecord,
  AttestationStatus,
  GovernanceEvent,
  GovernanceScope,
  WaiverRecord,
  WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';
import type { Knex } from 'knex';
import { migrateDatabase } from '../database/migrateDatabase';
import type {
  ExpiredRecords,
  GovernanceFilter,
  GovernanceRecords,
  GovernanceStore,
  WaiverChange,
} from './GovernanceStore';

const WAIVERS = 'azure_openai_waivers';
const ATTESTATIONS = 'azure_openai_attestations';
const EVENTS = 'azure_openai_governance_events';

/** Actor of the changes the clock makes (expiry). */
export const SYSTEM_ACTOR = 'system';

type DbDate = Date | string | number;

interface ScopeColumns {
  scope_type: string;
  scope_key: string;
  scope_value: string;
}

interface WaiverRow extends ScopeColumns {
  id: string;
  control_id: string;
  reason: string;
  risk_accepted: string;
  compensating_control: string;
  expires_at: DbDate;
  status: string;
  requested_by: string;
  requested_at: DbDate;
  decided_by: string | null;
  decided_at: DbDate | null;
  decision_comment: string | null;
  revoked_by: string | null;
  revoked_at: DbDate | null;
}

interface AttestationRow extends ScopeColumns {
  id: string;
  control_id: string;
  statement: string;
  evidence_url: string;
  author: string;
  created_at: DbDate;
  expires_at: DbDate;
  status: string;
  superseded_by: string | null;
}

interface EventRow extends ScopeColumns {
  id: string;
  kind: string;
  actor: string;
  at: DbDate;
  control_id: string;
  waiver_id: string | null;
  attestation_id: string | null;
  details: string | null;
}

/** Waiver statuses a request stays open in, until its expiry. */
const OPEN_WAIVER_STATUSES = ['requested', 'approved'];

function toDate(value: DbDate): Date {
  // SQLite hands back epoch milliseconds (as a number, or a string of digits), PostgreSQL a Date
  return typeof value === 'string' && /^\d+$/.test(value)
    ? new Date(Number(value))
    : new Date(value);
}

/** The lower-cased value records are matched on: the ARM id or the entity ref. */
export function scopeKey(scope: GovernanceScope): string {
  return (
    scope.type === 'account'
      ? scope.resourceId.trim().replace(/\/+$/, '')
      : scope.entityRef
  ).toLowerCase();
}

function scopeColumns(scope: GovernanceScope): ScopeColumns {
  return {
    scope_type: scope.type,
    scope_key: scopeKey(scope),
    scope_value: scope.type === 'account' ? scope.resourceId : scope.entityRef,
  };
}

function scopeOf(row: ScopeColumns): GovernanceScope {
  return row.scope_type === 'account'
    ? { type: 'account', resourceId: row.scope_value }
    : { type: 'entity', entityRef: row.scope_value };
}

function waiverOf(row: WaiverRow, now: Date): WaiverRecord {
  const expiresAt = toDate(row.expires_at);
  const status =
    OPEN_WAIVER_STATUSES.includes(row.status) &&
    expiresAt.getTime() <= now.getTime()
      ? 'expired'
      : (row.status as WaiverStatus);
  return {
    id: row.id,
    controlId: row.control_id,
    scope: scopeOf(row),
    reason: row.reason,
    riskAccepted: row.risk_accepted,
    compensatingControl: row.compensating_control,
    expiresAt: expiresAt.toISOString(),
    status,
    requestedBy: row.requested_by,
    requestedAt: toDate(row.requested_at).toISOString(),
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at
      ? { decidedAt: toDate(row.decided_at).toISOString() }
      : {}),
    ...(row.decision_comment ? { decisionComment: row.decision_comment } : {}),
  };
}

function attestationOf(row: AttestationRow, now: Date): AttestationRecord {
  const expiresAt = toDate(row.expires_at);
  const status =
    row.status === 'active' && expiresAt.getTime() <= now.getTime()
      ? 'expired'
      : (row.status as AttestationStatus);
  return {
    id: row.id,
    controlId: row.control_id,
    scope: scopeOf(row),
    statement: row.statement,
    evidenceUrl: row.evidence_url,
    author: row.author,
    createdAt: toDate(row.created_at).toISOString(),
    expiresAt: expiresAt.toISOString(),
    status,
  };
}

function eventOf(row: EventRow): GovernanceEvent {
  return {
    id: row.id,
    kind: row.kind as GovernanceEvent['kind'],
    actor: row.actor,
    at: toDate(row.at).toISOString(),
    controlId: row.control_id,
    scope: scopeOf(row),
    ...(row.waiver_id ? { waiverId: row.waiver_id } : {}),
    ...(row.attestation_id ? { attestationId: row.attestation_id } : {}),
    ...(row.details ? { details: JSON.parse(row.details) } : {}),
  };
}

/** Restricts a query to records whose expiry is after `now`. */
/** A unique index refused a row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    (typeof e?.message === 'string' &&
      e.message.includes('UNIQUE constraint failed'))
  );
}

function unexpired(query: Knex.QueryBuilder, now: Date): Knex.QueryBuilder {
  return query.where('expires_at', '>', now);
}

function scoped(
  query: Knex.QueryBuilder,
  filter: Omit<GovernanceFilter, 'now'>,
): Knex.QueryBuilder {
  if (filter.scopes) {
    const keys = [...new Set(filter.scopes.map(scopeKey))];
    if (keys.length === 0) return query.whereRaw('1 = 0');
    query.whereIn('scope_key', keys);
  }
  if (filter.controlId) query.where('control_id', filter.controlId);
  return query;
}

/** Waivers and attestations in SQLite or PostgreSQL (through the plugin's database service). */
export class DatabaseGovernanceStore implements GovernanceStore {
  readonly #db: Knex;

  /**
   * Opens the store; runs the plugin's migrations unless the database service skips them (the
   * audit and notification stores share the run, see migrateDatabase).
   */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseGovernanceStore> {
    return new DatabaseGovernanceStore(await migrateDatabase(options.database));
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async createWaiver(
    input: Omit<WaiverRecord, 'id' | 'status'>,
  ): Promise<WaiverRecord> {
    const id = randomUUID();
    const requestedAt = new Date(input.requestedAt);
    const columns = scopeColumns(input.scope);
    const row: WaiverRow = {
      id,
      control_id: input.controlId,
      ...columns,
      reason: input.reason,
      risk_accepted: input.riskAccepted,
      compensating_control: input.compensatingControl,
      expires_at: new Date(input.expiresAt),
      status: 'requested',
      requested_by: input.requestedBy,
      requested_at: requestedAt,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      revoked_by: null,
      revoked_at: null,
    };
    const conflict = (open: WaiverRow) =>
      new ConflictError(
        `Waiver ${open.id} for ${input.controlId} on '${
          open.scope_value
        }' is already ${open.status} (until ${toDate(
          open.expires_at,
        ).toISOString()}); revoke it before requesting another`,
      );
    const openOf = (db: Knex) =>
      db<WaiverRow>(WAIVERS)
        .where({ scope_key: columns.scope_key, control_id: input.controlId })
        .whereIn('status', OPEN_WAIVER_STATUSES);
    try {
      await this.#db.transaction(async tx => {
        // An open waiver whose expiry has passed no longer counts: record its expiry first, so
        // the unique index (one open waiver per control and scope) admits the new one.
        for (const stale of await openOf(tx).where(
          'expires_at',
          '<=',
          requestedAt,
        )) {
          await this.#expireWaiverRow(tx, stale, requestedAt);
        }
        const open = await unexpired(openOf(tx), requestedAt).first();
        if (open) throw conflict(open);
        await tx(WAIVERS).insert(row);
        await this.#appendEvent(tx, {
          kind: 'waiver.requested',
          actor: input.requestedBy,
          at: requestedAt,
          controlId: input.controlId,
          scope: input.scope,
          waiverId: id,
          details: { expiresAt: input.expiresAt, reason: input.reason },
        });
      });
    } catch (error) {
      // A concurrent request inserted its waiver between the check and the insert.
      if (!isUniqueViolation(error)) throw error;
      const open = await openOf(this.#db).first();
      if (open) throw conflict(open);
      throw new ConflictError(
        `Another waiver for ${input.controlId} on '${row.scope_value}' was requested at the same time; reload the waivers and try again`,
      );
    }
    return waiverOf(row, requestedAt);
  }

  async getWaiver(id: string, now: Date): Promise<WaiverRecord | undefined> {
    const row = await this.#db<WaiverRow>(WAIVERS).where({ id }).first();
    return row ? waiverOf(row, now) : undefined;
  }

  async listWaivers(
    filter: GovernanceFilter & { status?: WaiverStatus },
  ): Promise<WaiverRecord[]> {
    const query = scoped(this.#db<WaiverRow>(WAIVERS), filter);
    const { status, now } = filter;
    if (status === 'requested' || status === 'approved') {
      unexpired(query.where('status', status), now);
    } else if (status === 'expired') {
      query.where(q =>
        q
          .where('status', 'expired')
          .orWhere(open =>
            open
              .whereIn('status', OPEN_WAIVER_STATUSES)
              .where('expires_at', '<=', now),
          ),
      );
    } else if (status) {
      query.where('status', status);
    }
    const rows: WaiverRow[] = await query
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'asc');
    return rows.map(row => waiverOf(row, now));
  }

  async decideWaiver(
    id: string,
    decision: 'approve' | 'reject',
    change: WaiverChange,
  ): Promise<WaiverRecord> {
    const status = decision === 'approve' ? 'approved' : 'rejected';
    return this.#changeWaiver(
      id,
      change,
      ['requested'],
      {
        status,
        decided_by: change.by,
        decided_at: change.at,
        decision_comment: change.comment ?? null,
      },
      `waiver.${status}`,
    );
  }

  async revokeWaiver(id: string, change: WaiverChange): Promise<WaiverRecord> {
    return this.#changeWaiver(
      id,
      change,
      OPEN_WAIVER_STATUSES,
      { status: 'revoked', revoked_by: change.by, revoked_at: change.at },
      'waiver.revoked',
    );
  }

  async createAttestation(
    input: Omit<AttestationRecord, 'id' | 'status'>,
  ): Promise<{ attestation: AttestationRecord; superseded?: string }> {
    const id = randomUUID();
    const createdAt = new Date(input.createdAt);
    const columns = scopeColumns(input.scope);
    const row: AttestationRow = {
      id,
      control_id: input.controlId,
      ...columns,
      statement: input.statement,
      evidence_url: input.evidenceUrl,
      author: input.author,
      created_at: createdAt,
      expires_at: new Date(input.expiresAt),
      status: 'active',
      superseded_by: null,
    };
    let superseded: string | undefined;
    await this.#db.transaction(async tx => {
      const previous = await unexpired(
        tx<AttestationRow>(ATTESTATIONS).where({
          scope_key: columns.scope_key,
          control_id: input.controlId,
          status: 'active',
        }),
        createdAt,
      ).select('id');
      await tx(ATTESTATIONS).insert(row);
      if (previous.length > 0) {
        await tx(ATTESTATIONS)
          .whereIn(
            'id',
            previous.map((p: { id: string }) => p.id),
          )
          .update({ status: 'superseded', superseded_by: id });
        superseded = previous[0].id;
      }
      await this.#appendEvent(tx, {
        kind: 'attestation.created',
        actor: input.author,
        at: createdAt,
        controlId: input.controlId,
        scope: input.scope,
        attestationId: id,
        details: {
          expiresAt: input.expiresAt,
          evidenceUrl: input.evidenceUrl,
          ...(superseded ? { supersedes: superseded } : {}),
        },
      });
    });
    return { attestation: attestationOf(row, createdAt), superseded };
  }

  async listAttestations(
    filter: GovernanceFilter & { status?: AttestationStatus },
  ): Promise<AttestationRecord[]> {
    const query = scoped(this.#db<AttestationRow>(ATTESTATIONS), filter);
    const { status, now } = filter;
    if (status === 'active') {
      unexpired(query.where('status', 'active'), now);
    } else if (status === 'expired') {
      query.where(q =>
        q
          .where('status', 'expired')
          .orWhere(active =>
            active.where('status', 'active').where('expires_at', '<=', now),
          ),
      );
    } else if (status) {
      query.where('status', status);
    }
    const rows: AttestationRow[] = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc');
    return rows.map(row => attestationOf(row, now));
  }

  async expireDue(now: Date): Promise<ExpiredRecords> {
    return this.#db.transaction(async tx => {
      const waivers: WaiverRow[] = await tx<WaiverRow>(WAIVERS)
        .whereIn('status', OPEN_WAIVER_STATUSES)
        .where('expires_at', '<=', now);
      const attestations: AttestationRow[] = await tx<AttestationRow>(
        ATTESTATIONS,
      )
        .where('status', 'active')
        .where('expires_at', '<=', now);
      // Each row is expired (and its event written) once, even when replicas race.
      const expiredWaivers: WaiverRow[] = [];
      for (const row of waivers) {
        if (await this.#expireWaiverRow(tx, row, now)) expiredWaivers.push(row);
      }
      const expiredAttestations: AttestationRow[] = [];
      for (const row of attestations) {
        const updated = await tx(ATTESTATIONS)
          .where({ id: row.id, status: 'active' })
          .update({ status: 'expired' });
        if (updated === 0) continue;
        expiredAttestations.push(row);
        await this.#appendEvent(tx, {
          kind: 'attestation.expired',
          actor: SYSTEM_ACTOR,
          at: now,
          controlId: row.control_id,
          scope: scopeOf(row),
          attestationId: row.id,
          details: { expiresAt: toDate(row.expires_at).toISOString() },
        });
      }
      return {
        waivers: expiredWaivers.map(row =>
          waiverOf({ ...row, status: 'expired' }, now),
        ),
        attestations: expiredAttestations.map(row =>
          attestationOf({ ...row, status: 'expired' }, now),
        ),
      };
    });
  }

  async listEvents(
    filter: Omit<GovernanceFilter, 'now'> & { limit?: number },
  ): Promise<GovernanceEvent[]> {
    const rows: EventRow[] = await scoped(this.#db<EventRow>(EVENTS), filter)
      .orderBy('seq', 'desc')
      .limit(filter.limit ?? 500);
    return rows.map(eventOf);
  }

  async listExpiring(options: {
    before: Date;
    after?: Date;
  }): Promise<GovernanceRecords> {
    const after = options.after ?? new Date();
    const window = (query: Knex.QueryBuilder) =>
      query
        .where('expires_at', '>', after)
        .where('expires_at', '<', options.before)
        .orderBy('expires_at', 'asc')
        .orderBy('id', 'asc');
    const [waivers, attestations] = await Promise.all([
      window(this.#db<WaiverRow>(WAIVERS).where('status', 'approved')),
      window(this.#db<AttestationRow>(ATTESTATIONS).where('status', 'active')),
    ]);
    return {
      waivers: (waivers as WaiverRow[]).map(row => waiverOf(row, after)),
      attestations: (attestations as AttestationRow[]).map(row =>
        attestationOf(row, after),
      ),
    };
  }

  async listInForce(options: {
    resourceIds?: readonly string[];
    entityRefs?: readonly string[];
    now?: Date;
  }): Promise<GovernanceRecords> {
    const now = options.now ?? new Date();
    const scopes: GovernanceScope[] = [
      ...(options.resourceIds ?? []).map(resourceId => ({
        type: 'account' as const,
        resourceId,
      })),
      ...(options.entityRefs ?? []).map(entityRef => ({
        type: 'entity' as const,
        entityRef,
      })),
    ];
    const [waivers, attestations] = await Promise.all([
      this.listWaivers({ scopes, now, status: 'approved' }),
      this.listAttestations({ scopes, now, status: 'active' }),
    ]);
    return { waivers, attestations };
  }

  async #changeWaiver(
    id: string,
    change: WaiverChange,
    from: readonly string[],
    update: Partial<WaiverRow>,
    kind: GovernanceEvent['kind'],
  ): Promise<WaiverRecord> {
    return this.#db.transaction(async tx => {
      const row = await tx<WaiverRow>(WAIVERS).where({ id }).first();
      if (!row) throw new NotFoundError(`No waiver with id '${id}'`);
      const current = waiverOf(row, change.at);
      if (!from.includes(current.status)) {
        throw new ConflictError(
          `Waiver ${id} is ${current.status}; only ${from.join(
            ' or ',
          )} waivers can be ${kind.slice('waiver.'.length)}`,
        );
      }
      // optimistic: a concurrent change of the same waiver makes this update match no row
      const updated = await tx(WAIVERS)
        .where({ id, status: row.status })
        .update(update);
      if (updated === 0) {
        throw new ConflictError(
          `Waiver ${id} was changed meanwhile; reload it and try again`,
        );
      }
      await this.#appendEvent(tx, {
        kind,
        actor: change.by,
        at: change.at,
        controlId: row.control_id,
        scope: scopeOf(row),
        waiverId: id,
        details: change.comment ? { comment: change.comment } : undefined,
      });
      return waiverOf({ ...row, ...update } as WaiverRow, change.at);
    });
  }

  /**
   * Marks an open waiver expired and records `waiver.expired` by `system`, once: false when a
   * concurrent change got there first.
   */
  async #expireWaiverRow(
    tx: Knex.Transaction,
    row: WaiverRow,
    now: Date,
  ): Promise<boolean> {
    const updated = await tx(WAIVERS)
      .where({ id: row.id, status: row.status })
      .update({ status: 'expired' });
    if (updated === 0) return false;
    await this.#appendEvent(tx, {
      kind: 'waiver.expired',
      actor: SYSTEM_ACTOR,
      at: now,
      controlId: row.control_id,
      scope: scopeOf(row),
      waiverId: row.id,
      details: {
        expiresAt: toDate(row.expires_at).toISOString(),
        previousStatus: row.status,
      },
    });
    return true;
  }

  async #appendEvent(
    tx: Knex.Transaction,
    event: Omit<GovernanceEvent, 'id' | 'at'> & { at: Date },
  ): Promise<void> {
    await tx(EVENTS).insert({
      id: randomUUID(),
      kind: event.kind,
      actor: event.actor,
      at: event.at,
      control_id: event.controlId,
      ...scopeColumns(event.scope),
      waiver_id: event.waiverId ?? null,
      attestation_id: event.attestationId ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    });
  }
}
