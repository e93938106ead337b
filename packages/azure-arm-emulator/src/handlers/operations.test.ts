import { createManualClock } from '../clock';
import { startEmulator } from '../startEmulator';

const SUB = '22222222-3333-4444-5555-666666666666';
const AUTH = {
  Authorization: 'Bearer ops',
  'Content-Type': 'application/json',
};
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acc1`;

describe('operation status and result URLs', () => {
  it('serves the Location result URL: 202 while running, the resource when done, 204 after a delete', async () => {
    const clock = createManualClock();
    const emu = await startEmulator({ clock, lro: { stepMs: 1000 } });
    const local = (u: string) => {
      const url = new URL(u);
      return `${emu.url}${url.pathname}${url.search}`;
    };
    try {
      await fetch(
        `${emu.url}/subscriptions/${SUB}/resourcegroups/rg?api-version=2025-04-01`,
        {
          method: 'PUT',
          headers: AUTH,
          body: JSON.stringify({ location: 'westeurope' }),
        },
      );
      const put = await fetch(`${emu.url}${ACCOUNT}?api-version=2025-09-01`, {
        method: 'PUT',
        headers: AUTH,
        body: JSON.stringify({
          location: 'westeurope',
          kind: 'OpenAI',
          sku: { name: 'S0' },
        }),
      });
      const location = put.headers.get('location')!;
      const running = await fetch(local(location), { headers: AUTH });
      expect(running.status).toBe(202);
      expect(running.headers.get('location')).toBe(location);
      clock.advance(2000);
      const done = await fetch(local(location), { headers: AUTH });
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
        (await fetch(local(del.headers.get('location')!), { headers: AUTH }))
          .status,
      ).toBe(204);
      const status = await fetch(
        local(del.headers.get('azure-asyncoperation')!),
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
    } finally {
      await emu.stop();
    }
  });

  it('reports a failed operation with its error on both URLs', async () => {
    const emu = await startEmulator({
      faults: [
        {
          kind: 'lroFailure',
          operation: 'Accounts_Create',
          code: 'InsufficientQuota',
          message: 'No quota.',
        },
      ],
    });
    const local = (u: string) => {
      const url = new URL(u);
      return `${emu.url}${url.pathname}${url.search}`;
    };
    try {
      await fetch(
        `${emu.url}/subscriptions/${SUB}/resourcegroups/rg?api-version=2025-04-01`,
        {
          method: 'PUT',
          headers: AUTH,
          body: JSON.stringify({ location: 'westeurope' }),
        },
      );
      const put = await fetch(`${emu.url}${ACCOUNT}?api-version=2025-09-01`, {
        method: 'PUT',
        headers: AUTH,
        body: JSON.stringify({
          location: 'westeurope',
          kind: 'OpenAI',
          sku: { name: 'S0' },
        }),
      });
      const status = await (
        await fetch(local(put.headers.get('azure-asyncoperation')!), {
          headers: AUTH,
        })
      ).json();
      expect(status).toMatchObject({
        status: 'Failed',
        error: { code: 'InsufficientQuota', message: 'No quota.' },
      });
      const result = await fetch(local(put.headers.get('location')!), {
        headers: AUTH,
      });
      expect(result.status).toBe(400);
      expect((await result.json()).error.code).toBe('InsufficientQuota');
    } finally {
      await emu.stop();
    }
  });
});
