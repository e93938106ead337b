import {
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  eventsServiceRef,
  type EventsService,
  type EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import { GOLDEN_PATH_EVENTS_TOPIC } from '@pavedai/plugin-azure-openai-common';
import { startEmulator } from '@pavedai/azure-arm-emulator';
import request from 'supertest';
import { azureOpenAIAuditSourcesExtensionPoint } from '@pavedai/plugin-azure-openai-node';
import * as backendPackage from './index';
import { azureOpenAIPlugin, SCAN_TASK_ID } from './plugin';
import { EXPIRY_NOTICES_TASK_ID } from './notifications/setUpNotifications';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { createFakeCatalog } from './testUtils/fakeCatalog';
import { fakeSourcesModule as sourcesModule } from './testUtils/sourcesModule';
import {
  evaluateFixture,
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from './testUtils/fixtures';

jest.setTimeout(60_000);

const DEMO_PROD = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const DEMO_DEV = '3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02';

const GOOD = testResourceId('aoai-good');
const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-good',
      namespace: 'default',
      annotations: { 'management.azure.com/resourceId': GOOD },
    },
    spec: { type: 'azure-openai-account', owner: 'team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [{ type: 'dependsOn', targetRef: 'resource:default/aoai-good' }],
  },
];

async function waitForScan(server: any, scanId: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const res = await request(server).get(`/api/azure-openai/scans/${scanId}`);
    if (res.body.status === 'completed' || res.body.status === 'failed')
      return res.body;
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`scan ${scanId} did not finish`);
}

describe('azureOpenAIPlugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('takes sources through the extension point of the node package, still re-exported here', () => {
    expect(backendPackage.azureOpenAIAuditSourcesExtensionPoint).toBe(
      azureOpenAIAuditSourcesExtensionPoint,
    );
    expect(azureOpenAIAuditSourcesExtensionPoint.id).toBe(
      'azure-openai.audit-sources',
    );
  });

  it('scans on demand and serves the posture over HTTP, with sources from a module that only depends on the node package', async () => {
    const sources = new FakeSources();
    sources.add('aoai-good', loadEvidence('pass-hardened').input);
    sources.add('aoai-bad', loadEvidence('fail-insecure').input, {
      tags: { 'backstage.io-owner': 'team-b' },
    });
    const tasks: Array<
      SchedulerServiceTaskScheduleDefinition &
        SchedulerServiceTaskInvocationDefinition
    > = [];

    const { server } = await startTestBackend({
      features: [
        azureOpenAIPlugin,
        sourcesModule(sources, TEST_POLICY),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => createFakeCatalog(ENTITIES),
        }),
        mockServices.scheduler.mock({
          async scheduleTask(task) {
            tasks.push(task as (typeof tasks)[number]);
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            azureOpenAI: {
              audit: {
                schedule: { frequency: { hours: 2 }, timeout: { minutes: 10 } },
                concurrency: 2,
              },
            },
          },
        }),
      ],
    });

    // the daily expiry notices run once across replicas too
    expect(tasks.find(t => t.id === EXPIRY_NOTICES_TASK_ID)).toMatchObject({
      scope: 'global',
      frequency: { hours: 24 },
    });
    expect(tasks.find(t => t.id === SCAN_TASK_ID)).toMatchObject({
      id: SCAN_TASK_ID,
      scope: 'global',
      frequency: { hours: 2 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 30 },
    });

    const created = await request(server)
      .post('/api/azure-openai/scans')
      .send({ entityRef: 'component:default/checkout' });
    expect(created.status).toBe(202);
    const finished = await waitForScan(server, created.body.id);
    expect(finished).toMatchObject({ status: 'completed', accountsDone: 1 });

    const posture = await request(server).get(
      '/api/azure-openai/entities/component/default/checkout/posture',
    );
    expect(posture.status).toBe(200);
    expect(posture.body.aggregate.grade).toBe(
      evaluateFixture('pass-hardened').score.grade,
    );
    expect(posture.body.accounts[0].account.resourceId).toBe(GOOD);

    // the scheduled task scans the whole fleet
    await tasks
      .find(t => t.id === SCAN_TASK_ID)!
      .fn(new AbortController().signal);
    const fleet = await request(server).get(
      '/api/azure-openai/fleet?sort=name',
    );
    expect(fleet.status).toBe(200);
    expect(fleet.body.items.map((i: any) => i.account.name)).toEqual([
      'aoai-bad',
      'aoai-good',
    ]);
    expect(fleet.body.items[0].account.owner).toBe('group:default/team-b');
    expect(fleet.body.items[1].account.owner).toBe('group:default/team-a');

    const unauthenticated = await request(server)
      .get('/api/azure-openai/fleet')
      .set('Authorization', 'Bearer nope');
    expect(unauthenticated.status).toBe(401);
  });

  it('scans the Azure accounts (the ARM emulator) through its default sources', async () => {
    const emulator = await startEmulator({ preset: 'demo' });
    try {
      const chatProd = `/subscriptions/${DEMO_PROD}/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/aoai-chat-prod`;
      const legacy = `/subscriptions/${DEMO_DEV}/resourceGroups/rg-search-legacy/providers/Microsoft.CognitiveServices/accounts/aoai-search-legacy`;
      const demoEntities: Entity[] = [
        ...[chatProd, legacy].map(id => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: id.split('/').pop()!,
            namespace: 'default',
            annotations: { 'management.azure.com/resourceId': id },
          },
          spec: { type: 'azure-openai-account', owner: 'team-chat' },
        })),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'search-api', namespace: 'default' },
          spec: {
            type: 'service',
            owner: 'team-search',
            lifecycle: 'production',
          },
          relations: [
            {
              type: 'dependsOn',
              targetRef: 'resource:default/aoai-search-legacy',
            },
          ],
        },
      ];
      const { server } = await startTestBackend({
        features: [
          azureOpenAIPlugin,
          createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => createFakeCatalog(demoEntities),
          }),
          mockServices.scheduler.mock({ async scheduleTask() {} }).factory,
          mockServices.rootConfig.factory({
            data: {
              azureOpenAI: {
                azure: {
                  credential: { kind: 'staticToken', token: 'audit-test' },
                  resourceManagerUrl: emulator.url,
                },
              },
            },
          }),
        ],
      });

      const created = await request(server)
        .post('/api/azure-openai/scans')
        .send({ entityRef: 'component:default/search-api' });
      expect(created.status).toBe(202);
      const finished = await waitForScan(server, created.body.id);
      expect(finished).toMatchObject({ status: 'completed', accountsDone: 1 });

      const posture = await request(server).get(
        '/api/azure-openai/entities/component/default/search-api/posture',
      );
      expect(posture.status).toBe(200);
      expect(posture.body.aggregate.grade).toBe('F');
      const results: Array<{ controlId: string; status: string }> =
        posture.body.accounts[0].results ??
        posture.body.accounts[0].posture.results;
      const statusOf = (id: string) =>
        results.find(r => r.controlId === id)?.status;
      // Public network access and key authentication are on in the legacy account.
      expect(statusOf('AOAI-NET-002')).toBe('fail');
      expect(statusOf('AOAI-IAM-001')).toBe('fail');

      // Reading posture never reads secrets, and the scan wrote nothing to Azure.
      const operations = emulator.stats().byOperation;
      expect(operations.Accounts_ListKeys).toBeUndefined();
      expect(
        Object.keys(operations).filter(op =>
          /_(Create|Update|Delete|Purge)/.test(op),
        ),
      ).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });

  it('fails the scans a stopped replica left running once they are older than their timeout, at start', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseAuditStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    for (const [id, createdAt] of [
      ['stale', minutesAgo(6)],
      ['fresh', minutesAgo(1)],
    ] as const) {
      await store.createScan({
        id,
        trigger: 'manual',
        target: { type: 'fleet' },
        createdAt,
      });
      await store.updateScan(id, { status: 'running', startedAt: createdAt });
    }

    await startTestBackend({
      features: [
        azureOpenAIPlugin,
        mockServices.database.factory({ knex }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => createFakeCatalog([]),
        }),
        mockServices.scheduler.mock({ async scheduleTask() {} }).factory,
        mockServices.rootConfig.factory({
          data: {
            azureOpenAI: {
              audit: { onDemandTimeout: { minutes: 5 } },
              azure: {
                credential: { kind: 'staticToken', token: 'unused' },
                resourceManagerUrl: 'http://127.0.0.1:9',
              },
            },
          },
        }),
      ],
    });

    expect(await store.getScan('stale')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('5 minutes'),
    });
    expect((await store.getScan('fresh'))?.status).toBe('running');
  });

  describe('golden path', () => {
    /** An events service that keeps the subscribers, so the test can deliver events. */
    function recordingEvents() {
      const subscribers: EventsServiceSubscribeOptions[] = [];
      const service: EventsService = {
        async publish(params) {
          for (const subscriber of subscribers) {
            if (subscriber.topics.includes(params.topic)) {
              await subscriber.onEvent(params);
            }
          }
        },
        async subscribe(options) {
          subscribers.push(options);
        },
      };
      return {
        service,
        subscribers,
        factory: createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => service,
        }),
      };
    }

    const baseFeatures = (sources: FakeSources) => [
      azureOpenAIPlugin,
      sourcesModule(sources),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => createFakeCatalog(ENTITIES),
      }),
      mockServices.scheduler.mock({ async scheduleTask() {} }).factory,
    ];

    it('refuses to start with a malformed golden-path policy, naming the config path', async () => {
      await expect(
        startTestBackend({
          features: [
            ...baseFeatures(new FakeSources()),
            mockServices.rootConfig.factory({
              data: {
                azureOpenAI: { goldenPath: { capacityCaps: { Standard: 0 } } },
              },
            }),
          ],
        }),
      ).rejects.toThrow(
        /azureOpenAI\.goldenPath\.capacityCaps\.Standard: 0 is not a positive whole number/,
      );
    });

    it('serves the options of the config policy and scans accounts the golden path provisions', async () => {
      const sources = new FakeSources();
      sources.add('aoai-good', loadEvidence('pass-hardened').input);
      const events = recordingEvents();
      const { server } = await startTestBackend({
        features: [
          ...baseFeatures(sources),
          events.factory,
          mockServices.rootConfig.factory({
            data: {
              azureOpenAI: {
                goldenPath: {
                  allowedRegions: ['swedencentral'],
                  allowedDeploymentSkus: ['GlobalStandard', 'Standard'],
                  dataResidency: 'regional',
                  requireCustomerManagedKeys: false,
                },
              },
            },
          }),
        ],
      });

      const options = await request(server).get(
        '/api/azure-openai/golden-path/options',
      );
      expect(options.status).toBe(200);
      expect(options.body).toMatchObject({
        regions: ['swedencentral'],
        deploymentSkus: ['Standard'],
        dataResidency: 'regional',
        requiresCustomerManagedKey: false,
        policyVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      });

      expect(events.subscribers.map(s => s.topics)).toEqual([
        [GOLDEN_PATH_EVENTS_TOPIC],
      ]);
      // malformed payloads are ignored without failing the publisher
      await events.service.publish({
        topic: GOLDEN_PATH_EVENTS_TOPIC,
        eventPayload: { type: 'account.provisioned', accountId: 'nope' },
      });
      await events.service.publish({
        topic: GOLDEN_PATH_EVENTS_TOPIC,
        eventPayload: 'garbage',
      });
      let fleet = await request(server).get('/api/azure-openai/fleet');
      expect(fleet.body.items).toEqual([]);

      await events.service.publish({
        topic: GOLDEN_PATH_EVENTS_TOPIC,
        eventPayload: {
          type: 'account.provisioned',
          accountId: GOOD,
          entityRef: 'resource:default/aoai-good',
          owner: 'group:default/team-a',
          system: 'checkout',
          requestedBy: 'user:default/dev',
        },
      });
      for (let attempt = 0; attempt < 200; attempt++) {
        fleet = await request(server).get('/api/azure-openai/fleet');
        if (fleet.body.items.length > 0) break;
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      expect(fleet.body.items.map((i: any) => i.account.resourceId)).toEqual([
        GOOD,
      ]);
    });
  });
});
