import type { RunningEmulator } from '@pavedai/azure-arm-emulator';
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
import { createDeploymentAction } from './deploymentAction';
import { createProvisionAction } from './provisionAction';

const ACCOUNT = `/subscriptions/${PROD}/resourceGroups/${RG}/providers/Microsoft.CognitiveServices/accounts/aoai-orders-prod`;
const CHAT_DEV = `/subscriptions/3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02/resourceGroups/rg-chat-dev/providers/Microsoft.CognitiveServices/accounts/aoai-chat-dev`;

const extra = {
  name: 'chat-batch',
  model: 'gpt-4.1-mini',
  version: '2025-04-14',
  sku: 'DataZoneStandard',
  capacity: 20,
};

describe('azure:openai:deployment:create against the ARM emulator', () => {
  let emulator: RunningEmulator;
  let arm: ProvisioningArm;
  let calls: Call[];

  beforeEach(async () => {
    ({ emulator, arm, calls } = await startGoldenPathEmulator());
    const provision = createMockActionContext({
      input: provisionInput() as any,
    });
    await createProvisionAction({
      arm,
      policy: testPolicy,
      settings: testSettings,
    }).handler(provision.ctx as any);
    calls.length = 0;
  });
  afterEach(async () => {
    await emulator.stop();
  });

  async function run(input: Record<string, unknown>, isDryRun = false) {
    const mock = createMockActionContext({ input: input as any, isDryRun });
    await createDeploymentAction({
      arm,
      policy: testPolicy,
      settings: testSettings,
    }).handler(mock.ctx as any);
    return mock;
  }

  it('adds a deployment to a golden-path account, writing only that deployment, and keeps grade A', async () => {
    const { outputs } = await run({
      accountId: ACCOUNT,
      contentFilterProfile: 'strict',
      deployments: [extra],
    });

    expect(outputs.grade).toBe('A');
    expect(mutating(calls).map(c => c.path)).toEqual([
      `${ACCOUNT}/deployments/chat-batch`,
    ]);
    expect(
      emulator.state.get(`${ACCOUNT}/deployments/chat-batch`)?.properties,
    ).toMatchObject({ raiPolicyName: 'golden-path-strict' });

    calls.length = 0;
    await run({
      accountId: ACCOUNT,
      contentFilterProfile: 'strict',
      deployments: [extra],
    });
    expect(mutating(calls)).toEqual([]);
  });

  it('dry run writes nothing and reports the plan', async () => {
    const { outputs } = await run(
      {
        accountId: ACCOUNT,
        contentFilterProfile: 'strict',
        deployments: [extra],
      },
      true,
    );
    expect(mutating(calls)).toEqual([]);
    expect(outputs.changes).toContainEqual(
      expect.objectContaining({
        step: 'model deployment chat-batch',
        outcome: 'create',
      }),
    );
  });

  it('refuses a deployment the policy does not allow, naming the row, before any write', async () => {
    const error = await run({
      accountId: ACCOUNT,
      contentFilterProfile: 'strict',
      deployments: [{ ...extra, capacity: 500 }],
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('deployments[0].capacity');
    expect(mutating(calls)).toEqual([]);
  });

  it('refuses to add to an account outside the golden path and lists the controls it fails', async () => {
    const error = await run({
      accountId: CHAT_DEV,
      contentFilterProfile: 'strict',
      deployments: [extra],
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'Bring the account back to the golden path first',
    );
    expect(error.message).toContain('AOAI-NET-002');
    expect(mutating(calls)).toEqual([]);
  });
});
