import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  azureOpenAI?: {
    /**
     * The catalog entity provider that turns every discovered Azure OpenAI account into a
     * `Resource` entity of type `azure-openai-account`.
     */
    catalog?: {
      /**
       * How often to discover accounts. Defaults to every 30 minutes with a 10 minute
       * timeout and a 15 second initial delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Owner of an account whose tags name none (tag `backstage.io-owner`), as an entity
       * ref such as `group:default/platform-team`. Required.
       */
      defaultOwner: string;
      /** Namespace of the emitted entities. Defaults to `default`. */
      namespace?: string;
      /**
       * Base URL of the Azure portal for the `backstage.io/view-url` link. Defaults to the
       * public cloud's portal (`https://portal.azure.com`).
       */
      portalUrl?: string;
    };
  };
}
