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

function setup(
  source: AzureOpenAIAccountSource,
  claimedBy = [] as string[],
  emittedBefore = [] as string[],
) {
  const catalog = catalogServiceMock({
    entities: [
      ...emittedBefore.map(id => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: id.split('/').pop()!,
          annotations: {
            'management.azure.com/resourceId': id,
            'backstage.io/managed-by-location': `azure-openai-accounts:${id}`,
          },
        },
        spec: { type: 'azure-openai-account', owner: 'team-a' },
      })),
      ...claimedBy.map(name => ({
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
    ],
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

  describe('adoptAccount', () => {
    const provisioned = {
      id: armId('aoai-payments'),
      name: 'aoai-payments',
      kind: 'OpenAI',
      location: 'swedencentral',
      tags: {
        'backstage.io-owner': 'group:default/team-payments',
        'backstage.io-system': 'payments',
      },
    };

    function withGetAccount(
      accounts: ArmAccountSummary[],
    ): AzureOpenAIAccountSource & { getAccount: jest.Mock } {
      return {
        ...sourceOf([]),
        getAccount: jest.fn(async (id: string) =>
          accounts.find(a => a.id.toLowerCase() === id.toLowerCase()),
        ),
      };
    }

    it('adds the one account with a delta mutation, keyed as the full refresh keys it', async () => {
      const source = withGetAccount([provisioned]);
      const { provider, connection } = setup(source);
      await provider.connect(connection);
      const entity = await provider.adoptAccount(provisioned.id.toUpperCase());

      expect(source.getAccount).toHaveBeenCalledWith(
        provisioned.id.toUpperCase(),
        {},
      );
      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
      const mutation = connection.applyMutation.mock.calls[0][0];
      expect(mutation).toMatchObject({
        type: 'delta',
        removed: [],
        added: [
          {
            locationKey: `azure-openai-accounts:${provisioned.id.toLowerCase()}`,
          },
        ],
      });
      expect(mutation.added[0].entity).toBe(entity);
      expect(entity).toMatchObject({
        kind: 'Resource',
        metadata: {
          name: 'aoai-payments',
          annotations: { 'management.azure.com/resourceId': provisioned.id },
        },
        spec: {
          type: 'azure-openai-account',
          owner: 'group:default/team-payments',
          system: 'payments',
        },
      });
    });

    it('skips an account that another entity already describes', async () => {
      const { provider, connection } = setup(
        withGetAccount([{ id: armId('claimed'), name: 'claimed' }]),
        ['claimed'],
      );
      await provider.connect(connection);
      expect(await provider.adoptAccount(armId('claimed'))).toBeUndefined();
      expect(connection.applyMutation).not.toHaveBeenCalled();
    });

    it('names the account as the next full refresh will when another account shares its name', async () => {
      const other = `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai-payments`;
      const { provider, connection } = setup(
        withGetAccount([provisioned]),
        [],
        [other],
      );
      await provider.connect(connection);
      const entity = await provider.adoptAccount(provisioned.id);
      expect(entity?.metadata.name).toMatch(/^aoai-payments-[0-9a-z]+$/);

      const full = setup(
        sourceOf([provisioned, { id: other, name: 'aoai-payments' }]),
      );
      await full.provider.connect(full.connection);
      await full.provider.refresh();
      const names = full.connection.applyMutation.mock.calls[0][0].entities.map(
        (e: any) => e.entity.metadata.name,
      );
      expect(names).toContain(entity?.metadata.name);
    });

    it('emits nothing for an account the source does not find', async () => {
      const { provider, connection } = setup(withGetAccount([]));
      await provider.connect(connection);
      expect(await provider.adoptAccount(armId('gone'))).toBeUndefined();
      expect(connection.applyMutation).not.toHaveBeenCalled();
    });

    it('refreshes in full when the source cannot read one account', async () => {
      const { provider, connection } = setup(sourceOf([provisioned]));
      await provider.connect(connection);
      expect(await provider.adoptAccount(provisioned.id)).toBeUndefined();
      expect(connection.applyMutation).toHaveBeenCalledWith(
        expect.objectContaining({ type: 'full' }),
      );
    });
  });
});
