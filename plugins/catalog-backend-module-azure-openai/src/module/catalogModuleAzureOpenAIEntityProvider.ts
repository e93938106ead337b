import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  createServiceRef,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  AccountDiscovery,
  parseArmResourceId,
} from '@pavedai/plugin-azure-openai-node';
import { AzureOpenAIEntityProvider } from '../provider/AzureOpenAIEntityProvider';
import { AzureOpenAIAccountSource } from '../provider/types';
import { subscribeToGoldenPathEvents } from './goldenPathEvents';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

/**
 * Where the entity provider gets Azure OpenAI accounts from. By default, discovery in Azure
 * with the identity and subscriptions of `azureOpenAI.azure`; a backend can replace it with
 * `createServiceFactory` (tests use a fixed list).
 *
 * @public
 */
export const azureOpenAIAccountSourceServiceRef =
  createServiceRef<AzureOpenAIAccountSource>({
    id: 'azure-openai.account-source',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        factory({ config, logger }) {
          const discovery = AccountDiscovery.fromConfig(config, { logger });
          return {
            listAccounts: ({ signal }) => discovery.discover({ signal }),
            // The account's subscription only; an account Resource Graph does not list yet is
            // read directly.
            async getAccount(id, { signal }) {
              const { subscriptionId } = parseArmResourceId(id);
              const key = id.toLocaleLowerCase('en-US');
              for await (const account of discovery.discover({
                signal,
                subscriptions: [subscriptionId],
                accountIds: [id],
              })) {
                if (account.id.toLocaleLowerCase('en-US') === key) {
                  return account;
                }
              }
              return undefined;
            },
          };
        },
      }),
  });

/**
 * Catalog module that emits a `Resource` entity for every discovered Azure OpenAI account, and
 * adopts accounts the golden path provisions as soon as it announces them (events topic
 * `azure-openai.golden-path`).
 *
 * @public
 */
export const catalogModuleAzureOpenAIEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'azure-openai-entity-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        source: azureOpenAIAccountSourceServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        events: eventsServiceRef,
      },
      async init({
        catalogProcessing,
        catalog,
        source,
        config,
        logger,
        scheduler,
        auth,
        events,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'azureOpenAI.catalog.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        const provider = AzureOpenAIEntityProvider.fromConfig(config, {
          source,
          catalog,
          auth,
          logger,
          taskRunner: scheduler.createScheduledTaskRunner(schedule),
        });
        catalogProcessing.addEntityProvider(provider);
        await subscribeToGoldenPathEvents({ events, provider, logger });
      },
    });
  },
});
