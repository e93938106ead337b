import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitiveServicesManagementClient,
  type Deployment,
} from '@azure/arm-cognitiveservices';
import { MonitorClient } from '@azure/arm-monitor';
import { staticTokenCredential } from './clientPolicy';
import { createManualClock } from './clock';
import { DEMO_ACCOUNT_IDS, DEMO_SUBSCRIPTIONS } from './presets/demo';
import { startEmulator, type RunningEmulator } from './startEmulator';
import { sdkOptions, withEmulator } from './__testUtils__/emulatorHarness';

const PROD = DEMO_SUBSCRIPTIONS.prod;
const AUTH = { Authorization: 'Bearer behaviour' };

function cs(
  emu: RunningEmulator,
  sub: string = PROD,
  maxRetries = 0,
  token = 'behaviour',
) {
  return new CognitiveServicesManagementClient(
    staticTokenCredential(token),
    sub,
    sdkOptions(emu.url, { maxRetries, retryDelayInMs: 1 }),
  );
}

/** A raw `Accounts_Get` of aoai-chat-prod, as `Bearer behaviour` unless told. */
function getChatProd(
  emu: RunningEmulator,
  headers: Record<string, string> = AUTH,
) {
  return fetch(
    `${emu.url}${DEMO_ACCOUNT_IDS.chatProd}?api-version=2025-09-01`,
    {
      headers,
    },
  );
}

const DEPLOYMENT = {
  sku: { name: 'GlobalStandard', capacity: 10 },
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' },
  },
};

/** Starts creating deployment `name` on aoai-chat-prod (the SDK's poller, not awaited to the end). */
function deployOnChatProd(
  c: CognitiveServicesManagementClient,
  name: string,
  body: Deployment = DEPLOYMENT,
) {
  return c.deployments.beginCreateOrUpdate(
    'rg-chat-prod',
    'aoai-chat-prod',
    name,
    body,
  );
}

describe('deployments', () => {
  it('answers 409 to a second deployment operation on one account while the first runs', async () => {
    const clock = createManualClock();
    await withEmulator(
      {
        preset: 'demo',
        clock,
        lro: { stepMs: 1000 },
      },
      async emu => {
        // The demo locks the account; remove the lock so the 409s come from the running operation.
        emu.state.delete(
          `${DEMO_ACCOUNT_IDS.chatProd}/providers/Microsoft.Authorization/locks/do-not-delete`,
        );
        const c = cs(emu);
        const first = await deployOnChatProd(c, 'one');
        expect(first.getOperationState().status).toBe('running');
        await expect(deployOnChatProd(c, 'two')).rejects.toMatchObject({
          statusCode: 409,
          code: 'Conflict',
        });
        await expect(
          c.deployments.beginDelete(
            'rg-chat-prod',
            'aoai-chat-prod',
            'gpt-4.1',
          ),
        ).rejects.toMatchObject({ statusCode: 409, code: 'Conflict' });
        // Another account is not blocked.
        await c.deployments.beginCreateOrUpdate(
          'rg-search-prod',
          'aoai-search-prod',
          'two',
          DEPLOYMENT,
        );
        clock.advance(2000);
        expect(
          (await c.deployments.get('rg-chat-prod', 'aoai-chat-prod', 'one'))
            .properties?.provisioningState,
        ).toBe('Succeeded');
        const second = await deployOnChatProd(c, 'two');
        expect(second.getOperationState().status).toBe('running');
      },
    );
  });

  it('rejects invalid deployment names, unknown SKUs and unknown RAI policies', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const c = cs(emu);
      await expect(deployOnChatProd(c, 'bad name!')).rejects.toMatchObject({
        statusCode: 400,
        code: 'InvalidResourceName',
      });
      await expect(
        deployOnChatProd(c, 'x1', { ...DEPLOYMENT, sku: { name: 'Premium' } }),
      ).rejects.toMatchObject({ statusCode: 400 });
      await expect(
        deployOnChatProd(c, 'x1', {
          ...DEPLOYMENT,
          properties: { ...DEPLOYMENT.properties, raiPolicyName: 'nope' },
        }),
      ).rejects.toMatchObject({ statusCode: 400 });
      await expect(
        c.deployments.beginCreateOrUpdate(
          'rg-chat-prod',
          'missing-account',
          'x1',
          DEPLOYMENT,
        ),
      ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
      await expect(
        c.raiPolicies.createOrUpdate('rg-chat-prod', 'aoai-chat-prod', 'p1', {
          properties: { mode: 'Sometimes' as any },
        }),
      ).rejects.toMatchObject({ statusCode: 400 });
    });
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After when the read bucket is empty, and the SDK retry succeeds', async () => {
    await withEmulator(
      {
        preset: 'demo',
        throttling: { reads: { burst: 2, perSecond: 5 } },
      },
      async emu => {
        expect(
          (await getChatProd(emu)).headers.get(
            'x-ms-ratelimit-remaining-subscription-reads',
          ),
        ).toBe('1');
        expect(
          (await getChatProd(emu)).headers.get(
            'x-ms-ratelimit-remaining-subscription-reads',
          ),
        ).toBe('0');
        const throttled = await getChatProd(emu);
        expect(throttled.status).toBe(429);
        expect(
          Number(throttled.headers.get('retry-after')),
        ).toBeGreaterThanOrEqual(1);
        expect((await throttled.json()).error.code).toBe(
          'SubscriptionRequestsThrottled',
        );
        // Another caller has its own bucket.
        const other = await getChatProd(emu, {
          Authorization: 'Bearer someone-else',
        });
        expect(other.status).toBe(200);
        // The SDK (same caller, same bucket) gets a 429, honours Retry-After and succeeds.
        const before = emu.stats().byOperation.Accounts_Get.byStatus['429'];
        const account = await cs(emu, PROD, 3).accounts.get(
          'rg-chat-prod',
          'aoai-chat-prod',
        );
        expect(account.name).toBe('aoai-chat-prod');
        expect(
          emu.stats().byOperation.Accounts_Get.byStatus['429'],
        ).toBeGreaterThan(before);
      },
    );
  });

  it('keeps reads, writes and deletes in separate buckets', async () => {
    await withEmulator(
      {
        throttling: { writes: { burst: 1, perSecond: 0.001 } },
      },
      async emu => {
        const put = (n: string) =>
          fetch(
            `${emu.url}/subscriptions/${PROD}/resourcegroups/${n}?api-version=2025-04-01`,
            {
              method: 'PUT',
              headers: { ...AUTH, 'Content-Type': 'application/json' },
              body: JSON.stringify({ location: 'westeurope' }),
            },
          );
        expect((await put('a')).status).toBe(201);
        const second = await put('b');
        expect(second.status).toBe(429);
        expect(
          second.headers.get('x-ms-ratelimit-remaining-subscription-writes'),
        ).toBe('0');
        const read = await fetch(
          `${emu.url}/subscriptions/${PROD}/resourcegroups/a?api-version=2025-04-01`,
          { headers: AUTH },
        );
        expect(read.status).toBe(200);
        // Deletes have their own bucket and header.
        const del = await fetch(
          `${emu.url}/subscriptions/${PROD}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/none?api-version=2025-09-01`,
          { method: 'DELETE', headers: AUTH },
        );
        expect(del.status).not.toBe(429);
        expect(
          del.headers.get('x-ms-ratelimit-remaining-subscription-deletes'),
        ).toBe('199');
      },
    );
  });
});

describe('faults', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo' });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  const monitor = () =>
    new MonitorClient(staticTokenCredential(), PROD, sdkOptions(emu.url));
  const list = async (id: string) => {
    const names: string[] = [];
    for await (const s of monitor().diagnosticSettings.list(id))
      names.push(s.name!);
    return names;
  };

  it('targets one operation of one resource (diagnostic settings of account X answer 403)', async () => {
    const res = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'error',
        operation: 'DiagnosticSettings_List',
        resource: '/accounts/aoai-chat-prod/',
        status: 403,
      }),
    });
    expect(res.status).toBe(201);
    await expect(list(DEMO_ACCOUNT_IDS.chatProd)).rejects.toMatchObject({
      statusCode: 403,
    });
    expect(await list(DEMO_ACCOUNT_IDS.searchProd)).toEqual([
      'to-law-security',
    ]);
    expect(
      (await cs(emu).accounts.get('rg-chat-prod', 'aoai-chat-prod')).name,
    ).toBe('aoai-chat-prod');
    expect(emu.stats().faultsInjected).toBe(1);
  });

  it('rejects invalid fault rules with a clear error', async () => {
    const res = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'explode' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/kind/);
  });

  it('injects 5xx that the SDK retries, and spends a rule after `times`', async () => {
    emu.faults.add({
      kind: 'error',
      status: 503,
      times: 1,
      operation: 'Accounts_Get',
    });
    const account = await cs(emu, PROD, 2).accounts.get(
      'rg-chat-prod',
      'aoai-chat-prod',
    );
    expect(account.name).toBe('aoai-chat-prod');
    expect(emu.stats().byOperation.Accounts_Get.byStatus).toEqual({
      '200': 1,
      '503': 1,
    });
  });

  it('resets connections', async () => {
    emu.faults.add({ kind: 'reset', operation: 'Accounts_Get', times: 1 });
    await expect(getChatProd(emu)).rejects.toThrow();
    const ok = await getChatProd(emu);
    expect(ok.status).toBe(200);
  });

  it('storms 429 with Retry-After', async () => {
    emu.faults.add({ kind: 'throttle', retryAfterSeconds: 7 });
    const res = await getChatProd(emu);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(emu.stats().throttled).toBe(1);
  });

  it('sends malformed JSON', async () => {
    emu.faults.add({ kind: 'malformedJson', operation: 'Deployments_List' });
    const res = await fetch(
      `${emu.url}${DEMO_ACCOUNT_IDS.chatProd}/deployments?api-version=2025-09-01`,
      { headers: AUTH },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    const items: unknown[] = [];
    await expect(
      (async () => {
        for await (const d of cs(emu).deployments.list(
          'rg-chat-prod',
          'aoai-chat-prod',
        ))
          items.push(d);
      })(),
    ).rejects.toThrow();
  });

  it('adds latency and still answers', async () => {
    emu.faults.add({
      kind: 'latency',
      latencyMs: { min: 1, max: 5 },
      operation: 'Accounts_Get',
    });
    expect(
      (await cs(emu).accounts.get('rg-chat-prod', 'aoai-chat-prod')).name,
    ).toBe('aoai-chat-prod');
    expect(emu.stats().faultsInjected).toBe(1);
  });

  it('never fires a rule with rate 0', async () => {
    emu.faults.add({ kind: 'error', status: 500, rate: 0 });
    for (let i = 0; i < 5; i++) {
      expect((await getChatProd(emu)).status).toBe(200);
    }
  });
});

describe('state', () => {
  it('saves to and loads from a state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'arm-emu-')), 'state.json');
    const first = await startEmulator({ stateFile: file });
    await fetch(
      `${first.url}/subscriptions/${PROD}/resourcegroups/rg-saved?api-version=2025-04-01`,
      {
        method: 'PUT',
        headers: { ...AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify({ location: 'westeurope' }),
      },
    );
    await first.stop();
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).resources[0].name).toBe(
      'rg-saved',
    );
    await withEmulator({ stateFile: file, preset: 'demo' }, async second => {
      const got = await fetch(
        `${second.url}/subscriptions/${PROD}/resourcegroups/rg-saved?api-version=2025-04-01`,
        { headers: AUTH },
      );
      expect(got.status).toBe(200);
      expect(second.state.get(DEMO_ACCOUNT_IDS.chatProd)).toBeUndefined();
    });
  });

  it('resets to the preset', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      await cs(emu, DEMO_SUBSCRIPTIONS.dev).accounts.beginDeleteAndWait(
        'rg-chat-dev',
        'aoai-chat-dev',
        { updateIntervalInMs: 1 },
      );
      expect(emu.state.get(DEMO_ACCOUNT_IDS.chatDev)).toBeUndefined();
      emu.reset();
      expect(
        emu.state.get(DEMO_ACCOUNT_IDS.chatDev)?.properties.provisioningState,
      ).toBe('Succeeded');
      expect(emu.stats().totalRequests).toBe(0);
    });
  });
});

describe('input validation', () => {
  it('rejects bad capacities and tags with ARM errors', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const c = cs(emu);
      await expect(
        deployOnChatProd(c, 'x1', {
          ...DEPLOYMENT,
          sku: { name: 'Standard', capacity: 0 },
        }),
      ).rejects.toMatchObject({
        statusCode: 400,
        code: 'InvalidResourceProperties',
      });
      const res = await fetch(
        `${emu.url}${DEMO_ACCOUNT_IDS.chatProd}?api-version=2025-09-01`,
        {
          method: 'PATCH',
          headers: { ...AUTH, 'Content-Type': 'application/json' },
          body: JSON.stringify({ tags: { n: 1 } }),
        },
      );
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('InvalidTag');
    });
  });
});

describe('extension resources on missing scopes', () => {
  it('answers ResourceGroupNotFound or ResourceNotFound for the scope', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const get = (scope: string) =>
        fetch(
          `${emu.url}${scope}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
          { headers: AUTH },
        ).then(async r => [r.status, (await r.json()).error.code]);
      expect(
        await get(
          `/subscriptions/${PROD}/resourceGroups/rg-nope/providers/Microsoft.CognitiveServices/accounts/a`,
        ),
      ).toEqual([404, 'ResourceGroupNotFound']);
      expect(
        await get(
          `/subscriptions/${PROD}/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/nope`,
        ),
      ).toEqual([404, 'ResourceNotFound']);
    });
  });
});

describe('diagnostic settings limits', () => {
  it('allows at most five settings per resource', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const put = (n: number) =>
        fetch(
          `${emu.url}${DEMO_ACCOUNT_IDS.chatDev}/providers/Microsoft.Insights/diagnosticSettings/s${n}?api-version=2021-05-01-preview`,
          {
            method: 'PUT',
            headers: { ...AUTH, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              properties: {
                workspaceId:
                  '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w',
                logs: [{ categoryGroup: 'allLogs', enabled: true }],
              },
            }),
          },
        ).then(r => r.status);
      const statuses = [];
      for (let i = 1; i <= 6; i++) statuses.push(await put(i));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 400]);
      expect(await put(1)).toBe(200);
    });
  });
});
