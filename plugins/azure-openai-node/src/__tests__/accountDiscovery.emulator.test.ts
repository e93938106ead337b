import {
  DEMO_ACCOUNT_IDS,
  DEMO_SUBSCRIPTIONS,
  RunningEmulator,
  startEmulator,
} from '@pavedai/azure-arm-emulator';
import { collectorFor, discoveryFor } from '../__testUtils__/emulatorSetup';
import type { AccountDiscovery } from '../discovery/AccountDiscovery';
import type { DiscoveredAccount, DiscoverOptions } from '../discovery/types';

/*
 * Discovery with the real Azure SDK over real HTTP against the ARM emulator:
 * a generated fleet of 1,200 accounts in 5 subscriptions (so Resource Graph
 * pages at 1,000 rows and ARM lists page at 100), plus accounts of other
 * kinds that must be left out.
 */

const ACCOUNT_TYPE = 'Microsoft.CognitiveServices/accounts';

async function all(
  discovery: AccountDiscovery,
  options?: DiscoverOptions,
): Promise<DiscoveredAccount[]> {
  const found: DiscoveredAccount[] = [];
  for await (const account of discovery.discover(options)) {
    found.push(account);
  }
  return found;
}

function idSet(accounts: Array<{ id: string }>): Set<string> {
  return new Set(accounts.map(a => a.id.toLowerCase()));
}

describe('AccountDiscovery over a generated fleet', () => {
  let emulator: RunningEmulator;
  let subscriptions: string[];
  let expected: Set<string>;

  beforeAll(async () => {
    emulator = await startEmulator({
      fleet: { accounts: 1200, subscriptions: 5, seed: 7 },
    });
    const accounts = emulator.state.listByType(ACCOUNT_TYPE);
    subscriptions = [
      ...new Set(accounts.map(a => String(a.id).split('/')[2])),
    ].sort();
    // Cognitive Services accounts of other kinds must not be audited.
    for (const [i, kind] of ['TextAnalytics', 'FormRecognizer'].entries()) {
      const id = `/subscriptions/${subscriptions[i]}/resourceGroups/rg-other/providers/${ACCOUNT_TYPE}/other-${i}`;
      emulator.state.put({
        id,
        name: `other-${i}`,
        type: ACCOUNT_TYPE,
        kind,
        location: 'westeurope',
        sku: { name: 'S0' },
        properties: { provisioningState: 'Succeeded' },
      });
    }
    expected = idSet(
      emulator.state
        .listByType(ACCOUNT_TYPE)
        .filter(a => ['OpenAI', 'AIServices'].includes(a.kind))
        .map(a => ({ id: String(a.id) })),
    );
  });
  afterAll(() => emulator.stop());

  it('uses a fleet where paging and filtering matter', () => {
    expect(subscriptions).toHaveLength(5);
    expect(expected.size).toBe(1200);
    expect(emulator.state.listByType(ACCOUNT_TYPE)).toHaveLength(1202);
  });

  it('finds exactly the OpenAI and AIServices accounts with one Resource Graph query, paged', async () => {
    const before = emulator.stats().byOperation.Resources?.total ?? 0;
    const found = await all(
      discoveryFor(emulator, subscriptions, 'resourceGraph'),
    );

    expect(found).toHaveLength(1200);
    expect(idSet(found)).toEqual(expected);
    expect(found.every(a => a.source === 'resourceGraph')).toBe(true);
    expect(
      found.every(a => ['OpenAI', 'AIServices'].includes(a.kind ?? '')),
    ).toBe(true);
    // One batch of 5 subscriptions: a page of 1,000 rows and one of 200.
    expect(emulator.stats().byOperation.Resources!.total - before).toBe(2);
  });

  it('batches subscriptions into several Resource Graph queries', async () => {
    const before = emulator.stats().byOperation.Resources?.total ?? 0;
    const found = await all(
      discoveryFor(emulator, subscriptions, 'resourceGraph', 2),
    );
    expect(idSet(found)).toEqual(expected);
    // Batches of 2, 2 and 1 subscriptions, each under 1,000 rows.
    expect(emulator.stats().byOperation.Resources!.total - before).toBe(3);
  });

  it('finds the same set by ARM list per subscription, with the raw account bodies', async () => {
    const before = emulator.stats().byOperation.Accounts_List?.total ?? 0;
    const found = await all(discoveryFor(emulator, subscriptions, 'arm'));

    expect(found).toHaveLength(1200);
    expect(idSet(found)).toEqual(expected);
    for (const account of found) {
      expect((account.armBody as { id: string }).id).toBe(account.id);
    }
    // Pages of 100: more than one call per subscription.
    expect(
      emulator.stats().byOperation.Accounts_List!.total - before,
    ).toBeGreaterThan(5);
  });

  it('streams: stopping early stops listing', async () => {
    const before = emulator.stats().byOperation.Accounts_List?.total ?? 0;
    for await (const account of discoveryFor(
      emulator,
      subscriptions,
      'arm',
    ).discover()) {
      expect(account.id).toBeTruthy();
      break;
    }
    expect(emulator.stats().byOperation.Accounts_List!.total - before).toBe(1);
  });
});

describe('AccountDiscovery with accounts named explicitly', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ preset: 'demo' });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  it.each(['resourceGraph', 'arm'] as const)(
    'adds named accounts outside the configured subscriptions once (%s)',
    async mode => {
      const missing = DEMO_ACCOUNT_IDS.chatDev.replace(
        'aoai-chat-dev',
        'aoai-gone',
      );
      const found = await all(
        discoveryFor(emulator, [DEMO_SUBSCRIPTIONS.prod], mode),
        {
          accountIds: [
            DEMO_ACCOUNT_IDS.chatProd.toUpperCase(), // listed already
            DEMO_ACCOUNT_IDS.chatDev, // other subscription
            missing, // does not exist
          ],
        },
      );

      expect(found.map(a => a.id).sort()).toEqual(
        [
          DEMO_ACCOUNT_IDS.chatProd,
          DEMO_ACCOUNT_IDS.searchProd,
          DEMO_ACCOUNT_IDS.chatDev,
        ].sort(),
      );
      const dev = found.find(a => a.id === DEMO_ACCOUNT_IDS.chatDev)!;
      expect(dev).toMatchObject({
        source: 'explicit',
        subscriptionId: DEMO_SUBSCRIPTIONS.dev,
        name: 'aoai-chat-dev',
        kind: 'OpenAI',
        tags: { 'backstage.io-owner': expect.any(String) },
      });
      expect((dev.armBody as { id: string }).id).toBe(DEMO_ACCOUNT_IDS.chatDev);
      expect(emulator.stats().byOperation.Accounts_ListKeys).toBeUndefined();
    },
  );

  it('feeds the collector: accounts listed by ARM need no second GET', async () => {
    const subscriptions = Object.values(DEMO_SUBSCRIPTIONS);
    const collector = collectorFor(emulator, subscriptions);
    const scan = collector.startScan();
    const inputs = [];
    for await (const account of discoveryFor(
      emulator,
      subscriptions,
      'arm',
    ).discover()) {
      inputs.push(
        await scan.collect(account.id, { accountBody: account.armBody }),
      );
    }

    expect(inputs).toHaveLength(4);
    for (const input of inputs) {
      for (const [key, piece] of Object.entries(input.account)) {
        expect([key, piece?.state]).toEqual([
          key,
          key === 'workloadAccounts' ? 'absent' : 'present',
        ]);
      }
    }
    const ops = emulator.stats().byOperation;
    expect(ops.Accounts_Get).toBeUndefined();
    expect(ops.Accounts_List?.total).toBe(2);
    expect(ops.Pricings_Get?.total).toBe(2);
    expect(ops.Accounts_ListKeys).toBeUndefined();
  });

  it('still yields a named account it may not read, for the collector to record why', async () => {
    emulator.faults.add({
      kind: 'error',
      operation: 'Accounts_Get',
      status: 403,
      code: 'AuthorizationFailed',
    });
    const found = await all(
      discoveryFor(emulator, [DEMO_SUBSCRIPTIONS.prod], 'resourceGraph'),
      { accountIds: [DEMO_ACCOUNT_IDS.searchLegacy] },
    );
    expect(found.find(a => a.source === 'explicit')).toEqual({
      id: DEMO_ACCOUNT_IDS.searchLegacy,
      subscriptionId: DEMO_SUBSCRIPTIONS.dev,
      resourceGroup: 'rg-search-legacy',
      name: 'aoai-search-legacy',
      tags: {},
      source: 'explicit',
    });
  });

  it('stops with an AbortError when the signal aborts', async () => {
    await expect(
      all(discoveryFor(emulator, [DEMO_SUBSCRIPTIONS.prod], 'arm'), {
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(emulator.stats().totalRequests).toBe(0);
  });

  it('refuses a malformed account id before any call', async () => {
    const discovery = discoveryFor(emulator, [DEMO_SUBSCRIPTIONS.prod], 'arm');
    await expect(
      all(discovery, { accountIds: ['not-an-arm-id'] }),
    ).rejects.toThrow(/Not an Azure resource id/);
    expect(emulator.stats().totalRequests).toBe(0);
  });
});
