import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DateTime } from 'luxon';
import {
  azureOpenAIPostureFactRetriever,
  postureFacts,
} from './azureOpenAIPostureFactRetriever';
import {
  CHECKOUT_POSTURE,
  NO_ACCOUNTS_POSTURE,
  RESOURCE_POSTURE,
} from './testUtils';

const BASE = 'http://localhost:0/api';
const CATALOG_ENTITIES = [
  { kind: 'Component', metadata: { namespace: 'default', name: 'checkout' } },
  { kind: 'Component', metadata: { namespace: 'default', name: 'docs-site' } },
  { kind: 'System', metadata: { namespace: 'default', name: 'gone' } },
  { kind: 'Resource', metadata: { namespace: 'default', name: 'aoai-good' } },
];

function context() {
  return {
    config: mockServices.rootConfig(),
    discovery: mockServices.discovery(),
    logger: mockServices.logger.mock(),
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
    entityFilter: azureOpenAIPostureFactRetriever.entityFilter,
  };
}

describe('azureOpenAIPostureFactRetriever', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('gives each entity with scanned accounts its grade, score, failing critical and high counts and evaluation time, read from the audit API with a service token', async () => {
    const auditAuth: string[] = [];
    let catalogQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE}/catalog/entities`, ({ request }) => {
        catalogQuery = new URL(request.url).searchParams;
        return HttpResponse.json(CATALOG_ENTITIES);
      }),
      http.get(
        `${BASE}/azure-openai/entities/:kind/:namespace/:name/posture`,
        ({ params, request }) => {
          auditAuth.push(request.headers.get('authorization') ?? '');
          const ref = `${params.kind}:${params.namespace}/${params.name}`;
          const body = {
            'component:default/checkout': CHECKOUT_POSTURE,
            'component:default/docs-site': NO_ACCOUNTS_POSTURE,
            'resource:default/aoai-good': RESOURCE_POSTURE,
          }[ref];
          return body
            ? HttpResponse.json(body)
            : HttpResponse.json(
                {
                  error: {
                    name: 'NotFoundError',
                    message: `No entity '${ref}'`,
                  },
                },
                { status: 404 },
              );
        },
      ),
    );

    const facts = await azureOpenAIPostureFactRetriever.handler(context());

    expect(catalogQuery?.getAll('filter')).toEqual([
      'kind=component,kind=system,kind=resource',
    ]);
    expect(facts).toEqual([
      {
        entity: { kind: 'Component', namespace: 'default', name: 'checkout' },
        facts: {
          grade: 'D',
          score: 61.5,
          failingCriticalCount: 1,
          failingHighCount: 2,
          evaluatedAt: DateTime.fromISO('2026-11-28T10:00:00.000Z', {
            zone: 'utc',
          }),
        },
      },
      {
        entity: { kind: 'Resource', namespace: 'default', name: 'aoai-good' },
        facts: expect.objectContaining({
          grade: 'A',
          score: 100,
          failingCriticalCount: 0,
          failingHighCount: 0,
        }),
      },
    ]);
    expect(auditAuth).toHaveLength(4);
    for (const header of auditAuth) {
      expect(header).toMatch(/^Bearer mock-service-token:/);
      expect(
        JSON.parse(header.slice('Bearer mock-service-token:'.length)),
      ).toMatchObject({
        sub: 'plugin:tech-insights',
        target: 'azure-openai',
      });
    }
  });

  it('fails the run when the audit API answers no request, and skips single failures', async () => {
    server.use(
      http.get(`${BASE}/catalog/entities`, () =>
        HttpResponse.json(CATALOG_ENTITIES.slice(0, 2)),
      ),
      http.get(
        `${BASE}/azure-openai/entities/:kind/:namespace/:name/posture`,
        () =>
          HttpResponse.json({ error: { message: 'down' } }, { status: 503 }),
      ),
    );
    await expect(
      azureOpenAIPostureFactRetriever.handler(context()),
    ).rejects.toThrow(
      /The Azure OpenAI audit API answered none of 2 posture requests/,
    );

    server.use(
      http.get(
        `${BASE}/azure-openai/entities/component/default/checkout/posture`,
        () => HttpResponse.json(CHECKOUT_POSTURE),
      ),
    );
    const ctx = context();
    const facts = await azureOpenAIPostureFactRetriever.handler(ctx);
    expect(facts.map(f => f.entity.name)).toEqual(['checkout']);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      'Could not read the Azure OpenAI posture of an entity',
      expect.objectContaining({ entity: 'Component:default/docs-site' }),
    );
  });

  it('declares the five facts with Tech Insights types', () => {
    expect(azureOpenAIPostureFactRetriever.id).toBe('azure-openai-posture');
    expect(
      Object.fromEntries(
        Object.entries(azureOpenAIPostureFactRetriever.schema).map(
          ([name, fact]) => [name, fact.type],
        ),
      ),
    ).toEqual({
      grade: 'string',
      score: 'float',
      failingCriticalCount: 'integer',
      failingHighCount: 'integer',
      evaluatedAt: 'datetime',
    });
  });

  it('gives no facts for an entity whose accounts were never scanned', () => {
    expect(
      postureFacts({
        entityRef: 'component:default/new',
        accounts: [],
        unscanned: [{ resourceId: '/subscriptions/x', linkedBy: [] }],
      }),
    ).toBeUndefined();
  });
});
