import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';

/** A recorded auditor event and how it ended. */
export interface RecordedAuditEvent {
  options: AuditorServiceCreateEventOptions;
  outcome?: { status: 'succeeded' | 'failed'; meta?: unknown; error?: Error };
}

/** An auditor that records events in memory. */
export function createRecordingAuditor(): AuditorService & {
  events: RecordedAuditEvent[];
} {
  const events: RecordedAuditEvent[] = [];
  return {
    events,
    async createEvent(options) {
      const event: RecordedAuditEvent = { options };
      events.push(event);
      return {
        async success(o) {
          event.outcome = { status: 'succeeded', meta: o?.meta };
        },
        async fail(o) {
          event.outcome = { status: 'failed', meta: o.meta, error: o.error };
        },
      };
    },
  };
}
