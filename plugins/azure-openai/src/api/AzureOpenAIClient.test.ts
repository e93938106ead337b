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

  it("reads today's golden-path policy", async () => {
    const document = { policy: {}, version: '0123456789abcdef', yaml: '{}\n' };
    const { client, fetch } = setup(json(document));
    await expect(client.getGoldenPathPolicy()).resolves.toEqual(document);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/azure-openai/golden-path/policy',
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

  describe('governance', () => {
    /** A client whose every request answers `body` (a fresh response each time). */
    const answering = (body: unknown, status = 200) => {
      const { client, fetch } = setup(json(body, status));
      fetch.mockImplementation(async () => json(body, status));
      return { client, fetch };
    };
    const post = (body: unknown) =>
      expect.objectContaining({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('posts a waiver request, a decision and a revocation as JSON', async () => {
      const { client, fetch } = answering({ id: 'w/1' }, 201);
      const request = {
        controlId: 'AOAI-NET-002',
        accountId: 'abc',
        reason: 'r',
        riskAccepted: 'k',
        compensatingControl: 'c',
        expiresAt: '2027-01-01T00:00:00.000Z',
      };
      await expect(client.requestWaiver(request)).resolves.toEqual({
        id: 'w/1',
      });
      await client.decideWaiver('w/1', { decision: 'reject', comment: 'no' });
      await client.revokeWaiver('w/1');
      expect(fetch.mock.calls.map(c => c[0])).toEqual([
        'http://backstage/api/azure-openai/waivers',
        'http://backstage/api/azure-openai/waivers/w%2F1/decision',
        'http://backstage/api/azure-openai/waivers/w%2F1/revoke',
      ]);
      expect(fetch.mock.calls[0][1]).toEqual(post(request));
      expect(fetch.mock.calls[1][1]).toEqual(
        post({ decision: 'reject', comment: 'no' }),
      );
      expect(fetch.mock.calls[2][1]).toEqual(post({}));
    });

    it('posts an attestation as JSON', async () => {
      const { client, fetch } = setup(json({ id: 'a-1' }, 201));
      const body = {
        controlId: 'AOAI-GOV-003',
        entityRef: 'component:default/search-api',
        statement: 's',
        evidenceUrl: 'https://e.example/x',
      };
      await client.createAttestation(body);
      expect(fetch).toHaveBeenCalledWith(
        'http://backstage/api/azure-openai/attestations',
        post(body),
      );
    });

    it('sends only the filters that are set to the list routes', async () => {
      const { client, fetch } = answering({ items: [] });
      await client.listWaivers({
        status: 'requested',
        entityRef: 'component:default/search-api',
        controlId: '',
      });
      await client.listAttestations({ accountId: 'abc', controlId: 'X' });
      await client.getGovernanceHistory();
      const urls = fetch.mock.calls.map(c => new URL(c[0]));
      expect(urls.map(u => u.pathname)).toEqual([
        '/api/azure-openai/waivers',
        '/api/azure-openai/attestations',
        '/api/azure-openai/governance/history',
      ]);
      expect(urls.map(u => Object.fromEntries(u.searchParams))).toEqual([
        { status: 'requested', entityRef: 'component:default/search-api' },
        { accountId: 'abc', controlId: 'X' },
        {},
      ]);
    });

    it('throws the backend refusal of a waiver as a ResponseError', async () => {
      const { client } = setup(
        json(
          {
            error: {
              name: 'InputError',
              message: 'controlId: AOAI-IAM-001 must not be waived',
            },
            request: { method: 'POST', url: '/waivers' },
            response: { statusCode: 400 },
          },
          400,
        ),
      );
      const error = await client
        .requestWaiver({
          controlId: 'AOAI-IAM-001',
          accountId: 'a',
          reason: 'r',
          riskAccepted: 'k',
          compensatingControl: 'c',
          expiresAt: '2027-01-01T00:00:00.000Z',
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(errorMessage(error)).toBe(
        'controlId: AOAI-IAM-001 must not be waived',
      );
    });
  });
});

describe('AzureOpenAIClient golden-path maintenance', () => {
  it('sends the goldenPath fleet filter as true or false', async () => {
    for (const goldenPath of [false, true]) {
      const { client, fetch } = setup(json({ items: [], totalCount: 0 }));
      await client.listFleet({ goldenPath, limit: 500 });
      const url = new URL(fetch.mock.calls[0][0]);
      expect(url.pathname).toBe('/api/azure-openai/fleet');
      expect(url.searchParams.get('goldenPath')).toBe(String(goldenPath));
      expect(url.searchParams.get('limit')).toBe('500');
    }
  });

  it('posts the candidate policy to /golden-path/impact with the cursor of the next page', async () => {
    const { client, fetch } = setup(json({ accountsChanged: 0, accounts: [] }));
    await client.previewPolicyImpact(
      { policyYaml: 'allowedRegions: [swedencentral]\n' },
      { cursor: 'c2', limit: 50 },
    );
    const [url, init] = fetch.mock.calls[0];
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/api/azure-openai/golden-path/impact');
    expect(parsed.searchParams.get('cursor')).toBe('c2');
    expect(parsed.searchParams.get('limit')).toBe('50');
    expect(parsed.searchParams.get('format')).toBeNull();
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body)).toEqual({
      policyYaml: 'allowedRegions: [swedencentral]\n',
    });
  });

  it('throws the backend refusal of a bad candidate as a ResponseError with its message', async () => {
    const { client } = setup(
      json(
        {
          error: {
            name: 'InputError',
            message:
              'Invalid policyYaml.allowedRegions: expected a list of region names. Fix: ...',
          },
          request: { method: 'POST', url: '/golden-path/impact' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client
      .previewPolicyImpact({ policyYaml: 'allowedRegions: 3' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toMatch(
      /^Invalid policyYaml.allowedRegions/,
    );
  });

  it('downloads the CSV of the impact under the backend file name', async () => {
    const { client, fetch } = setup(
      new Response('account_id,name\r\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition':
            'attachment; filename="golden-path-impact-0123456789abcdef.csv"',
        },
      }),
    );
    const { blob, filename } = await client.downloadPolicyImpactCsv({
      policyYaml: 'allowedRegions: [swedencentral]\n',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(new URL(url).searchParams.get('format')).toBe('csv');
    expect(init.method).toBe('POST');
    expect(filename).toBe('golden-path-impact-0123456789abcdef.csv');
    expect(await blob.text()).toBe('account_id,name\r\n');
  });

  it('reads the drift of an account by its opaque id', async () => {
    const { client, fetch } = setup(json({ accountId: 'a/b', items: [] }));
    await client.getAccountDrift('a/b');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/azure-openai/accounts/a%2Fb/drift',
    );
  });
});
