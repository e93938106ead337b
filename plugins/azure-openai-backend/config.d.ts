import type { HumanDuration } from '@backstage/types';

export interface Config {
  azureOpenAI?: {
    /**
     * Settings of the audit plugin (`@pavedai/plugin-azure-openai-backend`).
     */
    audit?: {
      /**
       * When and how long the scheduled fleet scan runs. The task runs once across all backend
       * replicas that share a database (global scope). Omit to use the defaults: every 6 hours,
       * 30 minute timeout, 30 second initial delay. Set `frequency: { trigger: manual }` to only
       * scan on demand.
       */
      schedule?: {
        /**
         * How often to scan: a cron expression (`'0 * * * *'`), an ISO 8601 duration (`'PT6H'`),
         * a human duration object (`{ hours: 6 }`) or `{ trigger: 'manual' }`.
         */
        frequency:
          | { cron: string }
          | string
          | HumanDuration
          | { trigger: 'manual' };
        /**
         * How long one fleet scan may run before it is aborted (ISO 8601 or human duration).
         */
        timeout: string | HumanDuration;
        /**
         * How long to wait after backend start before the first scan (ISO 8601 or human duration).
         */
        initialDelay?: string | HumanDuration;
      };
      /**
       * How much scan history to keep. Results older than `days`, and results beyond the newest
       * `maxScansPerAccount` of an account, are pruned after each scheduled scan (whole fleet) and
       * after each on-demand scan (only the accounts it scanned). The latest
       * result of every account is always kept. Omit a field for no limit of that kind.
       */
      history?: {
        /** Keep results for this many days. Default 90. */
        days?: number;
        /** Keep at most this many results per account. Default: no limit. */
        maxScansPerAccount?: number;
      };
      /**
       * How long an on-demand scan (`POST /scans`) may run before it is aborted and recorded as
       * failed (ISO 8601 or human duration). Default 10 minutes. Scans left `queued`/`running` by
       * a backend that stopped are marked failed at the next start once they are older than their
       * timeout (this one for on-demand scans, `schedule.timeout` for scheduled ones).
       */
      onDemandTimeout?: string | HumanDuration;
      /**
       * How many accounts one scan collects and evaluates at the same time. Default 16.
       */
      concurrency?: number;
      /**
       * Control ids switched off for this organisation; they are reported as not-applicable.
       */
      disabledControls?: string[];
      /**
       * Control ids that can never be waived, in addition to the controls marked non-waivable in
       * the catalog.
       */
      nonWaivableControls?: string[];
    };
    /**
     * Governance of the audit plugin: waivers, attestations and owner notifications.
     */
    governance?: {
      /**
       * Waivers (accepted risks with an expiry).
       */
      waivers?: {
        /**
         * How many days before an approved waiver (or an active attestation) expires its owner
         * is warned through Backstage notifications. Default 7.
         */
        expiryWarningDays?: number;
        /**
         * The longest a waiver may run, in days from the request: `POST /waivers` refuses a later
         * `expiresAt` and names this maximum. Default 90.
         */
        maxDurationDays?: number;
        /**
         * How a waived control counts in the score: `excluded` (default; left out like a
         * not-applicable control), `pass` (counts as passing) or `fail` (counts as failing, so a
         * waiver hides nothing from the grade; the finding is still reported as waived).
         */
        scoring?: 'excluded' | 'pass' | 'fail';
      };
      /**
       * Attestations: statements that a manual (kind `attestation`) or partly manual (kind
       * `partial`) control is met.
       */
      attestations?: {
        /** How long an attestation applies when the request gives no `expiresAt`. Default 365. */
        defaultDurationDays?: number;
        /**
         * Per-control default duration in days, e.g. `{ AOAI-BCDR-004: 180 }` for disaster
         * recovery tests twice a year. Unknown control ids stop the backend at start.
         */
        durationDaysByControl?: { [controlId: string]: number };
      };
      /**
       * Backstage notifications to owners (needs `@backstage/plugin-notifications-backend`):
       * after each scan, one per entity whose account's grade dropped or where a control newly
       * fails, and one per golden-path account where drift from the golden path appears;
       * daily, before and when a waiver or attestation expires.
       */
      notifications?: {
        /** Send notifications. Default true. */
        enabled?: boolean;
        /**
         * The least severe control whose new failure notifies its owner on its own (a grade drop
         * always notifies): critical, high, medium or low. Default high.
         */
        minimumSeverity?: 'critical' | 'high' | 'medium' | 'low';
      };
    };
  };
}
