import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { azureOpenAIPostureFactRetriever } from './azureOpenAIPostureFactRetriever';

/**
 * Tech Insights module that adds the `azure-openai-posture` fact retriever, under the config key
 * `techInsights.factRetrievers.azureOpenAIPostureFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleAzureOpenAI = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'azure-openai',
  register(env) {
    env.registerInit({
      deps: { factRetrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ factRetrievers }) {
        factRetrievers.addFactRetrievers({ azureOpenAIPostureFactRetriever });
      },
    });
  },
});
