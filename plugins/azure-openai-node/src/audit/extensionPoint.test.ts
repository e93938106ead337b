import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  azureOpenAIAuditSourcesExtensionPoint,
  type AccountSource,
  type AzureOpenAIAuditSourcesExtensionPoint,
  type EvidenceSource,
} from '../index';

describe('azureOpenAIAuditSourcesExtensionPoint', () => {
  it('carries the sources a module sets to the plugin that registers it', async () => {
    const accountSource: AccountSource = {
      async *listAccounts() {
        yield {
          resourceId:
            '/subscriptions/s/resourceGroups/g/providers/Microsoft.CognitiveServices/accounts/a',
        };
      },
    };
    const evidenceSource: EvidenceSource = {
      startScan: () => ({ collect: async () => ({ account: {} }) }),
    };
    const received: { account?: AccountSource; evidence?: EvidenceSource } = {};
    const implementation: AzureOpenAIAuditSourcesExtensionPoint = {
      setAccountSource: source => {
        received.account = source;
      },
      setEvidenceSource: source => {
        received.evidence = source;
      },
      setPolicySource: () => {},
    };

    await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'azure-openai',
          register(env) {
            env.registerExtensionPoint(
              azureOpenAIAuditSourcesExtensionPoint,
              implementation,
            );
            env.registerInit({ deps: {}, async init() {} });
          },
        }),
        createBackendModule({
          pluginId: 'azure-openai',
          moduleId: 'sources',
          register(env) {
            env.registerInit({
              deps: { sources: azureOpenAIAuditSourcesExtensionPoint },
              async init({ sources }) {
                sources.setAccountSource(accountSource);
                sources.setEvidenceSource(evidenceSource);
              },
            });
          },
        }),
      ],
    });

    expect(received.account).toBe(accountSource);
    expect(received.evidence).toBe(evidenceSource);
  });
});
