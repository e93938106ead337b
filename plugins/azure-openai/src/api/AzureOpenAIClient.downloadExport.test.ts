import { ResponseError } from '@backstage/errors';
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

const attachment = (body: string, filename: string) =>
  new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });

describe('AzureOpenAIClient.downloadExport', () => {
  it.each([
    [{ type: 'fleet' as const }, 'csv', '/api/azure-openai/exports/fleet'],
    [
      { type: 'entity' as const, entityRef: 'component:default/search-api' },
      'sarif',
      '/api/azure-openai/exports/entities/component/default/search-api',
    ],
    [
      { type: 'owner' as const, ownerRef: 'team-chat' },
      'md',
      '/api/azure-openai/exports/owners/group/default/team-chat',
    ],
  ] as const)(
    'downloads the %j export as %s from its URL',
    async (scope, format, pathname) => {
      const { client, fetch } = setup(attachment('a,b\r\n', 'x.csv'));
      await client.downloadExport(scope, format);
      const url = new URL(fetch.mock.calls[0][0]);
      expect(url.pathname).toBe(pathname);
      expect(url.searchParams.get('format')).toBe(format);
    },
  );

  it('answers the body and the file name the backend gives', async () => {
    const { client } = setup(
      attachment(
        'account_id\r\n',
        'azure-openai-evidence-fleet-20261128T120000Z.csv',
      ),
    );
    const { blob, filename } = await client.downloadExport(
      { type: 'fleet' },
      'csv',
    );
    expect(filename).toBe('azure-openai-evidence-fleet-20261128T120000Z.csv');
    expect(await blob.text()).toBe('account_id\r\n');
  });

  it("throws the backend's error", async () => {
    const { client } = setup(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed to export Azure OpenAI evidence',
          },
          request: { method: 'GET', url: '/exports/fleet' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const error = await client
      .downloadExport({ type: 'fleet' }, 'json')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe(
      'Not allowed to export Azure OpenAI evidence',
    );
  });
});
