import type {
  AttestationRecord,
  GovernanceEvent,
  GovernanceScope,
  WaiverRecord,
  WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';

/** Waivers and attestations, as the read interface answers them. */
export interface GovernanceRecords {
  waivers: WaiverRecord[];
  attestations: AttestationRecord[];
}

/**
 * What other parts of the plugin (notifications, exports) read from the governance store.
 *
 * @remarks
 * Statuses are computed from the clock: a waiver or an attestation whose `expiresAt` has passed
 * reads as `expired` even before the expiry task has recorded it.
 */
export interface GovernanceReader {
  /**
   * Approved waivers and active attestations whose `expiresAt` is before `before` (and after
   * `after`, default: now), oldest expiry first: what is about to stop applying.
   */
  listExpiring(options: {
    before: Date;
    after?: Date;
  }): Promise<GovernanceRecords>;

  /**
   * Approved, unexpired waivers and active attestations scoped to any of these accounts (ARM ids,
   * case-insensitive) or entities (entity refs). Entity-scoped records apply to every account of
   * the entity: pass the entity refs that link the accounts to get them too.
   */
  listInForce(options: {
    resourceIds?: readonly string[];
    entityRefs?: readonly string[];
    /** Default: now. */
    now?: Date;
  }): Promise<GovernanceRecords>;
}

/** Filters of the list methods; a scope list matches any of its scopes. */
export interface GovernanceFilter {
  scopes?: readonly GovernanceScope[];
  controlId?: string;
  /** The time statuses are computed at. */
  now: Date;
}

/** A change to a waiver: who and when, with an optional comment. */
export interface WaiverChange {
  by: string;
  at: Date;
  comment?: string;
}

/** What {@link GovernanceStore.expireDue} marked expired. */
export type ExpiredRecords = GovernanceRecords;

/**
 * Persistence of waivers, attestations and their history. Nothing is ever deleted: every change
 * updates a status and appends a {@link @pavedai/plugin-azure-openai-common#GovernanceEvent} in
 * the same transaction.
 */
export interface GovernanceStore extends GovernanceReader {
  /**
   * Records a requested waiver (and a `waiver.requested` event).
   *
   * @remarks
   * Atomic: the database holds at most one open (requested or approved) waiver per control and
   * scope (a partial unique index), so concurrent requests cannot both succeed. An open waiver
   * whose expiry has passed is first recorded `expired` (`waiver.expired` by `system`).
   *
   * @throws ConflictError naming the open waiver when a requested or approved, unexpired waiver
   *   exists for the same control and scope, or a concurrent request just created one
   */
  createWaiver(
    waiver: Omit<WaiverRecord, 'id' | 'status'>,
  ): Promise<WaiverRecord>;

  /** The waiver with its status at `now`, or undefined. */
  getWaiver(id: string, now: Date): Promise<WaiverRecord | undefined>;

  /** Waivers, newest request first; `status` is matched against the status at `now`. */
  listWaivers(
    filter: GovernanceFilter & { status?: WaiverStatus },
  ): Promise<WaiverRecord[]>;

  /**
   * Approves or rejects a requested waiver (and records the event).
   *
   * @throws ConflictError when the waiver is no longer `requested` (at `change.at`)
   * @throws NotFoundError when there is no such waiver
   */
  decideWaiver(
    id: string,
    decision: 'approve' | 'reject',
    change: WaiverChange,
  ): Promise<WaiverRecord>;

  /**
   * Revokes a requested or approved waiver (and records `waiver.revoked`).
   *
   * @throws ConflictError when the waiver is rejected, revoked or expired
   * @throws NotFoundError when there is no such waiver
   */
  revokeWaiver(id: string, change: WaiverChange): Promise<WaiverRecord>;

  /**
   * Records an attestation, superseding the active one for the same control and scope (and
   * records `attestation.created`, naming the superseded attestation in `details.supersedes`).
   */
  createAttestation(
    attestation: Omit<AttestationRecord, 'id' | 'status'>,
  ): Promise<{ attestation: AttestationRecord; superseded?: string }>;

  /** Attestations, newest first. */
  listAttestations(
    filter: GovernanceFilter & { status?: AttestationRecord['status'] },
  ): Promise<AttestationRecord[]>;

  /**
   * Marks requested and approved waivers and active attestations whose expiry is at or before
   * `now` as expired, with a `waiver.expired` / `attestation.expired` event by `system` each.
   */
  expireDue(now: Date): Promise<ExpiredRecords>;

  /** History, newest first. */
  listEvents(
    filter: Omit<GovernanceFilter, 'now'> & { limit?: number },
  ): Promise<GovernanceEvent[]>;
}
