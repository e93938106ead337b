import { callerOf, type RequestLogEntry } from './server';
import { startEmulator, type RunningEmulator } from './startEmulator';
import { withEmulator } from './__testUtils__/emulatorHarness';

const SUB = '00000000-0000-0000-0000-000000000001';
const RG = `/subscriptions/${SUB}/resourceGroups/rg1`;
const AUTH = { Authorization: 'Bearer test-token' };

describe('request pipeline', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = AUTH,
  ) =>
    fetch(`${emu.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body:
        typeof body === 'string' || body === undefined
          ? body
          : JSON.stringify(body),
    });

  it('rejects calls without a bearer token with AuthenticationFailed', async () => {
    const res = await call(
      'GET',
      `${RG}?api-version=2025-04-01`,
      undefined,
      {},
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('AuthenticationFailed');
    const malformed = await call(
      'GET',
      `${RG}?api-version=2025-04-01`,
      undefined,
      { Authorization: 'Basic abc' },
    );
    expect(malformed.status).toBe(401);
    expect((await malformed.json()).error.code).toBe('AuthenticationFailed');
  });

  it('checks api-version', async () => {
    const missing = await call('GET', RG);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe(
      'MissingApiVersionParameter',
    );
    const invalid = await call('GET', `${RG}?api-version=1999-01-01`);
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.code).toBe('InvalidApiVersionParameter');
    expect(body.error.message).toContain('2025-04-01');
  });

  it('sends x-ms-request-id and rate-limit headers on every answer', async () => {
    const res = await call('GET', `${RG}?api-version=2025-04-01`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const correlated = await call(
      'GET',
      `${RG}?api-version=2025-04-01`,
      undefined,
      {
        ...AUTH,
        'x-ms-correlation-request-id': 'corr-1',
        'x-ms-client-request-id': 'client-1',
      },
    );
    expect(correlated.headers.get('x-ms-correlation-request-id')).toBe(
      'corr-1',
    );
    expect(correlated.headers.get('x-ms-client-request-id')).toBe('client-1');
    expect(
      Number(res.headers.get('x-ms-ratelimit-remaining-subscription-reads')),
    ).toBe(249);
    const put = await call('PUT', `${RG}?api-version=2025-04-01`, {
      location: 'westeurope',
    });
    expect(put.status).toBe(201);
    expect(
      Number(put.headers.get('x-ms-ratelimit-remaining-subscription-writes')),
    ).toBe(199);
  });

  it('answers unknown paths and bad JSON with ARM errors, not stack traces', async () => {
    const unknown = await call(
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.Nope/things?api-version=1`,
    );
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('InvalidResourceType');
    expect(
      unknown.headers.get('x-ms-ratelimit-remaining-subscription-reads'),
    ).not.toBeNull();
    const bad = await call(
      'PUT',
      `${RG}?api-version=2025-04-01`,
      '{"location":',
    );
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text).error.code).toBe('InvalidRequestContent');
    expect(text).not.toMatch(/at .*\.ts/);
  });

  it('pages lists with nextLink at the configured page size', async () => {
    await withEmulator(
      {
        pageSize: 2,
        publicBaseUrl: 'http://example.test',
      },
      async paged => {
        for (const n of ['a', 'b', 'c']) {
          await fetch(
            `${paged.url}/subscriptions/${SUB}/resourcegroups/rg-${n}?api-version=2025-04-01`,
            {
              method: 'PUT',
              headers: { ...AUTH, 'Content-Type': 'application/json' },
              body: JSON.stringify({ location: 'eastus' }),
            },
          );
        }
        const first = await (
          await fetch(
            `${paged.url}/subscriptions/${SUB}/resourcegroups?api-version=2025-04-01`,
            { headers: AUTH },
          )
        ).json();
        expect(first.value).toHaveLength(2);
        expect(first.nextLink).toMatch(
          /^http:\/\/example\.test\/subscriptions\/.*\$skiptoken=2/,
        );
        const next = new URL(first.nextLink);
        const second = await (
          await fetch(`${paged.url}${next.pathname}${next.search}`, {
            headers: AUTH,
          })
        ).json();
        expect(second.value.map((r: any) => r.name)).toEqual(['rg-c']);
        expect(second.nextLink).toBeUndefined();
      },
    );
  });

  it('counts calls per operation and status, and serves admin endpoints', async () => {
    await call('GET', `${RG}?api-version=2025-04-01`);
    await call('PUT', `${RG}?api-version=2025-04-01`, {
      location: 'westeurope',
    });
    await call('GET', `${RG}?api-version=2025-04-01`);
    const stats = await (await fetch(`${emu.url}/_emulator/stats`)).json();
    expect(stats.byOperation.ResourceGroups_Get.byStatus).toEqual({
      '200': 1,
      '404': 1,
    });
    expect(stats.byOperation.ResourceGroups_CreateOrUpdate.total).toBe(1);
    expect(stats.totalRequests).toBe(3);
    expect(emu.stats().totalRequests).toBe(3);

    const dump = await (await fetch(`${emu.url}/_emulator/state`)).json();
    expect(dump.resources.map((r: any) => r.id)).toEqual([
      `/subscriptions/${SUB}/resourceGroups/rg1`,
    ]);
    await fetch(`${emu.url}/_emulator/reset`, { method: 'POST' });
    expect((await call('GET', `${RG}?api-version=2025-04-01`)).status).toBe(
      404,
    );
    const load = await fetch(`${emu.url}/_emulator/state`, {
      method: 'PUT',
      body: JSON.stringify(dump),
    });
    expect(load.status).toBe(204);
    expect((await call('GET', `${RG}?api-version=2025-04-01`)).status).toBe(
      200,
    );
    const badLoad = await fetch(`${emu.url}/_emulator/state`, {
      method: 'PUT',
      body: '{"nope":1}',
    });
    expect(badLoad.status).toBe(400);
    expect((await badLoad.json()).error.code).toBe('InvalidState');
  });
});

describe('callers for throttling', () => {
  const jwt = (claims: object) =>
    `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify(claims),
    ).toString('base64url')}.sig`;

  it('reads the oid (or sub, appid) of a JWT, else fingerprints the token', () => {
    expect(callerOf(jwt({ oid: 'o-1', sub: 's-1' }))).toBe('o-1');
    expect(callerOf(jwt({ sub: 's-1' }))).toBe('s-1');
    expect(callerOf(jwt({ appid: 'a-1' }))).toBe('a-1');
    expect(callerOf('opaque')).toMatch(/^token:[0-9a-f]{16}$/);
    expect(callerOf('opaque')).not.toBe(callerOf('opaque2'));
  });

  it('shares one bucket between two tokens of the same principal', async () => {
    await withEmulator(
      {
        throttling: { reads: { burst: 1, perSecond: 0.001 } },
      },
      async emu => {
        const get = (token: string) =>
          fetch(
            `${emu.url}/subscriptions/${SUB}/resourcegroups?api-version=2025-04-01`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
        expect((await get(jwt({ oid: 'same', iat: 1 }))).status).toBe(200);
        expect((await get(jwt({ oid: 'same', iat: 2 }))).status).toBe(429);
        expect((await get(jwt({ oid: 'other' }))).status).toBe(200);
      },
    );
  });
});

describe('request log', () => {
  it('reports every answered ARM call, including resets, but not admin calls', async () => {
    const entries: RequestLogEntry[] = [];
    await withEmulator({ onRequest: e => entries.push(e) }, async emu => {
      await fetch(`${emu.url}${RG}?api-version=2025-04-01`, { headers: AUTH });
      await fetch(`${emu.url}/_emulator/stats`);
      emu.faults.add({ kind: 'reset', times: 1 });
      await expect(
        fetch(`${emu.url}${RG}?api-version=2025-04-01`, { headers: AUTH }),
      ).rejects.toThrow();
      expect(
        entries.map(e => [e.method, e.path, e.operationId, e.status]),
      ).toEqual([
        ['GET', RG, 'ResourceGroups_Get', 404],
        ['GET', RG, 'ResourceGroups_Get', 0],
      ]);
      expect(entries[0].durationMs).toEqual(expect.any(Number));
    });
  });
});

describe('subscriptions', () => {
  it('lists the known subscriptions with display names and gets one', async () => {
    await withEmulator(
      {
        preset: 'demo',
        fleet: { accounts: 2, subscriptions: 1, seed: 3 },
      },
      async emu => {
        const list = await (
          await fetch(`${emu.url}/subscriptions?api-version=2022-12-01`, {
            headers: AUTH,
          })
        ).json();
        expect(list.value.map((s: any) => s.displayName).sort()).toEqual([
          'dev',
          'fleet-1',
          'prod',
        ]);
        const prod = list.value.find((s: any) => s.displayName === 'prod');
        expect(prod).toMatchObject({
          id: `/subscriptions/${prod.subscriptionId}`,
          state: 'Enabled',
        });
        const one = await fetch(
          `${emu.url}/subscriptions/${prod.subscriptionId}?api-version=2022-12-01`,
          { headers: AUTH },
        );
        expect((await one.json()).displayName).toBe('prod');
        const missing = await fetch(
          `${emu.url}/subscriptions/00000000-0000-0000-0000-00000000dead?api-version=2022-12-01`,
          { headers: AUTH },
        );
        expect(missing.status).toBe(404);
        expect((await missing.json()).error.code).toBe('SubscriptionNotFound');
        // Subscriptions that only appear in resource ids are listed too.
        await fetch(
          `${emu.url}/subscriptions/${SUB}/resourcegroups/rg-x?api-version=2025-04-01`,
          {
            method: 'PUT',
            headers: { ...AUTH, 'Content-Type': 'application/json' },
            body: JSON.stringify({ location: 'westeurope' }),
          },
        );
        const after = await (
          await fetch(`${emu.url}/subscriptions?api-version=2022-12-01`, {
            headers: AUTH,
          })
        ).json();
        expect(after.value.map((s: any) => s.subscriptionId)).toContain(SUB);
        expect(emu.state.dump().subscriptions).toHaveLength(3);
      },
    );
  });
});

describe('limits and admin errors', () => {
  it('refuses bodies over 10 MB with 413 and answers unknown admin paths with 404', async () => {
    await withEmulator({}, async emu => {
      const big = await fetch(`${emu.url}${RG}?api-version=2025-04-01`, {
        method: 'PUT',
        headers: { ...AUTH, 'Content-Type': 'application/json' },
        body: `{"location":"${'x'.repeat(11 * 1024 * 1024)}"}`,
      });
      expect(big.status).toBe(413);
      expect((await big.json()).error.code).toBe('RequestEntityTooLarge');
      const admin = await fetch(`${emu.url}/_emulator/nope`);
      expect(admin.status).toBe(404);
      expect((await admin.json()).error.code).toBe('NotFound');
      const badJson = await fetch(`${emu.url}/_emulator/faults`, {
        method: 'POST',
        body: '{',
      });
      expect(badJson.status).toBe(400);
    });
  });
});
