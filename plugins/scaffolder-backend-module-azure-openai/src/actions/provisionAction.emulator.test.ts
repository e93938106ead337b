import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '@pavedai/azure-arm-emulator';
import {
  buildDesiredState,
  GOLDEN_PATH_EVENTS_TOPIC,
} from '@pavedai/plugin-azure-openai-common';
import { goldenPathPolicyVersion } from '@pavedai/plugin-azure-openai-node';
import type { ProvisioningArm } from '../arm/provisioningArm';
import {
  createMockActionContext,
  CheckpointStore,
} from '../__testUtils__/mockActionContext';
import {
  type Call,
  mutating,
  PROD,
  provisionInput,
  RG,
  startGoldenPathEmulator,
  testPolicy,
  testSettings,
} from '../__testUtils__/emulatorFixture';
import { createProvisionAction } from './provisionAction';

const ACCOUNT = `/subscriptions/${PROD}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/aoai-orders-prod`;

describe('azure:openai:provision against the ARM emulator', () => {
  let emulator: RunningEmulator;
  let arm: ProvisioningArm;
  let calls: Call[];
  const events = { publish: jest.fn(), subscribe: jest.fn() };

  beforeEach(async () => {
    ({ emulator, arm, calls } = await startGoldenPathEmulator());
    events.publish.mockReset();
  });
  afterEach(async () => {
    await emulator.stop();
  });

  const action = (policy = testPolicy) =>
    createProvisionAction({
      arm,
      policy,
      settings: testSettings,
      events,
    });

  async function run(
    input: Record<string, unknown>,
    options: {
      store?: CheckpointStore;
      isDryRun?: boolean;
      signal?: AbortSignal;
      onLog?: (line: string) => void;
      taskId?: string;
      workspacePath?: string;
      policy?: typeof testPolicy;
    } = {},
  ) {
    const mock = createMockActionContext({ input: input as any, ...options });
    await action(options.policy).handler(mock.ctx as any);
    return mock;
  }

  it('provisions from scratch to grade A with every required control passing, and announces it', async () => {
    const { outputs } = await run(provisionInput());

    expect(outputs.grade).toBe('A');
    expect(outputs.accountId).toBe(ACCOUNT);
    expect(outputs.endpoint).toMatch(/^https:\/\/aoai-orders-prod\./);
    expect(outputs.entityRef).toBe('resource:default/aoai-orders-prod');
    expect(outputs.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(outputs)).not.toMatch(/key1|key2|listKeys/i);
    expect((outputs.changes as any[]).map(c => c.outcome)).not.toContain(
      'unchanged',
    );

    const account = emulator.state.get(ACCOUNT)!;
    expect(account.properties).toMatchObject({
      publicNetworkAccess: 'Disabled',
      disableLocalAuth: true,
    });
    expect(account.tags).toMatchObject({
      'backstage.io-owner': 'group:default/team-chat',
      'backstage.io-system': 'customer-assistant',
      'backstage.io-template': 'template:default/secure-azure-openai-account',
      'backstage.io-template-version': '1.0.0',
      'backstage.io-task-id': 'task-1',
      'backstage.io-golden-path-policy': goldenPathPolicyVersion(testPolicy),
    });
    expect(events.publish).toHaveBeenCalledWith({
      topic: GOLDEN_PATH_EVENTS_TOPIC,
      eventPayload: expect.objectContaining({
        type: 'account.provisioned',
        accountId: ACCOUNT,
        requestedBy: 'user:default/guest',
        taskId: 'task-1',
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.0.0',
        policyVersion: goldenPathPolicyVersion(testPolicy),
      }),
    });
    // The applied inputs, from which the audit can rebuild the desired state.
    const announced = events.publish.mock.calls[0][0].eventPayload;
    expect(announced.inputs).toMatchObject({
      accountName: 'aoai-orders-prod',
      subscriptionId: PROD,
      resourceGroup: RG,
      owner: 'group:default/team-chat',
    });
    expect(
      buildDesiredState(announced.inputs, testPolicy).account.body,
    ).toMatchObject({ tags: account.tags });
    // Writes happen in Azure's order: account, RAI policy, deployments, network, logs, roles, lock.
    expect(mutating(calls).map(c => c.operationId)).toEqual([
      'Accounts_Create',
      'RaiPolicies_CreateOrUpdate',
      'Deployments_CreateOrUpdate',
      'Deployments_CreateOrUpdate',
      'PrivateEndpoints_CreateOrUpdate',
      'PrivateDnsZoneGroups_CreateOrUpdate',
      'DiagnosticSettings_CreateOrUpdate',
      'DefenderForAISettings_CreateOrUpdate',
      'MetricAlerts_CreateOrUpdate',
      'MetricAlerts_CreateOrUpdate',
      'RoleAssignments_Create',
      'ManagementLocks_CreateOrUpdateByScope',
    ]);
  });

  it('writes the ARM template of what it provisions into the workspace', async () => {
    const workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'aoai-'));
    try {
      await run(provisionInput({ iacPath: 'infra/azure-openai.deploy.json' }), {
        workspacePath,
      });
      const template = JSON.parse(
        await fs.readFile(
          path.join(workspacePath, 'infra/azure-openai.deploy.json'),
          'utf8',
        ),
      );
      expect(
        template.resources.find(
          (r: any) => r.type === 'Microsoft.CognitiveServices/accounts',
        ),
      ).toMatchObject({ name: 'aoai-orders-prod', location: 'swedencentral' });
      await expect(
        run(provisionInput({ iacPath: '../outside.json' }), { workspacePath }),
      ).rejects.toThrow(/outside/i);
    } finally {
      await fs.rm(workspacePath, { recursive: true, force: true });
    }
  });

  it('makes zero mutating calls when run again as a new task', async () => {
    await run(provisionInput(), { taskId: 'task-1' });
    calls.length = 0;
    events.publish.mockReset();

    const { outputs } = await run(provisionInput(), { taskId: 'task-2' });

    expect(mutating(calls)).toEqual([]);
    expect(new Set((outputs.changes as any[]).map(c => c.outcome))).toEqual(
      new Set(['unchanged']),
    );
    expect(outputs.grade).toBe('A');
    // The tags keep the creating run; the event tells the audit about this run.
    expect(emulator.state.get(ACCOUNT)!.tags).toMatchObject({
      'backstage.io-task-id': 'task-1',
    });
    expect(events.publish.mock.calls[0][0].eventPayload).toMatchObject({
      taskId: 'task-2',
      policyVersion: goldenPathPolicyVersion(testPolicy),
    });
  });

  it('converges without duplicates when aborted after the first deployment and retried', async () => {
    const store = new CheckpointStore();
    const controller = new AbortController();
    const first = run(provisionInput(), {
      store,
      signal: controller.signal,
      onLog: line => {
        if (line.includes('model deployment chat: created')) controller.abort();
      },
    });
    await expect(first).rejects.toThrow();
    expect(emulator.state.get(`${ACCOUNT}/deployments/chat`)).toBeDefined();
    expect(
      emulator.state.get(`${ACCOUNT}/deployments/chat-mini`),
    ).toBeUndefined();

    const { outputs } = await run(provisionInput(), { store });

    expect(outputs.grade).toBe('A');
    const writes = mutating(calls).map(c => c.path.toLowerCase());
    const countOf = (suffix: string) =>
      writes.filter(p => p.endsWith(suffix.toLowerCase())).length;
    expect(countOf('/accounts/aoai-orders-prod')).toBe(1);
    expect(countOf('/deployments/chat')).toBe(1);
    expect(countOf('/deployments/chat-mini')).toBe(1);
    expect(
      emulator.state
        .listByType('Microsoft.CognitiveServices/accounts/deployments')
        .filter(d => d.id.startsWith(ACCOUNT)),
    ).toHaveLength(2);
  });

  it('resumes the long-running operation a failed attempt started instead of writing twice', async () => {
    const store = new CheckpointStore();
    // The first status poll of the account's creation fails: the attempt stops after the PUT.
    emulator.faults.add({
      kind: 'error',
      operation: 'OperationStatuses_Get',
      status: 400,
      code: 'BadRequest',
      message: 'Injected polling failure.',
      times: 1,
    });
    await expect(run(provisionInput(), { store })).rejects.toThrow(
      /Step "create account aoai-orders-prod"/,
    );
    expect(store.successKeys()).toContain('account.write.0');
    expect(store.successKeys()).not.toContain('account.v1');

    const { outputs } = await run(provisionInput(), { store });

    expect(outputs.grade).toBe('A');
    const accountWrites = mutating(calls).filter(c =>
      c.path.toLowerCase().endsWith('/accounts/aoai-orders-prod'),
    );
    expect(accountWrites).toHaveLength(1);
  });

  it('dry run makes zero mutating calls and returns the plan', async () => {
    const { outputs, logs } = await run(provisionInput(), { isDryRun: true });

    expect(mutating(calls)).toEqual([]);
    expect(new Set((outputs.changes as any[]).map(c => c.outcome))).toEqual(
      new Set(['create']),
    );
    expect(outputs.grade).toBeUndefined();
    expect(logs.join('\n')).toContain('Check subdomain: ok');
    expect(logs.join('\n')).toContain('Check quota: ok');
    expect(logs.join('\n')).toContain('Dry run complete');
  });

  it('dry run fails on a missing resource group and a model version the region does not offer, naming each field', async () => {
    const policy = {
      ...testPolicy,
      approvedModels: [{ name: 'gpt-4.1', versions: ['2099-01-01'] }],
    };
    const input = provisionInput({
      resourceGroup: 'rg-does-not-exist',
      deployments: [
        {
          name: 'chat',
          model: 'gpt-4.1',
          version: '2099-01-01',
          sku: 'DataZoneStandard',
          capacity: 10,
        },
      ],
    });
    const error = await run(input, { isDryRun: true, policy }).catch(e => e);

    expect(error.name).toBe('InputError');
    expect(error.message).toContain('- resourceGroup:');
    expect(error.message).toContain('does not exist');
    expect(error.message).toContain(
      '- deployments[0]: gpt-4.1 2099-01-01 is not offered',
    );
    expect(error.message).toContain('Offered there: 2025-04-14');
    expect(mutating(calls)).toEqual([]);
  });

  it('refuses inputs the policy does not allow before any call, naming the field and the allowed values', async () => {
    const error = await run(provisionInput({ region: 'westeurope' })).catch(
      e => e,
    );

    expect(error.name).toBe('InputError');
    expect(error.message).toContain('nothing was written');
    expect(error.message).toContain('region:');
    expect(error.message).toContain('Allowed: swedencentral');
    expect(mutating(calls)).toEqual([]);
  });

  it('re-parses its input with zod and names the field', async () => {
    const input = provisionInput();
    (input.deployments as any[])[0].capacity = 'lots';
    const error = await run(input).catch(e => e);

    expect(error.name).toBe('InputError');
    expect(error.message).toContain('deployments[0].capacity');
    expect(calls).toEqual([]);
  });

  it('explains a quota failure: the step, the resource id, the ARM code and the fix', async () => {
    emulator.faults.add({
      kind: 'error',
      operation: 'Deployments_CreateOrUpdate',
      status: 400,
      code: 'InsufficientQuota',
      message:
        'This operation requires 50 new capacity in quota Tokens Per Minute, which is bigger than the current available capacity 10.',
      times: 1,
    });
    const error = await run(provisionInput()).catch(e => e);

    expect(error.name).toBe('InputError');
    expect(error.message).toContain('Step "model deployment chat"');
    expect(error.message).toContain(`${ACCOUNT}/deployments/chat`);
    expect(error.message).toContain('InsufficientQuota');
    expect(error.message).toContain('request more quota');
  });

  it('retries a 409 conflict and succeeds', async () => {
    emulator.faults.add({
      kind: 'error',
      operation: 'RaiPolicies_CreateOrUpdate',
      status: 409,
      code: 'AccountProvisioningStateInvalid',
      message: 'Account is in Creating state.',
      times: 2,
    });
    const { outputs, logs } = await run(provisionInput());

    expect(outputs.grade).toBe('A');
    expect(logs.filter(l => l.includes('conflicting operation'))).toHaveLength(
      2,
    );
  });

  it('explains a long-running operation that ends Failed', async () => {
    emulator.faults.add({
      kind: 'lroFailure',
      operation: 'Deployments_CreateOrUpdate',
      code: 'DeploymentModelNotSupported',
      message:
        'The model gpt-4.1 is not supported in this region for this SKU.',
      times: 1,
    });
    const error = await run(provisionInput()).catch(e => e);

    expect(error.message).toContain('Step "model deployment chat"');
    expect(error.message).toContain('DeploymentModelNotSupported');
    expect(error.message).toContain('not offered in this region');
  });

  it('fails on a soft-deleted name with the fix, and restores it when asked', async () => {
    const name = 'aoai-orders-prod';
    const url = `${emulator.url}${ACCOUNT}?api-version=2024-10-01`;
    const headers = {
      authorization: 'Bearer t',
      'content-type': 'application/json',
    };
    await fetch(url, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        location: 'swedencentral',
        kind: 'OpenAI',
        sku: { name: 'S0' },
        properties: { customSubDomainName: name },
      }),
    });
    expect(
      (await fetch(url, { method: 'DELETE', headers })).status,
    ).toBeLessThan(300);

    const error = await run(provisionInput()).catch(e => e);
    expect(error.message).toContain('FlagMustBeSetForRestore');
    expect(error.message).toContain('onSoftDeleted "restore"');

    const { outputs } = await run(provisionInput({ onSoftDeleted: 'restore' }));
    expect(outputs.grade).toBe('A');
  });
});
