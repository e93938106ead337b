import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createServiceFactory,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import { GOLDEN_PATH_EVENTS_TOPIC } from '@pavedai/plugin-azure-openai-common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_GOLDEN_PATH, startEmulator } from '@pavedai/azure-arm-emulator';
import request from 'supertest';
import {
  azureOpenAIAccountSourceServiceRef,
  catalogModuleAzureOpenAIEntityProvider,
} from './catalogModuleAzureOpenAIEntityProvider';

const SUB = '3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02';
const armId = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/${name}`;

describe('catalogModuleAzureOpenAIEntityProvider', () => {
  it('puts discovered accounts in the catalog, leaving described ones to their entity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aoai-catalog-'));
    const file = join(dir, 'accounts.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        '  name: described-by-team',
        '  annotations:',
        `    management.azure.com/resourceId: ${armId('aoai-described')}`,
        'spec:',
        '  type: azure-openai-account',
        '  owner: group:default/team-chat',
      ].join('\n'),
    );

    const accounts = [
      { id: armId('aoai-described'), name: 'aoai-described', kind: 'OpenAI' },
      {
        id: armId('aoai-handmade'),
        name: 'aoai-handmade',
        kind: 'AIServices',
        location: 'eastus',
        tags: { 'backstage.io-owner': 'group:default/team-search' },
      },
    ];

    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAzureOpenAIEntityProvider,
        createServiceFactory({
          service: azureOpenAIAccountSourceServiceRef,
          deps: {},
          factory: () => ({
            async *listAccounts() {
              yield* accounts;
            },
          }),
        }),
        // The real scheduler, so that discovery runs again after the file location is
        // processed, as it does in a running backend.
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Resource', 'Location'] }],
              locations: [{ type: 'file', target: file }],
            },
            azureOpenAI: {
              catalog: {
                defaultOwner: 'group:default/platform-team',
                schedule: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 30 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          },
        }),
      ],
    });

    let resources: Entity[] = [];
    for (let attempt = 0; attempt < 60; attempt++) {
      const res = await request(server)
        .get('/api/catalog/entities?filter=kind=resource')
        .set('Authorization', mockCredentials.user.header());
      resources = res.body;
      if (resources.length === 2 && resources.every(e => e.relations?.length)) {
        break;
      }
      await new Promise(r => setTimeout(r, 500));
    }

    expect(resources.map(e => e.metadata.name).sort()).toEqual([
      'aoai-handmade',
      'described-by-team',
    ]);
    const handmade = resources.find(e => e.metadata.name === 'aoai-handmade');
    expect(handmade?.spec).toMatchObject({
      type: 'azure-openai-account',
      owner: 'group:default/team-search',
    });
  }, 60_000);
});

/** The catalog with this module and its default account source on the ARM emulator. */
function startEmulatorBackend(emulatorUrl: string, ...extra: ServiceFactory[]) {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleAzureOpenAIEntityProvider,
      ...extra,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [{ allow: ['Resource', 'Location'] }],
          },
          azureOpenAI: {
            azure: {
              credential: { kind: 'staticToken', token: 'catalog-test' },
              resourceManagerUrl: emulatorUrl,
            },
            catalog: {
              defaultOwner: 'group:default/platform-team',
              // one discovery at start, the next one 30 minutes later
              schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
            },
          },
        },
      }),
    ],
  });
}

describe('catalogModuleAzureOpenAIEntityProvider with its default account source', () => {
  it('discovers the accounts in Azure (the ARM emulator) and lists them in the catalog', async () => {
    const emulator = await startEmulator({ preset: 'demo' });
    try {
      const { server } = await startEmulatorBackend(emulator.url);

      let resources: Entity[] = [];
      for (let attempt = 0; attempt < 60; attempt++) {
        const res = await request(server)
          .get('/api/catalog/entities?filter=kind=resource')
          .set('Authorization', mockCredentials.user.header());
        resources = res.body;
        if (resources.length >= 4) break;
        await new Promise(r => setTimeout(r, 500));
      }

      expect(resources.map(e => e.metadata.name).sort()).toEqual([
        'aoai-chat-dev',
        'aoai-chat-prod',
        'aoai-search-legacy',
        'aoai-search-prod',
      ]);
      const chatProd = resources.find(
        e => e.metadata.name === 'aoai-chat-prod',
      );
      expect(chatProd?.spec?.owner).toMatch(/team-chat$/);
      expect(
        chatProd?.metadata.annotations?.['management.azure.com/resourceId'],
      ).toBe(
        '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/aoai-chat-prod',
      );
      expect(emulator.stats().byOperation.Accounts_ListKeys?.total ?? 0).toBe(
        0,
      );
    } finally {
      await emulator.stop();
    }
  }, 60_000);
});

describe('catalogModuleAzureOpenAIEntityProvider and the golden path', () => {
  it('adopts an account the golden path announces in seconds, long before the next discovery', async () => {
    const emulator = await startEmulator({ preset: 'demo' });
    const subscribers: EventsServiceSubscribeOptions[] = [];
    try {
      const { server } = await startEmulatorBackend(
        emulator.url,
        mockServices.events.mock({
          async subscribe(options) {
            subscribers.push(options);
          },
        }).factory,
      );
      const resourceNames = async () => {
        const res = await request(server)
          .get('/api/catalog/entities?filter=kind=resource')
          .set('Authorization', mockCredentials.user.header());
        return (res.body as Entity[]).map(e => e.metadata.name).sort();
      };
      const waitFor = async (done: (names: string[]) => boolean) => {
        let names: string[] = [];
        for (let attempt = 0; attempt < 60; attempt++) {
          names = await resourceNames();
          if (done(names)) break;
          await new Promise(r => setTimeout(r, 250));
        }
        return names;
      };
      // the first discovery has run; the next one is 30 minutes away
      expect(await waitFor(names => names.length >= 4)).toHaveLength(4);

      const { subscriptionId, name: rg } = DEMO_GOLDEN_PATH.resourceGroup;
      const accountId = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.CognitiveServices/accounts/aoai-payments`;
      emulator.state.put({
        id: accountId,
        name: 'aoai-payments',
        type: 'Microsoft.CognitiveServices/accounts',
        kind: 'OpenAI',
        location: 'swedencentral',
        sku: { name: 'S0' },
        tags: {
          'backstage.io-owner': 'group:default/team-payments',
          'backstage.io-system': 'payments',
        },
        properties: { provisioningState: 'Succeeded' },
      });
      const onEvent = (eventPayload: unknown) =>
        Promise.all(
          subscribers
            .filter(s => s.topics.includes(GOLDEN_PATH_EVENTS_TOPIC))
            .map(s =>
              s.onEvent({ topic: GOLDEN_PATH_EVENTS_TOPIC, eventPayload }),
            ),
        );
      expect(subscribers).toHaveLength(1);
      await onEvent({ type: 'account.provisioned', accountId: 'not-an-id' });
      await onEvent({
        type: 'account.provisioned',
        accountId,
        entityRef: 'resource:default/aoai-payments',
        owner: 'group:default/team-payments',
        system: 'payments',
      });

      expect(await waitFor(names => names.includes('aoai-payments'))).toEqual([
        'aoai-chat-dev',
        'aoai-chat-prod',
        'aoai-payments',
        'aoai-search-legacy',
        'aoai-search-prod',
      ]);
    } finally {
      await emulator.stop();
    }
  }, 60_000);
});
