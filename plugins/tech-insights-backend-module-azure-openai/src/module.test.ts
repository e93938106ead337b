import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import techInsightsModuleAzureOpenAI from './index';
import { CHECKOUT_POSTURE } from './testUtils';

type Task = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: (signal?: AbortSignal) => Promise<void>;
};

describe('techInsightsModuleAzureOpenAI', () => {
  const server = setupServer(
    // the test backend itself, on loopback
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  registerMswTestHooks(server);

  async function start(factRetrievers: object) {
    const tasks: Task[] = [];
    const backend = await startTestBackend({
      features: [
        techInsightsPlugin,
        techInsightsModuleAzureOpenAI,
        mockServices.discovery.factory(),
        mockServices.scheduler.mock({
          async scheduleTask(task) {
            tasks.push(task as Task);
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: { techInsights: { factRetrievers } },
        }),
      ],
    });
    return { ...backend, tasks };
  }

  it('schedules the retriever at the configured cadence and stores its facts in Tech Insights', async () => {
    const { server: app, tasks } = await start({
      azureOpenAIPostureFactRetriever: { cadence: '0 */6 * * *' },
    });
    const task = tasks.find(t => t.id === 'azure-openai-posture');
    expect(task).toMatchObject({ frequency: { cron: '0 */6 * * *' } });

    server.use(
      http.get('http://localhost:0/api/catalog/entities', () =>
        HttpResponse.json([
          {
            kind: 'Component',
            metadata: { namespace: 'default', name: 'checkout' },
          },
        ]),
      ),
      http.get(
        'http://localhost:0/api/azure-openai/entities/component/default/checkout/posture',
        () => HttpResponse.json(CHECKOUT_POSTURE),
      ),
    );
    await task!.fn(new AbortController().signal);

    const schemas = await request(app).get('/api/tech-insights/fact-schemas');
    expect(schemas.status).toBe(200);
    // The schema endpoint flattens each fact's schema into the entry.
    expect(
      schemas.body.find((s: { id: string }) => s.id === 'azure-openai-posture'),
    ).toMatchObject({
      grade: { type: 'string' },
      score: { type: 'float' },
      failingCriticalCount: { type: 'integer' },
      failingHighCount: { type: 'integer' },
      evaluatedAt: { type: 'datetime' },
    });

    const latest = await request(app)
      .get('/api/tech-insights/facts/latest')
      .query({
        entity: 'component:default/checkout',
        'ids[]': 'azure-openai-posture',
      });
    expect(latest.status).toBe(200);
    expect(latest.body['azure-openai-posture'].facts).toEqual({
      grade: 'D',
      score: 61.5,
      failingCriticalCount: 1,
      failingHighCount: 2,
      evaluatedAt: '2026-11-28T10:00:00.000Z',
    });
  });

  it('is not scheduled without a cadence in config', async () => {
    const { tasks } = await start({});
    expect(tasks.map(t => t.id)).not.toContain('azure-openai-posture');
  });
});
