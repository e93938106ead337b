import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  GOLDEN_PATH_EVENTS_TOPIC,
  type GoldenPathProvisionedEvent,
} from '@pavedai/plugin-azure-openai-common';
import { z } from 'zod';
import { parseAccountResourceId } from '../database/armId';
import type { ScanService } from '../scan/ScanService';

/** Subscriber id of the audit plugin on {@link GOLDEN_PATH_EVENTS_TOPIC}. */
export const GOLDEN_PATH_SUBSCRIBER_ID = 'golden-path-scan';

const provisionedSchema = z.object({
  type: z.literal('account.provisioned'),
  accountId: z.string().min(1),
  requestedBy: z.string().min(1).optional(),
});

/**
 * Scans an account the golden path just provisioned, so its posture is there before the first
 * scheduled scan. Malformed payloads and other event types are logged and ignored: an event
 * never fails the publisher.
 */
export async function onGoldenPathEvent(
  payload: unknown,
  options: { scans: Pick<ScanService, 'requestScan'>; logger: LoggerService },
): Promise<void> {
  const { scans, logger } = options;
  const type =
    payload && typeof payload === 'object'
      ? (payload as { type?: unknown }).type
      : undefined;
  if (type !== undefined && type !== 'account.provisioned') {
    logger.debug('Ignored golden-path event of another type', {
      type: String(type),
    });
    return;
  }
  const parsed = provisionedSchema.safeParse(payload);
  let resourceId: string | undefined;
  if (parsed.success) {
    try {
      resourceId = parseAccountResourceId(
        parsed.data.accountId,
        'accountId',
      ).resourceId;
    } catch {
      resourceId = undefined;
    }
  }
  if (!parsed.success || !resourceId) {
    logger.warn('Ignored malformed golden-path event', {
      topic: GOLDEN_PATH_EVENTS_TOPIC,
      problem: parsed.success
        ? 'accountId is not the ARM id of a Microsoft.CognitiveServices/accounts resource'
        : parsed.error.issues
            .map(i => `${i.path.join('.') || 'payload'}: ${i.message}`)
            .join('; '),
    });
    return;
  }
  const event = parsed.data as Pick<
    GoldenPathProvisionedEvent,
    'type' | 'accountId' | 'requestedBy'
  >;
  try {
    const scan = await scans.requestScan({
      trigger: 'manual',
      requestedBy: event.requestedBy ?? 'golden-path',
      target: { type: 'accounts', resourceIds: [resourceId] },
    });
    logger.info('Scanning an account the golden path provisioned', {
      accountId: resourceId,
      scanId: scan.id,
    });
  } catch (error) {
    logger.error('Could not scan an account the golden path provisioned', {
      accountId: resourceId,
      error: (error as Error).message,
    });
  }
}

/** Subscribes the audit plugin to {@link GOLDEN_PATH_EVENTS_TOPIC}. */
export async function subscribeToGoldenPathEvents(options: {
  events: EventsService;
  scans: Pick<ScanService, 'requestScan'>;
  logger: LoggerService;
}): Promise<void> {
  const { events, scans, logger } = options;
  await events.subscribe({
    id: GOLDEN_PATH_SUBSCRIBER_ID,
    topics: [GOLDEN_PATH_EVENTS_TOPIC],
    onEvent: async ({ eventPayload }) =>
      onGoldenPathEvent(eventPayload, { scans, logger }),
  });
}
