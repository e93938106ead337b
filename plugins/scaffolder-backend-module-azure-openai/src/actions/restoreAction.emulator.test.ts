import type { RunningEmulator } from '@pavedai/azure-arm-emulator';
import type { GoldenPathRecordedInputs } from '@pavedai/plugin-azure-openai-common';
import type { ProvisioningArm } from '../arm/provisioningArm';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import {
  mutating,
  PROD,
  provisionInput,
  RG,
  startGoldenPathEmulator,
  testPolicy,
  testSettings,
  type Call,
} from '../__testUtils__/emulatorFixture';
import { createProvisionAction } from './provisionAction';
import { createRestoreAction } from './restoreAction';

const ACCOUNT = `/subscriptions/${PROD}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/aoai-orders-prod`;
const LOCK = `${ACCOUNT}/providers/Microsoft.Authorization/locks/golden-path-no-delete`;

describe('azure:openai:golden-path:restore against the ARM emulator', () => {
  let emulator: RunningEmulator;
  let arm: ProvisioningArm;
  let calls: Call[];
  let recorded: GoldenPathRecordedInputs;
  const requested: string[] = [];

  beforeEach(async () => {
    ({ emulator, arm, calls } = await startGoldenPathEmulator());
    // Provision, and keep what the run announced (the audit records it from the event).
    const events = {
      publish: jest.fn(async ({ eventPayload }: any) => {
        recorded = {
          accountId: 'opaque',
          resourceId: eventPayload.accountId,
          goldenPath: {
            source: 'event',
            templateRef: eventPayload.templateRef,
            templateVersion: eventPayload.templateVersion,
            taskId: eventPayload.taskId,
            policyVersion: eventPayload.policyVersion,
            recordedAt: new Date().toISOString(),
          },
          inputs: eventPayload.inputs,
        };
      }),
      subscribe: jest.fn(),
    };
    const provision = createMockActionContext({
      input: provisionInput() as any,
    });
    await createProvisionAction({
      arm,
      policy: testPolicy,
      settings: testSettings,
      events,
    }).handler(provision.ctx as any);
    requested.length = 0;
  });
  afterEach(async () => {
    await emulator.stop();
  });

  async function restore(isDryRun = false, planOnly = false) {
    const mock = createMockActionContext({
      input: { accountId: ACCOUNT, ...(planOnly ? { planOnly } : {}) },
      isDryRun,
      taskId: 'task-restore',
    });
    await createRestoreAction({
      arm,
      policy: testPolicy,
      settings: testSettings,
      inputs: {
        async getRecordedInputs(accountId, { credentials }) {
          requested.push(
            `${accountId} as ${(credentials.principal as any).userEntityRef}`,
          );
          return recorded;
        },
      },
    }).handler(mock.ctx as any);
    return mock;
  }

  /** A change outside the golden path: public access on, the delete lock gone. */
  function drift() {
    const account = emulator.state.get(ACCOUNT)!;
    emulator.state.put({
      ...account,
      properties: { ...account.properties, publicNetworkAccess: 'Enabled' },
    });
    emulator.state.delete(LOCK);
  }

  it('dry run shows exactly what drifted and writes nothing; the run writes only that; a second run writes nothing', async () => {
    drift();
    calls.length = 0;

    const plan = await restore(true);
    expect(mutating(calls)).toEqual([]);
    const changed = (plan.outputs.changes as any[]).filter(
      c => c.outcome !== 'unchanged',
    );
    expect(changed).toEqual([
      expect.objectContaining({ resourceId: ACCOUNT, outcome: 'update' }),
      expect.objectContaining({ resourceId: LOCK, outcome: 'create' }),
    ]);
    expect(plan.logs.join('\n')).toContain(
      'Plan: create account aoai-orders-prod: update (properties.publicNetworkAccess)',
    );
    expect(requested).toEqual([`${ACCOUNT} as user:default/guest`]);

    const { outputs } = await restore();
    expect(mutating(calls).map(c => c.operationId)).toEqual([
      'Accounts_Create',
      'ManagementLocks_CreateOrUpdateByScope',
    ]);
    expect(outputs.grade).toBe('A');
    expect(emulator.state.get(ACCOUNT)!.properties.publicNetworkAccess).toBe(
      'Disabled',
    );
    // Provenance stays that of the template and task that created the account.
    expect(emulator.state.get(ACCOUNT)!.tags).toMatchObject({
      'backstage.io-task-id': 'task-1',
    });

    calls.length = 0;
    await restore();
    expect(mutating(calls)).toEqual([]);
  });

  it('planOnly lists the changes of a real run without writing', async () => {
    drift();
    calls.length = 0;
    const plan = await restore(false, true);
    expect(mutating(calls)).toEqual([]);
    expect(plan.logs.join('\n')).toContain(
      'Plan only: nothing will be written',
    );
    expect(
      (plan.outputs.changes as any[]).filter(c => c.outcome !== 'unchanged'),
    ).toHaveLength(2);
  });

  it('fails with the fix when the recorded inputs no longer parse', async () => {
    recorded = { ...recorded, inputs: { ...recorded.inputs, deployments: [] } };
    const error = await restore(true).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('provision it again from the template');
    expect(error.message).toContain('- deployments:');
  });
});
