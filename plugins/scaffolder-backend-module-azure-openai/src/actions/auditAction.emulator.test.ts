import type { RunningEmulator } from '@pavedai/azure-arm-emulator';
import type { ProvisioningArm } from '../arm/provisioningArm';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import {
  mutating,
  PROD,
  startGoldenPathEmulator,
  type Call,
} from '../__testUtils__/emulatorFixture';
import { createAuditAction } from './auditAction';

const CHAT_PROD = `/subscriptions/${PROD}/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/aoai-chat-prod`;
const SEARCH_PROD = `/subscriptions/${PROD}/resourceGroups/rg-search-prod/providers/Microsoft.CognitiveServices/accounts/aoai-search-prod`;

describe('azure:openai:audit against the ARM emulator', () => {
  let emulator: RunningEmulator;
  let arm: ProvisioningArm;
  let calls: Call[];

  beforeEach(async () => {
    ({ emulator, arm, calls } = await startGoldenPathEmulator());
  });
  afterEach(async () => {
    await emulator.stop();
  });

  async function run(input: Record<string, unknown>) {
    const mock = createMockActionContext({ input: input as any });
    await createAuditAction({ arm, policy: {} }).handler(mock.ctx as any);
    return mock;
  }

  it('outputs the grade and passes the gate for a hardened account, reading only', async () => {
    const { outputs } = await run({ accountId: CHAT_PROD, minimumGrade: 'B' });

    expect(outputs.grade).toBe('A');
    expect(Array.isArray(outputs.failingControls)).toBe(true);
    expect(mutating(calls)).toEqual([]);
  });

  it('fails below the minimum grade and lists why', async () => {
    const error = await run({
      accountId: SEARCH_PROD,
      minimumGrade: 'A',
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(/grade [B-F] is below the minimum A/);
  });

  it('fails on a named control even when the grade is good enough', async () => {
    const error = await run({
      accountId: SEARCH_PROD,
      minimumGrade: 'F',
      failOnControls: ['AOAI-DATA-002'],
    }).catch(e => e);
    expect(error.message).toContain('AOAI-DATA-002');
  });

  it('refuses an id that is not an account id, naming the field', async () => {
    const error = await run({ accountId: '../../etc/passwd' }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('accountId:');
    expect(calls).toEqual([]);
  });

  it('evaluates with the golden-path policy it is given', async () => {
    const audit = async (policy: object) => {
      const mock = createMockActionContext({
        input: { accountId: CHAT_PROD, minimumGrade: 'F' },
      });
      await createAuditAction({ arm, policy }).handler(mock.ctx as any);
      return (mock.outputs.failingControls as Array<{ id: string }>).map(
        f => f.id,
      );
    };
    expect(await audit({})).not.toContain('AOAI-GOV-005');
    expect(await audit({ allowedRegions: ['westeurope'] })).toContain(
      'AOAI-GOV-005',
    );
  });
});
