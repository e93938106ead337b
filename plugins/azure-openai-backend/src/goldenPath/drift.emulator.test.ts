import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createManualClock,
  DEMO_ACCOUNT_IDS,
  DEMO_GOLDEN_PATH,
  startEmulator,
  type ManualClock,
  type RunningEmulator,
} from '@pavedai/azure-arm-emulator';
import {
  buildDesiredState,
  type GoldenPathDrift,
  type GoldenPathPolicy,
  type ProvisionInputs,
} from '@pavedai/plugin-azure-openai-common';
import express from 'express';
import request from 'supertest';
import { onGoldenPathEvent } from '../events/goldenPathEvents';
import { ScanService } from '../scan/ScanService';
import { evidenceWithDriftTracking } from './drift';
import {
  appConfigPolicy,
  createGoldenPathWorld,
} from './__testUtils__/goldenPathWorld';

jest.setTimeout(120_000);

const T1 = new Date('2026-11-28T12:00:00Z');
const T2 = new Date('2026-11-28T13:00:00Z');
const T3 = new Date('2026-11-28T14:00:00Z');
const T4 = new Date('2026-11-28T15:00:00Z');
const { subscriptionId: SUB, name: RG } = DEMO_GOLDEN_PATH.resourceGroup;
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/aoai-orders-prod`;

const INPUTS: ProvisionInputs = {
  accountName: 'aoai-orders-prod',
  subscriptionId: SUB,
  resourceGroup: RG,
  region: 'swedencentral',
  owner: 'group:default/team-chat',
  system: 'customer-assistant',
  deployments: [
    {
      name: 'chat',
      model: 'gpt-4.1',
      version: '2025-04-14',
      sku: 'DataZoneStandard',
      capacity: 10,
    },
  ],
  contentFilterProfile: 'strict',
  consumerPrincipalIds: ['6b1d3c2a-0f4e-4a8b-9c7d-1e2f3a4b5c60'],
  tags: {
    'backstage.io-template': 'template:default/secure-azure-openai-account',
    'backstage.io-task-id': 'task-1',
  },
};

/**
 * Writes what the golden path builds through the emulator's ARM API, in the provisioner's order,
 * letting each long-running operation finish (as azure:openai:provision does).
 */
async function provisionInto(
  emulator: RunningEmulator,
  clock: ManualClock,
  policy: GoldenPathPolicy,
) {
  const desired = buildDesiredState(INPUTS, policy);
  const requests = [
    desired.account,
    desired.raiPolicy,
    ...desired.deployments,
    desired.privateEndpoint,
    desired.privateDnsZoneGroup,
    desired.diagnosticSettings,
    desired.defenderForAISettings,
    ...desired.metricAlerts,
    ...desired.roleAssignments,
    desired.lock,
  ];
  for (const r of requests) {
    const res = await fetch(
      `${emulator.url}${r.id}?api-version=${r.apiVersion}`,
      {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          Authorization: 'Bearer drift-test',
        },
        body: JSON.stringify(r.body),
      },
    );
    if (!res.ok) {
      throw new Error(
        `PUT ${r.id} answered ${res.status}: ${await res.text()}`,
      );
    }
    clock.advance(10 * 60_000);
    const read = await fetch(
      `${emulator.url}${r.id}?api-version=${r.apiVersion}`,
      { headers: { Authorization: 'Bearer drift-test' } },
    );
    if (!read.ok) throw new Error(`GET ${r.id} answered ${read.status}`);
  }
}

/** Changes the emulator's state through its admin API, as an operator in the portal would. */
async function changeThroughAdminApi(
  emulator: RunningEmulator,
  change: (resources: any[]) => any[],
) {
  const state = await (await fetch(`${emulator.url}/_emulator/state`)).json();
  const res = await fetch(`${emulator.url}/_emulator/state`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...state, resources: change(state.resources) }),
  });
  if (!res.ok) throw new Error(`admin API answered ${res.status}`);
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

describe('drift of a golden-path account (ARM emulator, stored evidence)', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  let emulator: RunningEmulator;
  let clock: ManualClock;
  let now = T1;
  let scans: ScanService;
  let app: express.Express;
  const policy = appConfigPolicy();
  const desired = buildDesiredState(INPUTS, policy);

  const drift = async (accountId = ACCOUNT) => {
    const res = await request(app).get(
      `/accounts/${encodeURIComponent(accountId)}/drift`,
    );
    return res;
  };
  const scanAt = async (at: Date) => {
    now = at;
    clock.advance(Math.max(0, at.getTime() - clock.now()));
    const scan = await scans.runScheduledScan();
    if (scan.status !== 'completed') {
      throw new Error(`scan failed: ${scan.error}`);
    }
  };

  beforeAll(async () => {
    clock = createManualClock(T1.getTime() - 24 * 60 * 60_000);
    emulator = await startEmulator({ preset: 'demo', clock });
    await provisionInto(emulator, clock, policy);
    clock.advance(T1.getTime() - clock.now());

    const world = await createGoldenPathWorld({
      databases,
      emulator,
      policy,
      now: () => now,
      evidenceStore: store =>
        evidenceWithDriftTracking({
          store,
          currentPolicy: async () => policy,
          logger: mockServices.logger.mock(),
        }),
    });
    scans = world.scans;
    // The event azure:openai:provision publishes (the scan it asks for is run below).
    await onGoldenPathEvent(
      {
        type: 'account.provisioned',
        accountId: ACCOUNT,
        taskId: 'task-1',
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.0.0',
        policyVersion: '0123456789abcdef',
        inputs: INPUTS,
      },
      {
        scans: { requestScan: async () => ({ id: 'unused' } as any) },
        logger: world.logger,
        provenance: world.goldenPath,
        now: () => T1,
      },
    );
    app = await world.app(true);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('finds no drift on the account as the golden path built it', async () => {
    await scanAt(T1);
    emulator.resetStats();
    const res = await drift();
    expect(res.status).toBe(200);
    expect(emulator.stats().totalRequests).toBe(0);
    const body = res.body as GoldenPathDrift;
    expect(body).toMatchObject({
      resourceId: ACCOUNT,
      goldenPath: {
        source: 'event',
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.0.0',
        taskId: 'task-1',
      },
      evidenceCollectedAt: T1.toISOString(),
      items: [],
    });
  });

  it('detects a change made outside the golden path, since the first scan that saw it', async () => {
    await changeThroughAdminApi(emulator, resources =>
      resources
        .filter(r => !sameId(r.id, desired.lock.id))
        .map(r =>
          sameId(r.id, ACCOUNT)
            ? {
                ...r,
                properties: { ...r.properties, publicNetworkAccess: 'Enabled' },
              }
            : r,
        ),
    );
    await scanAt(T2);
    await scanAt(T3);

    const res = await drift();
    expect(res.status).toBe(200);
    expect((res.body as GoldenPathDrift).items).toEqual([
      {
        resource: ACCOUNT,
        field: 'properties.publicNetworkAccess',
        desired: 'Disabled',
        actual: 'Enabled',
        since: T2.toISOString(),
      },
      {
        resource: desired.lock.id,
        field: '(missing)',
        desired: 'Microsoft.Authorization/locks',
        actual: null,
        since: T2.toISOString(),
      },
    ]);
    expect((res.body as GoldenPathDrift).evidenceCollectedAt).toBe(
      T3.toISOString(),
    );
  });

  it('clears once the account is back on the golden path', async () => {
    await provisionInto(emulator, clock, policy);
    await scanAt(T4);
    expect((await drift()).body.items).toEqual([]);
  });

  it('serves the recorded inputs a bring-back run applies', async () => {
    const res = await request(app).get(
      `/accounts/${encodeURIComponent(ACCOUNT)}/golden-path/inputs`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      resourceId: ACCOUNT,
      goldenPath: { taskId: 'task-1', templateVersion: '1.0.0' },
      inputs: JSON.parse(JSON.stringify(INPUTS)),
    });
    const none = await request(app).get(
      `/accounts/${encodeURIComponent(
        DEMO_ACCOUNT_IDS.chatProd,
      )}/golden-path/inputs`,
    );
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/can be brought back/);
  });

  it('answers 404 for an account the golden path did not provision', async () => {
    const res = await drift(DEMO_ACCOUNT_IDS.chatProd);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No recorded golden-path inputs/);
  });
});
