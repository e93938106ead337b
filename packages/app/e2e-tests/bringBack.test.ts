import { expect, test } from '@playwright/test';
import {
  call,
  EMULATOR,
  emulatorCalls,
  runTemplate,
  writesBetween,
} from './support/backstage';

/**
 * Drift and the way back, end to end: an account provisioned through the golden path is changed
 * behind the golden path's back (the emulator's admin API stands in for someone in the portal),
 * the audit reports the drift, "Bring an account back to the golden path" first only shows the
 * changes, then applies them, the drift clears, and a second run writes nothing.
 */

const PROD = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const NAME = 'aoai-e2e-drift';
const ACCOUNT = `/subscriptions/${PROD}/resourceGroups/rg-ai-golden-path/providers/Microsoft.CognitiveServices/accounts/${NAME}`;
const ENTITY = `resource:default/${NAME}`;

async function scanAndReadDrift(request: Parameters<typeof call>[0]) {
  const scan = await call(request, '/api/azure-openai/scans', {
    accountId: ACCOUNT,
  });
  expect(scan.status()).toBe(202);
  const { id } = await scan.json();
  await expect
    .poll(
      async () =>
        (
          await (await call(request, `/api/azure-openai/scans/${id}`)).json()
        ).status,
      { timeout: 30_000, intervals: [250] },
    )
    .toBe('completed');
  const drift = await call(
    request,
    `/api/azure-openai/accounts/${encodeURIComponent(ACCOUNT)}/drift`,
  );
  expect(drift.status()).toBe(200);
  return (await drift.json()).items as Array<{ field: string }>;
}

test('a drifted golden-path account is shown, brought back, and a second run writes nothing', async ({
  request,
}) => {
  const provisioned = await runTemplate(
    request,
    'template:default/secure-azure-openai-account',
    {
      name: NAME,
      owner: 'group:default/team-search',
      system: 'system:default/knowledge-search',
      subscriptionId: PROD,
      region: 'swedencentral',
      resourceGroup: 'rg-ai-golden-path',
      contentFilterProfile: 'standard',
      deployments: [
        {
          name: 'chat',
          model: 'gpt-4.1-mini',
          version: '2025-04-14',
          sku: 'DataZoneStandard',
          capacity: 20,
        },
      ],
    },
  );
  expect(provisioned.status).toBe('completed');
  await expect
    .poll(
      async () =>
        (
          await call(
            request,
            `/api/catalog/entities/by-name/resource/default/${NAME}`,
          )
        ).status(),
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(200);
  expect(await scanAndReadDrift(request)).toEqual([]);

  // Someone opens public network access outside the golden path.
  const state = await (await request.get(`${EMULATOR}/_emulator/state`)).json();
  const changed = await request.put(`${EMULATOR}/_emulator/state`, {
    data: {
      ...state,
      resources: state.resources.map((r: any) =>
        r.id.toLowerCase() === ACCOUNT.toLowerCase()
          ? {
              ...r,
              properties: { ...r.properties, publicNetworkAccess: 'Enabled' },
            }
          : r,
      ),
    },
  });
  expect(changed.ok()).toBe(true);
  expect((await scanAndReadDrift(request)).map(i => i.field)).toEqual([
    'properties.publicNetworkAccess',
  ]);

  // Plan only: lists the change, writes nothing.
  let before = await emulatorCalls(request);
  const plan = await runTemplate(
    request,
    'template:default/bring-back-to-golden-path',
    {
      account: ENTITY,
      planOnly: true,
    },
  );
  expect(plan.status).toBe('completed');
  expect(plan.log).toContain(
    `Plan: create account ${NAME}: update (properties.publicNetworkAccess)`,
  );
  expect(writesBetween(before, await emulatorCalls(request))).toEqual({});

  // The run writes only the account, and the drift is gone.
  before = await emulatorCalls(request);
  const applied = await runTemplate(
    request,
    'template:default/bring-back-to-golden-path',
    {
      account: ENTITY,
      planOnly: false,
    },
  );
  expect(applied.status).toBe('completed');
  expect(applied.log).toContain('Post-flight audit: grade A');
  expect(writesBetween(before, await emulatorCalls(request))).toEqual({
    Accounts_Create: 1,
  });
  expect(await scanAndReadDrift(request)).toEqual([]);

  // A second run finds nothing to do.
  before = await emulatorCalls(request);
  const again = await runTemplate(
    request,
    'template:default/bring-back-to-golden-path',
    {
      account: ENTITY,
      planOnly: false,
    },
  );
  expect(again.status).toBe('completed');
  expect(writesBetween(before, await emulatorCalls(request))).toEqual({});
});
