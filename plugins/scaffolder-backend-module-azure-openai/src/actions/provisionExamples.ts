import yaml from 'yaml';

/** Examples of `azure:openai:provision` shown in the scaffolder's action list. */
export const PROVISION_EXAMPLES = [
  {
    description:
      'Provision a hardened account with one chat deployment, the strict content filter and one consumer',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'azure:openai:provision',
          name: 'Provision Azure OpenAI',
          input: {
            accountName: '${{ parameters.name }}',
            resourceGroup: 'rg-ai-golden-path',
            region: '${{ parameters.region }}',
            owner: '${{ parameters.owner }}',
            system: '${{ parameters.system }}',
            contentFilterProfile: 'strict',
            deployments: [
              {
                name: 'chat',
                model: 'gpt-4.1',
                version: '2025-04-14',
                sku: 'DataZoneStandard',
                capacity: 50,
              },
            ],
            consumerPrincipalIds: ['${{ parameters.consumerPrincipalId }}'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Restore a soft-deleted account of the same name instead of failing',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'azure:openai:provision',
          input: {
            accountName: 'aoai-payments-prod',
            resourceGroup: 'rg-payments',
            region: 'swedencentral',
            owner: 'group:default/team-payments',
            system: 'payments',
            contentFilterProfile: 'standard',
            deployments: [
              {
                name: 'embeddings',
                model: 'text-embedding-3-large',
                version: '1',
                sku: 'Standard',
                capacity: 100,
              },
            ],
            onSoftDeleted: 'restore',
          },
        },
      ],
    }),
  },
];
