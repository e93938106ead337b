import { DEMO_GOLDEN_PATH, DEMO_SUBSCRIPTIONS } from '../presets/demo';
import { withEmulator } from '../__testUtils__/emulatorHarness';

const AUTH = { Authorization: 'Bearer shared' };
const PROD = DEMO_SUBSCRIPTIONS.prod;
const VNET = DEMO_GOLDEN_PATH.subnetIds.westeurope.replace(
  /\/subnets\/.*$/,
  '',
);

async function get(url: string, id: string, apiVersion: string) {
  const res = await fetch(`${url}${id}?api-version=${apiVersion}`, {
    headers: AUTH,
  });
  return { status: res.status, body: await res.json() };
}

describe('shared resources of the demo preset (virtual networks, DNS zones, workspaces, identities)', () => {
  it.each([
    [
      'a subnet',
      DEMO_GOLDEN_PATH.subnetIds.swedencentral,
      '2024-07-01',
      'Microsoft.Network/virtualNetworks/subnets',
    ],
    [
      'a private DNS zone',
      DEMO_GOLDEN_PATH.privateDnsZoneId,
      '2024-06-01',
      'Microsoft.Network/privateDnsZones',
    ],
    [
      'a private DNS zone (older api-version)',
      DEMO_GOLDEN_PATH.privateDnsZoneId,
      '2020-06-01',
      'Microsoft.Network/privateDnsZones',
    ],
    [
      'a Log Analytics workspace',
      DEMO_GOLDEN_PATH.logAnalyticsWorkspaceId,
      '2025-02-01',
      'Microsoft.OperationalInsights/workspaces',
    ],
    [
      'a Log Analytics workspace (older api-version)',
      DEMO_GOLDEN_PATH.logAnalyticsWorkspaceId,
      '2022-10-01',
      'Microsoft.OperationalInsights/workspaces',
    ],
    [
      'a user-assigned identity',
      DEMO_GOLDEN_PATH.cmkIdentityId,
      '2023-01-31',
      'Microsoft.ManagedIdentity/userAssignedIdentities',
    ],
  ])('serves %s by its id', async (_, id, apiVersion, type) => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const { status, body } = await get(emu.url, id, apiVersion);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id, type, name: id.split('/').pop() });
      // ids are matched case-insensitively, like ARM
      expect((await get(emu.url, id.toLowerCase(), apiVersion)).status).toBe(
        200,
      );
    });
  });

  it('embeds the subnets in the virtual network and gives the identity its client id', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      const vnet = await get(emu.url, VNET, '2025-07-01');
      expect(vnet.status).toBe(200);
      expect(vnet.body.location).toBe('westeurope');
      expect(
        vnet.body.properties.subnets.map((s: { id: string }) => s.id),
      ).toEqual([DEMO_GOLDEN_PATH.subnetIds.westeurope]);
      const identity = await get(
        emu.url,
        DEMO_GOLDEN_PATH.cmkIdentityId,
        '2024-11-30',
      );
      expect(identity.body.properties.clientId).toBe(
        DEMO_GOLDEN_PATH.cmkIdentityClientId,
      );
      const rg = await get(
        emu.url,
        `/subscriptions/${DEMO_GOLDEN_PATH.resourceGroup.subscriptionId}/resourceGroups/${DEMO_GOLDEN_PATH.resourceGroup.name}`,
        '2025-04-01',
      );
      expect(rg.body.location).toBe('swedencentral');
    });
  });

  it('answers ResourceNotFound for what is not stored, and refuses unknown api-versions', async () => {
    await withEmulator({ preset: 'demo' }, async emu => {
      for (const [id, version] of [
        [`${VNET}/subnets/snet-missing`, '2024-07-01'],
        [
          `/subscriptions/${PROD}/resourceGroups/rg-network-prod/providers/Microsoft.Network/virtualNetworks/vnet-missing`,
          '2024-07-01',
        ],
        [
          `/subscriptions/${PROD}/resourceGroups/rg-network-prod/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`,
          '2024-06-01',
        ],
        [
          `/subscriptions/${PROD}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-missing`,
          '2023-09-01',
        ],
        [
          `/subscriptions/${PROD}/resourceGroups/rg-security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-missing`,
          '2024-11-30',
        ],
      ]) {
        const { status, body } = await get(emu.url, id, version);
        expect({ id, status, code: body.error?.code }).toEqual({
          id,
          status: 404,
          code: 'ResourceNotFound',
        });
      }
      const wrongVersion = await get(
        emu.url,
        DEMO_GOLDEN_PATH.logAnalyticsWorkspaceId,
        '2024-07-01',
      );
      expect(wrongVersion.status).toBe(400);
    });
  });
});
