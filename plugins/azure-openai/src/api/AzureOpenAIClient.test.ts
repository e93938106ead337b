import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../utils/errorMessage';
import { AzureOpenAIClient } from './AzureOpenAIClient';

function setup(response: Response) {
  const fetch = jest.fn().mockResolvedValue(response);
  const client = new AzureOpenAIClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backstage/api/${id}`,
    },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('AzureOpenAIClient', () => {
  it('reads the posture of an entity by kind, namespace and name', async () => {
    const { client, fetch } = setup(json({ entityRef: 'x', accounts: [] }));
    await expect(
      client.getEntityPosture('component:default/search-api'),
    ).resolves.toEqual({ entityRef: 'x', accounts: [] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/azure-openai/entities/component/default/search-api/posture',
      undefined,
    );
  });

  it('sends fleet filters, sorting and the cursor as query parameters', async () => {
    const { client, fetch } = setup(json({ items: [], totalCount: 0 }));
    await client.listFleet({
      grade: ['D', 'F'],
      owner: 'group:default/team-chat',
      owner2: undefined,
      sort: 'name',
      order: 'desc',
      cursor: 'abc',
      system: '',
    } as any);
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/azure-openai/fleet');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      grade: 'D,F',
      owner: 'group:default/team-chat',
      sort: 'name',
      order: 'desc',
      cursor: 'abc',
    });
  });

  it('posts a scan request as JSON', async () => {
    const { client, fetch } = setup(json({ id: 'scan-1' }, 202));
    await expect(
      client.createScan({ entityRef: 'component:default/a' }),
    ).resolves.toEqual({ id: 'scan-1' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/azure-openai/scans',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ entityRef: 'component:default/a' }),
      }),
    );
  });

  it('encodes account ids and passes the history limit', async () => {
    const { client, fetch } = setup(json({ items: [] }));
    await client.getAccountHistory('/subscriptions/1/x', { limit: 10 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/azure-openai/accounts/%2Fsubscriptions%2F1%2Fx/history?limit=10',
    );
  });

  it('throws a ResponseError carrying the backend message', async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'NotAllowedError', message: 'not yours' },
          request: { method: 'POST', url: '/scans' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client
      .createScan({ entityRef: 'component:default/a' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('not yours');
    expect(errorMessage(error)).toBe('not yours');
    expect(error.statusCode).toBe(403);
  });

  it('reads the golden-path options', async () => {
    const options = { subscriptions: [], regions: ['swedencentral'] };
    const { client, fetch } = setup(json(options));
    await expect(client.getGoldenPathOptions()).resolves.toEqual(options);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/azure-openai/golden-path/options',
      undefined,
    );
  });

  it('throws a ResponseError when the golden-path options fail to load', async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'Error', message: 'policy is not configured' },
          request: { method: 'GET', url: '/golden-path/options' },
          response: { statusCode: 503 },
        },
        503,
      ),
    );
    const error = await client.getGoldenPathOptions().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    expect(errorMessage(error)).toBe('policy is not configured');
  });
});
