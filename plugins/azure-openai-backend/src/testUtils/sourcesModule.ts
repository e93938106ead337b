import { createBackendModule } from '@backstage/backend-plugin-api';
import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIAuditSourcesExtensionPoint } from '@pavedai/plugin-azure-openai-node';
import type { FakeSources } from './fixtures';

/**
 * A backend module that gives the audit plugin fake account and evidence sources (and the
 * policy, when given) through the extension point of the node package.
 */
export function fakeSourcesModule(
  sources: FakeSources,
  policy?: GoldenPathPolicy,
) {
  return createBackendModule({
    pluginId: 'azure-openai',
    moduleId: 'test-sources',
    register(env) {
      env.registerInit({
        deps: { ext: azureOpenAIAuditSourcesExtensionPoint },
        async init({ ext }) {
          ext.setAccountSource(sources);
          ext.setEvidenceSource(sources);
          if (policy) ext.setPolicySource({ getPolicy: async () => policy });
        },
      });
    },
  });
}
