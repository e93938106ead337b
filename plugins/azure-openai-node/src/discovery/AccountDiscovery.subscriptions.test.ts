import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AccountDiscovery } from './AccountDiscovery';

/*
 * The emulator does not serve GET /subscriptions, so this test answers it
 * (and one Resource Graph query) from a small loopback server.
 */

const ACCOUNT = (sub: string) =>
  `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai-${sub}`;

describe('AccountDiscovery without configured subscriptions', () => {
  let server: http.Server;
  let url: string;
  const graphBodies: any[] = [];
  const authorizations: Array<string | undefined> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      authorizations.push(req.headers.authorization);
      const path = new URL(req.url!, 'http://x');
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && path.pathname === '/subscriptions') {
        const page = path.searchParams.get('$skiptoken');
        res.end(
          JSON.stringify(
            page
              ? { value: [{ subscriptionId: 'sub-c', state: 'Warning' }] }
              : {
                  value: [
                    { subscriptionId: 'sub-a', state: 'Enabled' },
                    { subscriptionId: 'sub-b', state: 'Disabled' },
                  ],
                  nextLink: `https://management.azure.com/subscriptions?api-version=2022-12-01&$skiptoken=2`,
                },
          ),
        );
        return;
      }
      if (
        req.method === 'POST' &&
        path.pathname === '/providers/Microsoft.ResourceGraph/resources'
      ) {
        let text = '';
        req.on('data', chunk => {
          text += chunk;
        });
        req.on('end', () => {
          const body = JSON.parse(text);
          graphBodies.push(body);
          res.end(
            JSON.stringify({
              totalRecords: 1,
              count: 1,
              resultTruncated: 'false',
              data: [
                {
                  id: ACCOUNT('sub-a'),
                  name: 'aoai-sub-a',
                  kind: 'OpenAI',
                  location: 'westeurope',
                  tags: { 'backstage.io-owner': 'team-a' },
                },
              ],
            }),
          );
        });
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'InvalidResourceType' } }));
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  function discovery() {
    return AccountDiscovery.fromConfig(
      new ConfigReader({
        azureOpenAI: {
          azure: {
            credential: { kind: 'staticToken', token: 'audit-token' },
            resourceManagerUrl: url,
          },
        },
      }),
    );
  }

  it('lists every enabled subscription the credential sees, across pages', async () => {
    await expect(discovery().listSubscriptions()).resolves.toEqual([
      'sub-a',
      'sub-c',
    ]);
    expect(authorizations.every(a => a === 'Bearer audit-token')).toBe(true);
  });

  it('queries Resource Graph over those subscriptions', async () => {
    const found = [];
    for await (const account of discovery().discover()) {
      found.push(account);
    }
    expect(found).toEqual([
      {
        id: ACCOUNT('sub-a'),
        subscriptionId: 'sub-a',
        resourceGroup: 'rg',
        name: 'aoai-sub-a',
        kind: 'OpenAI',
        location: 'westeurope',
        tags: { 'backstage.io-owner': 'team-a' },
        source: 'resourceGraph',
      },
    ]);
    expect(graphBodies.at(-1)).toMatchObject({
      subscriptions: ['sub-a', 'sub-c'],
      options: { $top: 1000, resultFormat: 'objectArray' },
    });
    expect(graphBodies.at(-1).query).toMatch(
      /^Resources \| where type =~ 'microsoft.cognitiveservices\/accounts' and kind in~ \('OpenAI', 'AIServices'\)/,
    );
  });
});
