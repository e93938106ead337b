import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAzureOpenAI } from './module';

const azure = {
  credential: { kind: 'staticToken', token: 't' },
  resourceManagerUrl: 'http://127.0.0.1:7071',
};

async function start(data: object) {
  const ids: string[] = [];
  const examples: number[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        {
          addActions: (...actions: any[]) => {
            for (const a of actions) {
              ids.push(a.id);
              examples.push(a.examples?.length ?? 0);
            }
          },
        },
      ],
    ],
    features: [
      scaffolderModuleAzureOpenAI,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { ids, examples };
}

describe('scaffolderModuleAzureOpenAI', () => {
  it('registers the provision, restore, deployment and audit actions, each with examples', async () => {
    const { ids, examples } = await start({ azureOpenAI: { azure } });
    expect(ids).toEqual([
      'azure:openai:provision',
      'azure:openai:golden-path:restore',
      'azure:openai:deployment:create',
      'azure:openai:audit',
    ]);
    expect(examples.every(n => n > 0)).toBe(true);
  });

  it('stops the backend at start on a bad provisioning setting, naming the key', async () => {
    await expect(
      start({
        azureOpenAI: { azure, provisioning: { conflictRetries: -1 } },
      }),
    ).rejects.toThrow(/azureOpenAI\.provisioning\.conflictRetries/);
  });

  it('stops the backend at start on a bad golden-path policy, naming the key', async () => {
    await expect(
      start({
        azureOpenAI: {
          azure,
          goldenPath: { allowedSubscriptionIds: ['prod'] },
        },
      }),
    ).rejects.toThrow(/azureOpenAI\.goldenPath\.allowedSubscriptionIds/);
  });
});
