import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  GOLDEN_PATH_EVENTS_TOPIC,
  parseGoldenPathEvent,
} from '@pavedai/plugin-azure-openai-common';
import type { ProvenanceInput } from '../goldenPath/DatabaseGoldenPathStore';
import type { ScanService } from '../scan/ScanService';

/** Where the audit keeps the provenance the golden path announces. */
export interface ProvenanceRecorder {
  recordProvenance(input: ProvenanceInput): Promise<unknown>;
}

/** Subscriber id of the audit plugin on {@link GOLDEN_PATH_EVENTS_TOPIC}. */
export const GOLDEN_PATH_SUBSCRIBER_ID = 'golden-path-scan';

/**
 * Records the provenance of an account the golden path just provisioned (template, versions,
 * task and applied inputs, when the event carries a template ref) and scans it, so its posture is
 * there before the first scheduled scan. Malformed payloads and other event types are logged and
 * ignored: an event never fails the publisher.
 */
export async function onGoldenPathEvent(
  payload: unknown,
  options: {
    scans: Pick<ScanService, 'requestScan'>;
    logger: LoggerService;
    provenance?: ProvenanceRecorder;
    now?: () => Date;
  },
): Promise<void> {
  const { scans, logger, provenance } = options;
  const parsed = parseGoldenPathEvent(payload);
  if (parsed.kind === 'other') {
    logger.debug('Ignored golden-path event of another type', {
      type: parsed.type,
    });
    return;
  }
  if (parsed.kind === 'malformed') {
    logger.warn('Ignored malformed golden-path event', {
      topic: GOLDEN_PATH_EVENTS_TOPIC,
      problem: parsed.problem,
    });
    return;
  }
  const { accountId, requestedBy } = parsed.event;
  const { templateRef, taskId } = parsed.event;
  if (provenance && templateRef && taskId) {
    try {
      await provenance.recordProvenance({
        resourceId: accountId,
        templateRef,
        taskId,
        templateVersion: parsed.event.templateVersion,
        policyVersion: parsed.event.policyVersion,
        requestedBy,
        inputs: parsed.event.inputs,
        recordedAt: options.now?.() ?? new Date(),
      });
    } catch (error) {
      logger.error(
        'Could not record the golden-path provenance of an account',
        {
          accountId,
          error: (error as Error).message,
        },
      );
    }
  }
  try {
    const scan = await scans.requestScan({
      trigger: 'manual',
      requestedBy: requestedBy ?? 'golden-path',
      target: { type: 'accounts', resourceIds: [accountId] },
    });
    logger.info('Scanning an account the golden path provisioned', {
      accountId,
      scanId: scan.id,
    });
  } catch (error) {
    logger.error('Could not scan an account the golden path provisioned', {
      accountId,
      error: (error as Error).message,
    });
  }
}

/** Subscribes the audit plugin to {@link GOLDEN_PATH_EVENTS_TOPIC}. */
export async function subscribeToGoldenPathEvents(options: {
  events: EventsService;
  scans: Pick<ScanService, 'requestScan'>;
  logger: LoggerService;
  provenance?: ProvenanceRecorder;
}): Promise<void> {
  const { events, scans, logger, provenance } = options;
  await events.subscribe({
    id: GOLDEN_PATH_SUBSCRIBER_ID,
    topics: [GOLDEN_PATH_EVENTS_TOPIC],
    onEvent: async ({ eventPayload }) =>
      onGoldenPathEvent(eventPayload, { scans, logger, provenance }),
  });
}
