import {
  createBackendModule,
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { azureOpenAIAuditSourcesExtensionPoint } from './extensions';
import { azureOpenAIPlugin, SCAN_TASK_ID } from './plugin';
import { createFakeCatalog } from './testUtils/fakeCatalog';
import {
  evaluateFixture,
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from './testUtils/fixtures';

jest.setTimeout(60_000);

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
  it('scans on demand and serves the posture over HTTP', async () => {
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
        createBackendModule({
          pluginId: 'azure-openai',
          moduleId: 'test-sources',
          register(env) {
            env.registerInit({
              deps: { ext: azureOpenAIAuditSourcesExtensionPoint },
              async init({ ext }) {
                ext.setAccountSource(sources);
                ext.setEvidenceSource(sources);
                ext.setPolicySource({ getPolicy: async () => TEST_POLICY });
              },
            });
          },
        }),
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

    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
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
    await tasks[0].fn(new AbortController().signal);
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

  it('fails scans with a clear message when no sources are installed', async () => {
    const { server } = await startTestBackend({
      features: [
        azureOpenAIPlugin,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => createFakeCatalog(ENTITIES),
        }),
      ],
    });
    const created = await request(server)
      .post('/api/azure-openai/scans')
      .send({ accountId: GOOD });
    expect(created.status).toBe(202);
    const finished = await waitForScan(server, created.body.id);
    expect(finished.status).toBe('failed');
    expect(finished.error).toContain('AccountSource');
  });
});
