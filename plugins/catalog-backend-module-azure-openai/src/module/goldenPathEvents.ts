import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  GOLDEN_PATH_EVENTS_TOPIC,
  parseGoldenPathEvent,
} from '@pavedai/plugin-azure-openai-common';
import type { AzureOpenAIEntityProvider } from '../provider/AzureOpenAIEntityProvider';

/**
 * Adopts the accounts the golden path announces on {@link GOLDEN_PATH_EVENTS_TOPIC}, so they
 * appear in the catalog within seconds instead of at the next scheduled discovery. Malformed
 * payloads, other event types and failures are logged; an event never fails its publisher.
 */
export async function subscribeToGoldenPathEvents(options: {
  events: EventsService;
  provider: Pick<AzureOpenAIEntityProvider, 'adoptAccount'>;
  logger: LoggerService;
}): Promise<void> {
  const { events, provider, logger } = options;
  await events.subscribe({
    id: 'azure-openai-entity-provider',
    topics: [GOLDEN_PATH_EVENTS_TOPIC],
    async onEvent({ eventPayload }) {
      const parsed = parseGoldenPathEvent(eventPayload);
      if (parsed.kind === 'malformed') {
        logger.warn('Ignored malformed golden-path event', {
          topic: GOLDEN_PATH_EVENTS_TOPIC,
          problem: parsed.problem,
        });
        return;
      }
      if (parsed.kind === 'other') return;
      const { accountId, entityRef } = parsed.event;
      try {
        const entity = await provider.adoptAccount(accountId);
        const actual = entity && stringifyEntityRef(entity);
        if (
          actual &&
          entityRef &&
          actual.toLocaleLowerCase('en-US') !==
            entityRef.toLocaleLowerCase('en-US')
        ) {
          logger.info('Provisioned account adopted under another entity ref', {
            accountId,
            expected: entityRef,
            actual,
          });
        }
      } catch (error) {
        logger.error('Could not adopt a provisioned Azure OpenAI account', {
          accountId,
          error: stringifyError(error),
        });
      }
    },
  });
}
