import { createHash } from 'node:crypto';
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  stringifyError,
} from '@backstage/errors';
import type { Request } from 'express';
import {
  getControl,
  type Attestation,
  type AttestationRecord,
  type GovernanceEvent,
  type GovernanceScope,
  type Waiver,
  type WaiverRecord,
  type WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';
import type { GovernanceConfig, WaivedScoring } from './config';
import { scopeKey, SYSTEM_ACTOR } from './DatabaseGovernanceStore';
import type { GovernanceRecords, GovernanceStore } from './GovernanceStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a scan applies to one account. */
export interface AccountGovernance {
  waivers: Waiver[];
  attestations: Attestation[];
}

/** Waivers and attestations in force at the start of a scan. */
export interface AppliedGovernance {
  waivedScoring: WaivedScoring;
  /**
   * Content hash of everything {@link AppliedGovernance.forAccount} answers for every account:
   * equal versions apply the same waivers and attestations.
   */
  version: string;
  /** The engine's waivers and attestations for one account (ARM id, case-insensitive). */
  forAccount(resourceId: string): AccountGovernance;
}

/** What the scan service needs from governance. */
export interface ScanGovernance {
  /**
   * Records what has expired, then loads the approved waivers and active attestations, with
   * entity-scoped ones resolved to the entity's accounts.
   */
  load(): Promise<AppliedGovernance>;
}

/** A request for an on-demand scan after a change. */
export interface GovernanceScanRequest {
  resourceIds: string[];
  entityRef?: string;
  requestedBy?: string;
  request?: Request;
}

/** Options of {@link GovernanceService.create}. */
export interface GovernanceServiceOptions {
  store: GovernanceStore;
  config: GovernanceConfig;
  auditor: AuditorService;
  logger: LoggerService;
  /** Control ids non-waivable by config or the golden-path policy (the catalog flag is added). */
  nonWaivableControls: () => Promise<readonly string[]>;
  /** ARM ids of an entity's accounts, read with the plugin's own credentials. */
  resolveEntityAccounts: (entityRef: string) => Promise<string[]>;
  /** Starts an on-demand scan (after an approval, a revocation, an attestation or an expiry). */
  requestScan?: (request: GovernanceScanRequest) => Promise<void>;
  now?: () => Date;
}

/** Who changes something, and the HTTP request it came with (for the auditor). */
export interface GovernanceActor {
  /** User entity ref. */
  actor: string;
  request?: Request;
}

/** A waiver request with its scope resolved. */
export type NewWaiver = Pick<
  WaiverRecord,
  | 'controlId'
  | 'scope'
  | 'reason'
  | 'riskAccepted'
  | 'compensatingControl'
  | 'expiresAt'
>;

/** An attestation with its scope resolved. */
export type NewAttestation = Pick<
  AttestationRecord,
  'controlId' | 'scope' | 'statement' | 'evidenceUrl'
> & { expiresAt?: string };

function describeScope(scope: GovernanceScope): string {
  return scope.type === 'account' ? scope.resourceId : scope.entityRef;
}

function knownControl(controlId: string) {
  const control = getControl(controlId);
  if (!control) {
    throw new InputError(
      `Invalid controlId: '${controlId}' is not a control of the catalog; pick an id from GET /api/azure-openai/controls, e.g. AOAI-NET-001`,
    );
  }
  return control;
}

/**
 * Waivers and attestations: the rules (who may do what, expiry, waivability), the history and the
 * auditor trail, and what scans apply.
 */
export class GovernanceService implements ScanGovernance {
  readonly #options: GovernanceServiceOptions;
  readonly #now: () => Date;

  static create(options: GovernanceServiceOptions): GovernanceService {
    return new GovernanceService(options);
  }

  private constructor(options: GovernanceServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** The store's read interface (for notifications and exports). */
  get store(): GovernanceStore {
    return this.#options.store;
  }

  /**
   * Records a waiver request.
   *
   * @throws InputError for an unknown or non-waivable control, or an expiry that is missing, past
   *   or beyond `maxDurationDays`
   * @throws ConflictError when a waiver for the control and scope is already open
   */
  async requestWaiver(
    input: NewWaiver,
    by: GovernanceActor,
  ): Promise<WaiverRecord> {
    const now = this.#now();
    await this.#requireWaivable(input.controlId);
    const expiresAt = Date.parse(input.expiresAt);
    const { maxDurationDays } = this.#options.config.waivers;
    if (Number.isNaN(expiresAt)) {
      throw new InputError(
        `Invalid expiresAt: give an ISO 8601 date-time within ${maxDurationDays} days`,
      );
    }
    if (expiresAt <= now.getTime()) {
      throw new InputError(
        `Invalid expiresAt: ${input.expiresAt} is in the past; give a date-time in the future, at most ${maxDurationDays} days ahead`,
      );
    }
    const latest = now.getTime() + maxDurationDays * DAY_MS;
    if (expiresAt > latest) {
      throw new InputError(
        `Invalid expiresAt: a waiver may last at most ${maxDurationDays} days (azureOpenAI.governance.waivers.maxDurationDays); give ${new Date(
          latest,
        ).toISOString()} or earlier`,
      );
    }
    // An expired waiver for the same control and scope is recorded (and its accounts rescanned)
    // before the new one, which the store admits only while no other is open.
    await this.expireDue();
    return this.#audited('waiver-request', by, input, async () =>
      this.#options.store.createWaiver({
        ...input,
        expiresAt: new Date(expiresAt).toISOString(),
        requestedBy: by.actor,
        requestedAt: now.toISOString(),
      }),
    );
  }

  /** The waiver with its current status. @throws NotFoundError */
  async getWaiver(id: string): Promise<WaiverRecord> {
    const waiver = await this.#options.store.getWaiver(id, this.#now());
    if (!waiver) throw new NotFoundError(`No waiver with id '${id}'`);
    return waiver;
  }

  /**
   * Approves or rejects a requested waiver. The caller has checked the approver permission.
   *
   * @throws NotAllowedError when the approver requested the waiver
   * @throws ConflictError when the waiver is not `requested`, or its control became non-waivable
   */
  async decideWaiver(
    id: string,
    decision: { decision: 'approve' | 'reject'; comment?: string },
    by: GovernanceActor,
  ): Promise<WaiverRecord> {
    const waiver = await this.getWaiver(id);
    if (waiver.requestedBy.toLowerCase() === by.actor.toLowerCase()) {
      throw new NotAllowedError(
        `You requested waiver ${id}; another approver must decide it (nobody approves their own waiver)`,
      );
    }
    if (decision.decision === 'approve') {
      const nonWaivable = await this.#nonWaivable(waiver.controlId);
      if (nonWaivable) {
        throw new ConflictError(
          `${waiver.controlId} is non-waivable now (${nonWaivable}); reject the waiver instead`,
        );
      }
    }
    const decided = await this.#audited(
      `waiver-${decision.decision}`,
      by,
      { id, controlId: waiver.controlId, comment: decision.comment },
      () =>
        this.#options.store.decideWaiver(id, decision.decision, {
          by: by.actor,
          at: this.#now(),
          comment: decision.comment,
        }),
    );
    if (decided.status === 'approved') await this.#rescan(decided.scope, by);
    return decided;
  }

  /**
   * Revokes a requested or approved waiver. The caller has checked that the actor is an approver
   * or the requester.
   *
   * @throws ConflictError when the waiver is rejected, revoked or expired
   */
  async revokeWaiver(
    id: string,
    comment: string | undefined,
    by: GovernanceActor,
  ): Promise<WaiverRecord> {
    const before = await this.getWaiver(id);
    const revoked = await this.#audited(
      'waiver-revoke',
      by,
      { id, controlId: before.controlId, comment },
      () =>
        this.#options.store.revokeWaiver(id, {
          by: by.actor,
          at: this.#now(),
          comment,
        }),
    );
    if (before.status === 'approved') await this.#rescan(revoked.scope, by);
    return revoked;
  }

  /**
   * Records an attestation; it supersedes the active one for the same control and scope.
   *
   * @throws InputError for a control that is not of kind `attestation` or `partial`, or an expiry
   *   in the past
   */
  async attest(
    input: NewAttestation,
    by: GovernanceActor,
  ): Promise<AttestationRecord> {
    const now = this.#now();
    const control = knownControl(input.controlId);
    if (control.kind !== 'attestation' && control.kind !== 'partial') {
      throw new InputError(
        `Invalid controlId: ${control.id} is checked automatically from Azure (kind '${control.kind}') and cannot be attested; fix it, or request a waiver`,
      );
    }
    const { defaultDurationDays, durationDaysByControl } =
      this.#options.config.attestations;
    const days = durationDaysByControl[control.id] ?? defaultDurationDays;
    const expiresAt =
      input.expiresAt !== undefined
        ? Date.parse(input.expiresAt)
        : now.getTime() + days * DAY_MS;
    if (Number.isNaN(expiresAt) || expiresAt <= now.getTime()) {
      throw new InputError(
        `Invalid expiresAt: ${input.expiresAt} is not in the future; give a later ISO 8601 date-time, or leave it out for ${days} days`,
      );
    }
    const { attestation } = await this.#audited(
      'attestation-create',
      by,
      { ...input, expiresAt: new Date(expiresAt).toISOString() },
      () =>
        this.#options.store.createAttestation({
          ...input,
          expiresAt: new Date(expiresAt).toISOString(),
          author: by.actor,
          createdAt: now.toISOString(),
        }),
    );
    await this.#rescan(attestation.scope, by);
    return attestation;
  }

  /** Waivers matching the filter, statuses at now. */
  listWaivers(filter: {
    scopes?: GovernanceScope[];
    controlId?: string;
    status?: WaiverStatus;
  }): Promise<WaiverRecord[]> {
    return this.#options.store.listWaivers({ ...filter, now: this.#now() });
  }

  /** Attestations matching the filter, statuses at now. */
  listAttestations(filter: {
    scopes?: GovernanceScope[];
    controlId?: string;
  }): Promise<AttestationRecord[]> {
    return this.#options.store.listAttestations({
      ...filter,
      now: this.#now(),
    });
  }

  /** History matching the filter, newest first. */
  listEvents(filter: {
    scopes?: GovernanceScope[];
    controlId?: string;
    limit?: number;
  }): Promise<GovernanceEvent[]> {
    return this.#options.store.listEvents(filter);
  }

  /**
   * Records every waiver and attestation that has expired (history and auditor), and asks for a
   * scan of the accounts they applied to, so postures stop counting them.
   */
  async expireDue(): Promise<GovernanceRecords> {
    const { store, auditor } = this.#options;
    const expired = await store.expireDue(this.#now());
    const all = [...expired.waivers, ...expired.attestations];
    if (all.length === 0) return expired;
    const event = await auditor.createEvent({
      eventId: 'governance-expiry',
      severityLevel: 'low',
      meta: {
        actor: SYSTEM_ACTOR,
        at: this.#now().toISOString(),
        waivers: expired.waivers.map(w => w.id),
        attestations: expired.attestations.map(a => a.id),
      },
    });
    await event.success();
    const scopes = new Map(all.map(r => [scopeKey(r.scope), r.scope]));
    for (const scope of scopes.values()) {
      await this.#rescan(scope, { actor: SYSTEM_ACTOR });
    }
    return expired;
  }

  async load(): Promise<AppliedGovernance> {
    await this.expireDue();
    const now = this.#now();
    const { store, config } = this.#options;
    const [waivers, attestations] = await Promise.all([
      store.listWaivers({ now, status: 'approved' }),
      store.listAttestations({ now, status: 'active' }),
    ]);
    // account key -> what applies; entity-scoped records go to every account of the entity
    const byAccount = new Map<
      string,
      { waivers: WaiverRecord[]; attestations: AttestationRecord[] }
    >();
    const entry = (key: string) => {
      let found = byAccount.get(key);
      if (!found) {
        found = { waivers: [], attestations: [] };
        byAccount.set(key, found);
      }
      return found;
    };
    const entityAccounts = new Map<string, Promise<string[]>>();
    const accountsOf = async (scope: GovernanceScope): Promise<string[]> => {
      if (scope.type === 'account') return [scopeKey(scope)];
      const key = scopeKey(scope);
      if (!entityAccounts.has(key)) {
        entityAccounts.set(
          key,
          this.#options
            .resolveEntityAccounts(scope.entityRef)
            .then(ids => ids.map(id => id.toLowerCase())),
        );
      }
      return entityAccounts.get(key)!;
    };
    for (const waiver of waivers) {
      for (const key of await accountsOf(waiver.scope)) {
        entry(key).waivers.push(waiver);
      }
    }
    for (const attestation of attestations) {
      for (const key of await accountsOf(attestation.scope)) {
        entry(key).attestations.push(attestation);
      }
    }
    const applied = (found?: {
      waivers: WaiverRecord[];
      attestations: AttestationRecord[];
    }): AccountGovernance => ({
      // Already chosen for this account: `*` makes the engine apply them even when the
      // account's own evidence (its id) could not be collected.
      // an account-scoped record wins over an entity-scoped one (the engine takes the first)
      waivers: [...(found?.waivers ?? [])].sort(accountScopedFirst).map(w => ({
        controlId: w.controlId,
        resourceId: '*',
        reason: w.reason,
        approvedBy: w.decidedBy ?? w.requestedBy,
        expiresAt: w.expiresAt,
      })),
      attestations: [...(found?.attestations ?? [])]
        .sort(accountScopedFirst)
        .map(a => ({
          controlId: a.controlId,
          resourceId: '*',
          author: a.author,
          evidenceUrl: a.evidenceUrl,
          statement: a.statement,
          expiresAt: a.expiresAt,
        })),
    });
    const version = createHash('sha256').update(
      JSON.stringify(config.waivers.scoring),
    );
    for (const key of [...byAccount.keys()].sort()) {
      version.update(
        `\n${key}\u0000${JSON.stringify(applied(byAccount.get(key)))}`,
      );
    }
    return {
      waivedScoring: config.waivers.scoring,
      version: version.digest('hex'),
      forAccount(resourceId) {
        return applied(
          byAccount.get(resourceId.trim().replace(/\/+$/, '').toLowerCase()),
        );
      },
    };
  }

  /** Why a control is non-waivable, or undefined when it may be waived. */
  async #nonWaivable(controlId: string): Promise<string | undefined> {
    const control = knownControl(controlId);
    if (control.nonWaivable) return 'the catalog marks it non-waivable';
    const configured = await this.#options.nonWaivableControls();
    if (configured.includes(controlId)) {
      return 'listed in nonWaivableControls of azureOpenAI.audit or the golden-path policy';
    }
    return undefined;
  }

  async #requireWaivable(controlId: string): Promise<void> {
    const reason = await this.#nonWaivable(controlId);
    if (reason) {
      throw new InputError(
        `Invalid controlId: ${controlId} cannot be waived (${reason}); the finding has to be fixed`,
      );
    }
  }

  /** Runs a change with an auditor event around it: who, when, what, and how it ended. */
  async #audited<T>(
    eventId: string,
    by: GovernanceActor,
    what: object,
    change: () => Promise<T>,
  ): Promise<T> {
    const event = await this.#options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: by.request,
      meta: {
        actor: by.actor,
        at: this.#now().toISOString(),
        ...JSON.parse(JSON.stringify(what)),
      },
    });
    try {
      const result = await change();
      await event.success({
        meta: { result: JSON.parse(JSON.stringify(result)) },
      });
      return result;
    } catch (error) {
      await event.fail({
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw error;
    }
  }

  /** Asks for a scan of the accounts a scope covers; failures are logged, never thrown. */
  async #rescan(scope: GovernanceScope, by: GovernanceActor): Promise<void> {
    const { requestScan, resolveEntityAccounts, logger } = this.#options;
    if (!requestScan) return;
    try {
      const resourceIds =
        scope.type === 'account'
          ? [scope.resourceId]
          : await resolveEntityAccounts(scope.entityRef);
      if (resourceIds.length === 0) return;
      await requestScan({
        resourceIds,
        entityRef: scope.type === 'entity' ? scope.entityRef : undefined,
        requestedBy: by.actor === SYSTEM_ACTOR ? undefined : by.actor,
        request: by.request,
      });
    } catch (error) {
      logger.warn(
        `Could not start a scan of ${describeScope(
          scope,
        )} after a governance change; the next scheduled scan applies it`,
        { error: stringifyError(error) },
      );
    }
  }
}

function accountScopedFirst(
  a: { scope: GovernanceScope },
  b: { scope: GovernanceScope },
): number {
  return (
    (a.scope.type === 'account' ? 0 : 1) - (b.scope.type === 'account' ? 0 : 1)
  );
}
