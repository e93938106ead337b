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
import { AccountDiscovery } from '@pavedai/plugin-azure-openai-node';
import { AzureOpenAIEntityProvider } from '../provider/AzureOpenAIEntityProvider';
import { AzureOpenAIAccountSource } from '../provider/types';

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
          };
        },
      }),
  });

/**
 * Catalog module that emits a `Resource` entity for every discovered Azure OpenAI account.
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
      },
      async init({
        catalogProcessing,
        catalog,
        source,
        config,
        logger,
        scheduler,
        auth,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'azureOpenAI.catalog.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        catalogProcessing.addEntityProvider(
          AzureOpenAIEntityProvider.fromConfig(config, {
            source,
            catalog,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
