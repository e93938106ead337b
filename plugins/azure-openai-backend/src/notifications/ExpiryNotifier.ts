import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  type AttestationRecord,
  getControl,
  type GovernanceScope,
  type WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import type { GovernanceStore } from '../governance';
import type { NotificationConfig } from './config';
import {
  describeControl,
  entityName,
  entityTabPath,
  FLEET_PAGE_PATH,
  GOVERNANCE_TOPIC,
} from './messages';
import type { NotificationStore } from './NotificationStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far back an expiry still gets its "has expired" notice: a daily task that missed a few
 * days (backend stopped) catches up, but enabling notifications does not announce old expiries.
 */
export const EXPIRED_LOOKBACK_DAYS = 7;

/** Who owns what a waiver or attestation is scoped to. */
export interface ScopeOwner {
  /** Owner entity ref (usually a group); undefined when nobody owns it. */
  owner?: string;
  /** The catalog entity of the scope, for the link; undefined for an unclaimed account. */
  entityRef?: string;
}

/** Resolves the owner of a governance scope (an account or an entity). */
export type ScopeOwnerResolver = (
  scope: GovernanceScope,
) => Promise<ScopeOwner>;

/** Options of {@link ExpiryNotifier.create}. */
export interface ExpiryNotifierOptions {
  governance: Pick<
    GovernanceStore,
    'listExpiring' | 'listWaivers' | 'listAttestations'
  >;
  store: NotificationStore;
  notifications: NotificationService;
  resolveOwner: ScopeOwnerResolver;
  config: NotificationConfig;
  logger: LoggerService;
  now?: () => Date;
}

/** What {@link ExpiryNotifier.run} sent. */
export interface ExpiryNotifierOutcome {
  warnings: number;
  expired: number;
}

type Notice =
  | { kind: 'waiver'; record: WaiverRecord }
  | { kind: 'attestation'; record: AttestationRecord };

/**
 * Tells owners before an approved waiver or an active attestation expires, and again once it
 * has expired; each notice once per record and expiry, whichever replica runs the task.
 */
export class ExpiryNotifier {
  readonly #options: ExpiryNotifierOptions;
  readonly #now: () => Date;

  static create(options: ExpiryNotifierOptions): ExpiryNotifier {
    return new ExpiryNotifier(options);
  }

  private constructor(options: ExpiryNotifierOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Sends the notices due now (the daily task). */
  async run(): Promise<ExpiryNotifierOutcome> {
    const outcome: ExpiryNotifierOutcome = { warnings: 0, expired: 0 };
    const { governance, config } = this.#options;
    if (!config.enabled) return outcome;
    const now = this.#now();

    const expiring = await governance.listExpiring({
      after: now,
      before: new Date(now.getTime() + config.expiryWarningDays * DAY_MS),
    });
    for (const notice of notices(expiring.waivers, expiring.attestations)) {
      if (await this.#send(notice, 'warning', now)) outcome.warnings += 1;
    }

    const since = now.getTime() - EXPIRED_LOOKBACK_DAYS * DAY_MS;
    const recent = (record: { expiresAt: string }) => {
      const expiresAt = Date.parse(record.expiresAt);
      return expiresAt > since && expiresAt <= now.getTime();
    };
    const [waivers, attestations] = await Promise.all([
      governance.listWaivers({ now, status: 'expired' }),
      governance.listAttestations({ now, status: 'expired' }),
    ]);
    const expired = notices(
      // a waiver that expired while still requested was never in force
      waivers.filter(w => w.decidedAt !== undefined && recent(w)),
      attestations.filter(recent),
    );
    for (const notice of expired) {
      if (await this.#send(notice, 'expired', now)) outcome.expired += 1;
    }
    return outcome;
  }

  async #send(
    notice: Notice,
    stage: 'warning' | 'expired',
    now: Date,
  ): Promise<boolean> {
    const { store, notifications, resolveOwner } = this.#options;
    const { record, kind } = notice;
    const logger = this.#options.logger.child({
      [`${kind}Id`]: record.id,
      stage,
    });
    const key = {
      recordKind: kind,
      recordId: record.id,
      stage,
      expiresAt: new Date(record.expiresAt),
    };
    try {
      if (!(await store.claimExpiryNotice({ ...key, at: now }))) return false;
    } catch (error) {
      logger.warn('Could not record the expiry notice', {
        error: stringifyError(error),
      });
      return false;
    }
    try {
      const { owner, entityRef } = await resolveOwner(record.scope);
      if (!owner) {
        logger.info('Nobody owns the scope of the expiring record');
        return false;
      }
      await notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: expiryPayload(notice, stage, now, entityRef),
      });
      return true;
    } catch (error) {
      logger.error('Could not send the expiry notice', {
        error: stringifyError(error),
      });
      // the next run tries again
      await store.releaseExpiryNotice(key).catch(() => {});
      return false;
    }
  }
}

function notices(
  waivers: readonly WaiverRecord[],
  attestations: readonly AttestationRecord[],
): Notice[] {
  return [
    ...waivers.map(record => ({ kind: 'waiver' as const, record })),
    ...attestations.map(record => ({ kind: 'attestation' as const, record })),
  ];
}

function scopeName(scope: GovernanceScope): string {
  return scope.type === 'entity'
    ? entityName(scope.entityRef)
    : scope.resourceId.replace(/\/+$/, '').split('/').pop()!;
}

function expiryPayload(
  notice: Notice,
  stage: 'warning' | 'expired',
  now: Date,
  entityRef: string | undefined,
) {
  const { kind, record } = notice;
  const subject = entityRef ? entityName(entityRef) : scopeName(record.scope);
  const day = record.expiresAt.slice(0, 10);
  const control = getControl(record.controlId);
  const described = control
    ? describeControl(record.controlId, control.severity)
    : record.controlId;
  const noun = kind === 'waiver' ? 'waiver' : 'attestation';
  const preposition = kind === 'waiver' ? 'for' : 'of';
  const daysLeft = Math.max(
    1,
    Math.ceil((Date.parse(record.expiresAt) - now.getTime()) / DAY_MS),
  );
  const title =
    stage === 'warning'
      ? `${subject}: ${noun} ${preposition} ${
          record.controlId
        } expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${day})`
      : `${subject}: ${noun} ${preposition} ${record.controlId} has expired`;
  const consequence =
    kind === 'waiver'
      ? 'Once it expires the control counts as failing again: fix it, or request a new waiver.'
      : 'Once it expires the control needs a new attestation: attest it again with fresh evidence.';
  const what =
    kind === 'waiver'
      ? `The waiver of ${described} (reason: ${notice.record.reason})`
      : `The attestation of ${described} ("${notice.record.statement}")`;
  return {
    title,
    description:
      stage === 'warning'
        ? `${what} expires on ${day}. ${consequence}`
        : `${what} expired on ${day}. ${consequence.replace(
            'Once it expires the control',
            'The control',
          )}`,
    link: entityRef ? entityTabPath(entityRef) : FLEET_PAGE_PATH,
    severity: stage === 'warning' ? ('normal' as const) : ('high' as const),
    topic: GOVERNANCE_TOPIC,
    scope: `${GOVERNANCE_TOPIC}:${kind}:${record.id}`,
    metadata: {
      [`${kind}Id`]: record.id,
      controlId: record.controlId,
      expiresAt: record.expiresAt,
      stage,
      entityRef: entityRef ?? null,
    },
  };
}
