import { createManualClock } from '../clock';
import type { RunningEmulator } from '../startEmulator';
import { onEmulator, withEmulator } from '../__testUtils__/emulatorHarness';

const SUB = '22222222-3333-4444-5555-666666666666';
const AUTH = {
  Authorization: 'Bearer ops',
  'Content-Type': 'application/json',
};
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acc1`;

/** Creates resource group `rg`, then starts creating account `acc1` in it; returns the account PUT. */
async function createAccount(emu: RunningEmulator): Promise<Response> {
  await fetch(
    `${emu.url}/subscriptions/${SUB}/resourcegroups/rg?api-version=2025-04-01`,
    {
      method: 'PUT',
      headers: AUTH,
      body: JSON.stringify({ location: 'westeurope' }),
    },
  );
  return fetch(`${emu.url}${ACCOUNT}?api-version=2025-09-01`, {
    method: 'PUT',
    headers: AUTH,
    body: JSON.stringify({
      location: 'westeurope',
      kind: 'OpenAI',
      sku: { name: 'S0' },
    }),
  });
}

describe('operation status and result URLs', () => {
  it('serves the Location result URL: 202 while running, the resource when done, 204 after a delete', async () => {
    const clock = createManualClock();
    await withEmulator({ clock, lro: { stepMs: 1000 } }, async emu => {
      const put = await createAccount(emu);
      const location = put.headers.get('location')!;
      const running = await fetch(onEmulator(emu, location), {
        headers: AUTH,
      });
      expect(running.status).toBe(202);
      expect(running.headers.get('location')).toBe(location);
      clock.advance(2000);
      const done = await fetch(onEmulator(emu, location), { headers: AUTH });
      expect(done.status).toBe(200);
      expect((await done.json()).properties.provisioningState).toBe(
        'Succeeded',
      );

      const del = await fetch(`${emu.url}${ACCOUNT}?api-version=2025-09-01`, {
        method: 'DELETE',
        headers: AUTH,
      });
      expect(del.status).toBe(202);
      clock.advance(2000);
      expect(
        (
          await fetch(onEmulator(emu, del.headers.get('location')!), {
            headers: AUTH,
          })
        ).status,
      ).toBe(204);
      const status = await fetch(
        onEmulator(emu, del.headers.get('azure-asyncoperation')!),
        { headers: AUTH },
      );
      expect(await status.json()).toMatchObject({
        status: 'Succeeded',
        percentComplete: 100,
      });

      const unknown = await fetch(
        `${emu.url}/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/locations/westeurope/operationResults/nope?api-version=2025-09-01`,
        { headers: AUTH },
      );
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe('OperationNotFound');
    });
  });

  it('reports a failed operation with its error on both URLs', async () => {
    const faults = [
      {
        kind: 'lroFailure' as const,
        operation: 'Accounts_Create',
        code: 'InsufficientQuota',
        message: 'No quota.',
      },
    ];
    await withEmulator({ faults }, async emu => {
      const put = await createAccount(emu);
      const status = await (
        await fetch(onEmulator(emu, put.headers.get('azure-asyncoperation')!), {
          headers: AUTH,
        })
      ).json();
      expect(status).toMatchObject({
        status: 'Failed',
        error: { code: 'InsufficientQuota', message: 'No quota.' },
      });
      const result = await fetch(
        onEmulator(emu, put.headers.get('location')!),
        { headers: AUTH },
      );
      expect(result.status).toBe(400);
      expect((await result.json()).error.code).toBe('InsufficientQuota');
    });
  });
});
