import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { ManagementLockClient } from '@azure/arm-locks';
import { staticTokenCredential } from './clientPolicy';
import { DEMO_SUBSCRIPTIONS } from './presets/demo';
import { startEmulator, type RunningEmulator } from './startEmulator';
import { sdkOptions } from './__testUtils__/emulatorHarness';

describe('management locks are enforced', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo' });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  const options = () => sdkOptions(emu.url);
  const poll = { updateIntervalInMs: 1 };

  it('refuses to delete a CanNotDelete-locked account or its children until the lock is removed', async () => {
    const cs = new CognitiveServicesManagementClient(
      staticTokenCredential(),
      DEMO_SUBSCRIPTIONS.prod,
      options(),
    );
    await expect(
      cs.accounts.beginDelete('rg-chat-prod', 'aoai-chat-prod'),
    ).rejects.toMatchObject({ statusCode: 409, code: 'ScopeLocked' });
    await expect(
      cs.deployments.beginDelete('rg-chat-prod', 'aoai-chat-prod', 'gpt-4.1'),
    ).rejects.toMatchObject({ code: 'ScopeLocked' });
    // Writes are allowed under CanNotDelete.
    await cs.accounts.beginUpdateAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      {
        tags: {
          'backstage.io-owner': 'team-chat',
          'backstage.io-system': 'customer-assistant',
          env: 'prod',
        },
      },
      poll,
    );
    const locks = new ManagementLockClient(
      staticTokenCredential(),
      DEMO_SUBSCRIPTIONS.prod,
      options(),
    );
    await locks.managementLocks.deleteAtResourceLevel(
      'rg-chat-prod',
      'Microsoft.CognitiveServices',
      '',
      'accounts',
      'aoai-chat-prod',
      'do-not-delete',
    );
    await cs.accounts.beginDeleteAndWait(
      'rg-chat-prod',
      'aoai-chat-prod',
      poll,
    );
  });

  it('makes a ReadOnly lock refuse writes and listKeys, but not reads', async () => {
    const locks = new ManagementLockClient(
      staticTokenCredential(),
      DEMO_SUBSCRIPTIONS.dev,
      options(),
    );
    await locks.managementLocks.createOrUpdateAtResourceGroupLevel(
      'rg-chat-dev',
      'freeze',
      { level: 'ReadOnly' },
    );
    const cs = new CognitiveServicesManagementClient(
      staticTokenCredential(),
      DEMO_SUBSCRIPTIONS.dev,
      options(),
    );
    await expect(
      cs.accounts.beginUpdate('rg-chat-dev', 'aoai-chat-dev', { tags: {} }),
    ).rejects.toMatchObject({ statusCode: 409, code: 'ScopeLocked' });
    await expect(
      cs.accounts.listKeys('rg-chat-dev', 'aoai-chat-dev'),
    ).rejects.toMatchObject({ code: 'ScopeLocked' });
    expect((await cs.accounts.get('rg-chat-dev', 'aoai-chat-dev')).name).toBe(
      'aoai-chat-dev',
    );
  });
});
