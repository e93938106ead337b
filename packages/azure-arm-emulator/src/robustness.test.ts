import { DEMO_ACCOUNT_IDS, DEMO_SUBSCRIPTIONS } from './presets/demo';
import { createRouter } from './routes';
import { startEmulator, type RunningEmulator } from './startEmulator';

/**
 * Every write route, with the demo's real ids substituted, answers malformed
 * bodies with a 4xx ARM error: never a 500, never a stack trace.
 */
const VALUES: Record<string, string> = {
  subscriptionId: DEMO_SUBSCRIPTIONS.prod,
  resourceGroupName: 'rg-chat-prod',
  accountName: 'aoai-chat-prod',
  deploymentName: 'gpt-4.1',
  raiPolicyName: 'chat-strict',
  raiBlocklistName: 'bl',
  raiBlocklistItemName: 'item',
  settingName: 'Default',
  location: 'swedencentral',
  peName: 'pe-aoai-chat-prod',
  groupName: 'default',
  name: 'n1',
  resourceUri: DEMO_ACCOUNT_IDS.chatProd.slice(1),
  scope: DEMO_ACCOUNT_IDS.chatProd.slice(1),
  namespace: 'Microsoft.CognitiveServices',
  operationId: 'nope',
  nspName: 'nsp',
  connectionName: 'c',
  filterName: 'Hate',
};

const BODIES: unknown[] = [
  null,
  [],
  'text',
  42,
  {},
  { properties: 5 },
  { properties: { contentFilters: 'x', mode: 7 } },
  { sku: 'S0', location: 3, kind: [] },
  { sku: { name: 'Standard', capacity: 'lots' }, properties: { model: 'gpt' } },
  [{ name: 5 }],
  [{}],
];

const writeRoutes = createRouter()
  .list()
  .filter(
    r => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'POST',
  );

describe('malformed bodies on every write route', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({
      preset: 'demo',
      throttling: { enabled: false },
    });
  });
  afterAll(() => emu.stop());

  it.each(writeRoutes.map(r => [`${r.method} ${r.operationId}`, r] as const))(
    '%s',
    async (_name, route) => {
      const path = route.template.replace(
        /\{(\w+)\*?\}/g,
        (_, n) => VALUES[n] ?? 'x',
      );
      for (const body of BODIES) {
        emu.reset();
        const res = await fetch(
          `${emu.url}${path}?api-version=${route.apiVersions[0]}`,
          {
            method: route.method,
            headers: {
              Authorization: 'Bearer fuzz',
              'Content-Type': 'application/json',
            },
            body: JSON.stringify(body),
          },
        );
        const text = await res.text();
        expect({
          body,
          status: res.status < 500 ? 'no 5xx' : res.status,
          text: res.status < 500 ? '' : text,
        }).toEqual({ body, status: 'no 5xx', text: '' });
        const code = res.status >= 400 ? JSON.parse(text).error.code : 'served';
        expect(typeof code).toBe('string');
      }
    },
  );
});
