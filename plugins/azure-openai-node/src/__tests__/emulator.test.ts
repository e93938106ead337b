import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { ConfigReader } from '@backstage/config';
import {
  DEMO_ACCOUNT_IDS,
  DEMO_SUBSCRIPTIONS,
  RunningEmulator,
  startEmulator,
} from '@pavedai/azure-arm-emulator';
import { ArmThrottleTracker } from '../arm/ArmThrottleTracker';
import { createArmClientOptions } from '../arm/createArmClientOptions';
import { readAzureAccessConfig } from '../config/readAzureAccessConfig';
import { createAzureCredential } from '../credentials/createAzureCredential';
import { ArmRequestScheduler } from '../scheduling/ArmRequestScheduler';

/*
 * The real Azure SDK over real HTTP against the ARM emulator on loopback,
 * configured only through app-config, exactly as a backend would be.
 */

const SUBSCRIPTIONS = [DEMO_SUBSCRIPTIONS.prod, DEMO_SUBSCRIPTIONS.dev];

function accessFor(emulator: RunningEmulator, extra: object = {}) {
  return readAzureAccessConfig(
    new ConfigReader({
      azureOpenAI: {
        azure: {
          credential: { kind: 'staticToken', token: 'audit-token' },
          resourceManagerUrl: emulator.url,
          subscriptions: SUBSCRIPTIONS,
          concurrency: { total: 4, perSubscription: 2 },
          ...extra,
        },
      },
    }),
  );
}

/** Clients for every configured subscription, sharing one tracker. */
function clientsFor(
  access: ReturnType<typeof readAzureAccessConfig>,
  options: Parameters<typeof createArmClientOptions>[1] = {},
) {
  const credential = createAzureCredential(access);
  const clientOptions = createArmClientOptions(access, {
    retryDelayInMs: 20,
    maxRetryDelayInMs: 200,
    ...options,
  });
  return new Map(
    access.subscriptions.map(sub => [
      sub,
      new CognitiveServicesManagementClient(credential, sub, clientOptions),
    ]),
  );
}

async function listIds(
  client: CognitiveServicesManagementClient,
  signal?: AbortSignal,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const account of client.accounts.list({ abortSignal: signal })) {
    ids.push(account.id!);
  }
  return ids;
}

describe('Azure access against the ARM emulator', () => {
  let emulator: RunningEmulator | undefined;

  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('lists the accounts of the demo preset in every configured subscription', async () => {
    emulator = await startEmulator({ preset: 'demo' });
    const access = accessFor(emulator);
    const clients = clientsFor(access);
    const scheduler = ArmRequestScheduler.fromConfig(access);

    const ids = (
      await Promise.all(
        access.subscriptions.map(sub =>
          scheduler.run(sub, signal => listIds(clients.get(sub)!, signal)),
        ),
      )
    ).flat();

    expect(ids.map(id => id.toLowerCase()).sort()).toEqual(
      Object.values(DEMO_ACCOUNT_IDS)
        .map(id => id.toLowerCase())
        .sort(),
    );
    expect(emulator.stats().byOperation.Accounts_List?.total).toBe(2);
    expect(emulator.stats().byOperation.Accounts_ListKeys).toBeUndefined();
  });

  it('asks for a token for the cloud audience, not the loopback URL', async () => {
    emulator = await startEmulator({ preset: 'demo' });
    const access = accessFor(emulator);
    const inner = createAzureCredential(access);
    const scopes: string[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(...[scope].flat());
        return inner.getToken(scope);
      },
    };
    const client = new CognitiveServicesManagementClient(
      credential,
      DEMO_SUBSCRIPTIONS.prod,
      createArmClientOptions(access),
    );
    await client.accounts.get('rg-chat-prod', 'aoai-chat-prod');
    expect(new Set(scopes)).toEqual(
      new Set(['https://management.azure.com/.default']),
    );
  });

  it('follows nextLink pages through the loopback redirect', async () => {
    emulator = await startEmulator({ preset: 'demo', pageSize: 1 });
    const client = clientsFor(accessFor(emulator)).get(
      DEMO_SUBSCRIPTIONS.prod,
    )!;
    const ids = await listIds(client);
    expect(ids.map(id => id.toLowerCase()).sort()).toEqual(
      [DEMO_ACCOUNT_IDS.chatProd, DEMO_ACCOUNT_IDS.searchProd]
        .map(id => id.toLowerCase())
        .sort(),
    );
    expect(emulator.stats().byOperation.Accounts_List.total).toBe(2);
  });

  it('survives a throttling storm with every call succeeding', async () => {
    emulator = await startEmulator({
      preset: 'demo',
      faults: [{ kind: 'throttle', times: 12, retryAfterSeconds: 1 }],
    });
    const access = accessFor(emulator, { retries: 8 });
    const clients = clientsFor(access);
    const scheduler = ArmRequestScheduler.fromConfig(access);

    const calls = Array.from({ length: 24 }, (_, i) => {
      const sub = SUBSCRIPTIONS[i % 2];
      return scheduler.run(sub, signal => listIds(clients.get(sub)!, signal));
    });
    const results = await Promise.all(calls);

    expect(results).toHaveLength(24);
    for (const ids of results) {
      expect(ids).toHaveLength(2);
    }
    const stats = emulator.stats();
    expect(stats.throttled).toBe(12);
    expect(stats.byOperation.Accounts_List.byStatus).toEqual({
      '200': 24,
      '429': 12,
    });
    expect(stats.byOperation.Accounts_ListKeys).toBeUndefined();
    // Retry-After is whole seconds.
  }, 30_000);

  it('slows down on a low remaining budget before ARM throttles', async () => {
    // A small bucket: 10 reads, refilled at 5 per second.
    const throttling = {
      reads: { burst: 10, perSecond: 5 },
      writes: { burst: 10, perSecond: 5 },
    };
    const calls = 25;
    const run = async (tracker: ArmThrottleTracker) => {
      emulator = await startEmulator({ preset: 'demo', throttling });
      const access = accessFor(emulator, { retries: 8 });
      const client = clientsFor(access, { throttleTracker: tracker }).get(
        DEMO_SUBSCRIPTIONS.prod,
      )!;
      const scheduler = ArmRequestScheduler.fromConfig(access);
      await Promise.all(
        Array.from({ length: calls }, () =>
          scheduler.run(DEMO_SUBSCRIPTIONS.prod, signal =>
            client.accounts.get('rg-chat-prod', 'aoai-chat-prod', {
              abortSignal: signal,
            }),
          ),
        ),
      );
      const stats = emulator.stats();
      await emulator.stop();
      emulator = undefined;
      return stats;
    };

    // Without slowing down, the bucket runs dry and ARM answers 429.
    const blind = await run(
      new ArmThrottleTracker({
        reads: { lowWatermark: 0, refillPerSecond: 5 },
      }),
    );
    expect(blind.byOperation.Accounts_Get.byStatus['200']).toBe(calls);
    expect(blind.throttled).toBeGreaterThan(0);

    // Knowing the refill rate, the tracker keeps a reserve and never hits 429.
    const careful = await run(
      new ArmThrottleTracker({
        reads: { lowWatermark: 4, refillPerSecond: 5 },
      }),
    );
    expect(careful.byOperation.Accounts_Get.byStatus).toEqual({
      '200': calls,
    });
    expect(careful.throttled).toBe(0);
    // Waiting for the bucket to refill takes seconds of real time.
  }, 30_000);

  it('retries transient failures and connection resets', async () => {
    emulator = await startEmulator({
      preset: 'demo',
      faults: [
        { kind: 'error', status: 500, times: 2, operation: 'Accounts_Get' },
        { kind: 'error', status: 503, times: 1, operation: 'Accounts_Get' },
        { kind: 'reset', times: 1, operation: 'Accounts_Get' },
      ],
    });
    const client = clientsFor(accessFor(emulator)).get(
      DEMO_SUBSCRIPTIONS.prod,
    )!;
    const account = await client.accounts.get('rg-chat-prod', 'aoai-chat-prod');
    expect(account.id?.toLowerCase()).toBe(
      DEMO_ACCOUNT_IDS.chatProd.toLowerCase(),
    );
    expect(emulator.stats().faultsInjected).toBe(4);
  });

  it('gives up after the configured retries with the ARM error', async () => {
    emulator = await startEmulator({
      preset: 'demo',
      faults: [
        {
          kind: 'error',
          status: 500,
          code: 'InternalServerError',
          operation: 'Accounts_Get',
        },
      ],
    });
    const client = clientsFor(accessFor(emulator, { retries: 2 })).get(
      DEMO_SUBSCRIPTIONS.prod,
    )!;
    await expect(
      client.accounts.get('rg-chat-prod', 'aoai-chat-prod'),
    ).rejects.toMatchObject({ statusCode: 500, code: 'InternalServerError' });
    // One attempt plus two retries.
    expect(emulator.stats().byOperation.Accounts_Get.total).toBe(3);
  });

  it('times out a hung attempt and retries it', async () => {
    emulator = await startEmulator({
      preset: 'demo',
      faults: [
        {
          kind: 'latency',
          // Longer than the test's own timeout: only the per-attempt
          // timeout can get this call through.
          latencyMs: 120_000,
          times: 1,
          operation: 'Accounts_Get',
        },
      ],
    });
    const client = clientsFor(accessFor(emulator, { requestTimeout: 300 })).get(
      DEMO_SUBSCRIPTIONS.prod,
    )!;
    const account = await client.accounts.get('rg-chat-prod', 'aoai-chat-prod');
    expect(account.name).toBe('aoai-chat-prod');
    expect(emulator.faults.firedCount).toBe(1);
  });

  it('stops a call waiting out throttling when the caller aborts', async () => {
    emulator = await startEmulator({
      preset: 'demo',
      faults: [{ kind: 'throttle', retryAfterSeconds: 60 }],
    });
    const client = clientsFor(accessFor(emulator)).get(
      DEMO_SUBSCRIPTIONS.prod,
    )!;
    const controller = new AbortController();
    const call = client.accounts.get('rg-chat-prod', 'aoai-chat-prod', {
      abortSignal: controller.signal,
    });
    // Abort once the emulator has throttled the first attempt.
    while (emulator.stats().throttled === 0) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(emulator.stats().byOperation.Accounts_Get.total).toBe(1);
  });
});
