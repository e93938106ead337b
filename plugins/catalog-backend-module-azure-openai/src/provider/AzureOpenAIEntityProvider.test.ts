import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AzureOpenAIEntityProvider } from './AzureOpenAIEntityProvider';
import { ArmAccountSummary, AzureOpenAIAccountSource } from './types';

const SUB = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const armId = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/${name}`;

function sourceOf(
  accounts: ArmAccountSummary[],
  failAfter?: number,
): AzureOpenAIAccountSource {
  return {
    async *listAccounts() {
      let n = 0;
      for (const account of accounts) {
        if (failAfter !== undefined && n++ >= failAfter) {
          throw new Error('ARM answered 500');
        }
        yield account;
      }
    },
  };
}

function setup(source: AzureOpenAIAccountSource, claimedBy = [] as string[]) {
  const catalog = catalogServiceMock({
    entities: claimedBy.map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        annotations: {
          'management.azure.com/resourceId': armId(name).toUpperCase(),
          'backstage.io/managed-by-location': 'file:/repo/catalog-info.yaml',
        },
      },
      spec: { type: 'azure-openai-account', owner: 'team-a' },
    })),
  });
  const provider = AzureOpenAIEntityProvider.fromConfig(
    new ConfigReader({
      azureOpenAI: { catalog: { defaultOwner: 'group:default/platform-team' } },
    }),
    {
      source,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      taskRunner: { run: jest.fn() },
    },
  );
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  return { provider, connection };
}

describe('AzureOpenAIEntityProvider', () => {
  it('replaces its entities with every discovered account, once each', async () => {
    const accounts = [
      { id: armId('one'), name: 'one', kind: 'OpenAI' },
      { id: armId('two'), name: 'two', kind: 'AIServices' },
      { id: armId('ONE'), name: 'one', kind: 'OpenAI' },
    ];
    const { provider, connection } = setup(sourceOf(accounts));
    await provider.connect(connection);
    await provider.refresh();

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(
      mutation.entities.map((e: any) => e.entity.metadata.name).sort(),
    ).toEqual(['one', 'two']);
  });

  it('leaves accounts that another entity already describes to that entity', async () => {
    const { provider, connection } = setup(
      sourceOf([
        { id: armId('claimed'), name: 'claimed' },
        { id: armId('handmade'), name: 'handmade' },
      ]),
      ['claimed'],
    );
    await provider.connect(connection);
    await provider.refresh();
    const mutation = connection.applyMutation.mock.calls[0][0];
    expect(mutation.entities.map((e: any) => e.entity.metadata.name)).toEqual([
      'handmade',
    ]);
  });

  it('keeps the catalog as it is when discovery fails part way', async () => {
    const { provider, connection } = setup(
      sourceOf(
        [
          { id: armId('a'), name: 'a' },
          { id: armId('b'), name: 'b' },
        ],
        1,
      ),
    );
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow('ARM answered 500');
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('refuses to start without a default owner, naming the key', () => {
    expect(() =>
      AzureOpenAIEntityProvider.fromConfig(new ConfigReader({}), {
        source: sourceOf([]),
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        taskRunner: { run: jest.fn() },
      }),
    ).toThrow(/azureOpenAI\.catalog\.defaultOwner is required/);
  });
});
