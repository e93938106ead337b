import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { staticTokenCredential } from '../clientPolicy';
import { createManualClock } from '../clock';
import { startEmulator, type RunningEmulator } from '../startEmulator';
import { sdkOptions, withEmulator } from '../__testUtils__/emulatorHarness';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'rg-ai';

function client(emu: RunningEmulator, token = 'conformance') {
  return new CognitiveServicesManagementClient(
    staticTokenCredential(token),
    SUB,
    sdkOptions(emu.url),
  );
}

async function createRg(emu: RunningEmulator, name = RG) {
  const res = await fetch(
    `${emu.url}/subscriptions/${SUB}/resourcegroups/${name}?api-version=2025-04-01`,
    {
      method: 'PUT',
      headers: {
        Authorization: 'Bearer t',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ location: 'swedencentral' }),
    },
  );
  expect(res.status).toBe(201);
}

const ACCOUNT = {
  location: 'swedencentral',
  kind: 'OpenAI',
  sku: { name: 'S0' },
  identity: { type: 'SystemAssigned' as const },
  properties: {
    customSubDomainName: 'aoai-one',
    publicNetworkAccess: 'Disabled' as const,
    disableLocalAuth: true,
  },
};

describe('Microsoft.CognitiveServices with the real SDK', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ pageSize: 2 });
  });
  afterAll(() => emu.stop());
  beforeEach(async () => {
    emu.reset();
    await createRg(emu);
  });

  it('creates an account as a long-running operation and reads it back', async () => {
    const c = client(emu);
    const account = await c.accounts.beginCreateAndWait(
      RG,
      'aoai-one',
      ACCOUNT,
      { updateIntervalInMs: 1 },
    );
    expect(account.properties?.provisioningState).toBe('Succeeded');
    expect(account.properties?.endpoint).toBe(
      'https://aoai-one.openai.azure.com/',
    );
    expect(account.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
    const got = await c.accounts.get(RG, 'aoai-one');
    expect(got.id).toBe(
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/aoai-one`,
    );
    expect(got.properties?.disableLocalAuth).toBe(true);
    const stats = emu.stats().byOperation;
    expect(stats.Accounts_Create.byStatus).toEqual({ '201': 1 });
    expect(stats.OperationStatuses_Get.total).toBeGreaterThanOrEqual(1);
  });

  it('walks provisioningState Accepted -> Creating -> Succeeded on the clock', async () => {
    const clock = createManualClock();
    await withEmulator({ clock, lro: { stepMs: 1000 } }, async slow => {
      await fetch(
        `${slow.url}/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2025-04-01`,
        {
          method: 'PUT',
          headers: {
            Authorization: 'Bearer t',
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ location: 'swedencentral' }),
        },
      );
      const url = `${slow.url}/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/a1?api-version=2025-09-01`;
      const put = await fetch(url, {
        method: 'PUT',
        headers: {
          Authorization: 'Bearer t',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(ACCOUNT),
      });
      expect(put.status).toBe(201);
      expect((await put.json()).properties.provisioningState).toBe('Accepted');
      const opUrl = new URL(put.headers.get('azure-asyncoperation')!);
      expect(opUrl.origin).toBe('https://management.azure.com');
      expect(put.headers.get('location')).toContain('/operationResults/');
      expect(put.headers.get('retry-after')).toBe('1');
      const state = async () =>
        (
          await (
            await fetch(url, { headers: { Authorization: 'Bearer t' } })
          ).json()
        ).properties.provisioningState;
      const opStatus = async () =>
        (
          await (
            await fetch(`${slow.url}${opUrl.pathname}${opUrl.search}`, {
              headers: { Authorization: 'Bearer t' },
            })
          ).json()
        ).status;
      expect(await state()).toBe('Accepted');
      clock.advance(1000);
      expect(await state()).toBe('Creating');
      expect(await opStatus()).toBe('InProgress');
      clock.advance(1000);
      expect(await state()).toBe('Succeeded');
      expect(await opStatus()).toBe('Succeeded');
    });
  });

  it('ends a create Failed with the error when an lroFailure fault is set', async () => {
    emu.faults.add({
      kind: 'lroFailure',
      operation: 'Accounts_Create',
      code: 'InsufficientQuota',
      message: 'Insufficient quota.',
    });
    await expect(
      client(emu).accounts.beginCreateAndWait(RG, 'aoai-one', ACCOUNT, {
        updateIntervalInMs: 1,
      }),
    ).rejects.toThrow(/InsufficientQuota/);
    const got = await client(emu).accounts.get(RG, 'aoai-one');
    expect(got.properties?.provisioningState).toBe('Failed');
  });

  it('lists by subscription and resource group with paging', async () => {
    const c = client(emu);
    for (const n of ['a1', 'a2', 'a3']) {
      await c.accounts.beginCreateAndWait(
        RG,
        n,
        { ...ACCOUNT, properties: { customSubDomainName: `sd-${n}` } },
        { updateIntervalInMs: 1 },
      );
    }
    const all: string[] = [];
    for await (const a of c.accounts.list()) {
      all.push(a.name!);
    }
    expect(all.sort()).toEqual(['a1', 'a2', 'a3']);
    const byRg: string[] = [];
    for await (const a of c.accounts.listByResourceGroup(RG)) {
      byRg.push(a.name!);
    }
    expect(byRg).toHaveLength(3);
    expect(emu.stats().byOperation.Accounts_List.total).toBe(2);
  });

  it('answers ResourceNotFound and ResourceGroupNotFound like ARM', async () => {
    const c = client(emu);
    await expect(c.accounts.get(RG, 'missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    await expect(c.accounts.get('rg-missing', 'missing')).rejects.toMatchObject(
      { statusCode: 404, code: 'ResourceGroupNotFound' },
    );
  });

  it('rejects invalid names and taken custom domains', async () => {
    const c = client(emu);
    await expect(
      c.accounts.beginCreate(RG, '-bad', ACCOUNT),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InvalidResourceName' });
    await expect(
      c.accounts.beginCreate(RG, 'a', ACCOUNT),
    ).rejects.toMatchObject({ code: 'InvalidResourceName' });
    await c.accounts.beginCreateAndWait(RG, 'first', ACCOUNT, {
      updateIntervalInMs: 1,
    });
    await expect(
      c.accounts.beginCreate(RG, 'second', ACCOUNT),
    ).rejects.toMatchObject({ statusCode: 400, code: 'CustomDomainInUse' });
  });

  it('soft-deletes, refuses re-create without restore, restores, and purges', async () => {
    const c = client(emu);
    await c.accounts.beginCreateAndWait(RG, 'aoai-one', ACCOUNT, {
      updateIntervalInMs: 1,
    });
    await c.deployments.beginCreateOrUpdateAndWait(
      RG,
      'aoai-one',
      'chat',
      {
        sku: { name: 'GlobalStandard', capacity: 10 },
        properties: {
          model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' },
        },
      },
      { updateIntervalInMs: 1 },
    );
    await c.accounts.beginDeleteAndWait(RG, 'aoai-one', {
      updateIntervalInMs: 1,
    });
    await expect(c.accounts.get(RG, 'aoai-one')).rejects.toMatchObject({
      statusCode: 404,
    });
    const deleted = await c.deletedAccounts.get(
      'Sweden Central',
      RG,
      'aoai-one',
    );
    expect(deleted.id).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/locations/swedencentral/resourceGroups/${RG}/deletedAccounts/aoai-one`,
    );
    const listed: string[] = [];
    for await (const d of c.deletedAccounts.list()) {
      listed.push(d.name!);
    }
    expect(listed).toEqual(['aoai-one']);
    // The soft-deleted account still holds its custom domain.
    await expect(
      c.accounts.beginCreate(RG, 'other', ACCOUNT),
    ).rejects.toMatchObject({ code: 'CustomDomainInUse' });
    await expect(
      c.accounts.beginCreate(RG, 'aoai-one', ACCOUNT),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'FlagMustBeSetForRestore',
    });

    const restored = await c.accounts.beginCreateAndWait(
      RG,
      'aoai-one',
      { ...ACCOUNT, properties: { restore: true } },
      { updateIntervalInMs: 1 },
    );
    expect(restored.properties?.provisioningState).toBe('Succeeded');
    expect(restored.properties?.customSubDomainName).toBe('aoai-one');
    expect(
      (await c.deployments.get(RG, 'aoai-one', 'chat')).properties?.model?.name,
    ).toBe('gpt-4o');

    await c.accounts.beginDeleteAndWait(RG, 'aoai-one', {
      updateIntervalInMs: 1,
    });
    await c.deletedAccounts.beginPurgeAndWait('swedencentral', RG, 'aoai-one', {
      updateIntervalInMs: 1,
    });
    await expect(
      c.deletedAccounts.get('swedencentral', RG, 'aoai-one'),
    ).rejects.toMatchObject({ statusCode: 404 });
    const fresh = await c.accounts.beginCreateAndWait(RG, 'aoai-one', ACCOUNT, {
      updateIntervalInMs: 1,
    });
    expect(fresh.properties?.provisioningState).toBe('Succeeded');
  });

  it('serves listKeys and counts it', async () => {
    const c = client(emu);
    await c.accounts.beginCreateAndWait(RG, 'aoai-one', ACCOUNT, {
      updateIntervalInMs: 1,
    });
    expect(emu.stats().byOperation.Accounts_ListKeys).toBeUndefined();
    const keys = await c.accounts.listKeys(RG, 'aoai-one');
    expect(keys.key1).toMatch(/^[0-9a-f]{32}$/);
    expect(emu.stats().byOperation.Accounts_ListKeys.total).toBe(1);
  });

  it('patches an account', async () => {
    const c = client(emu);
    await c.accounts.beginCreateAndWait(RG, 'aoai-one', ACCOUNT, {
      updateIntervalInMs: 1,
    });
    const updated = await c.accounts.beginUpdateAndWait(
      RG,
      'aoai-one',
      { tags: { env: 'prod' }, properties: { publicNetworkAccess: 'Enabled' } },
      { updateIntervalInMs: 1 },
    );
    expect(updated.tags).toEqual({ env: 'prod' });
    expect(updated.properties?.publicNetworkAccess).toBe('Enabled');
    expect(updated.properties?.disableLocalAuth).toBe(true);
  });
});
