import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  SERVED_SPECS,
  SpecValidator,
  type SpecOperation,
} from './__testUtils__/specValidator';
import { completeAccount } from './handlers/accounts';
import { resourceGroupBody } from './handlers/resourceGroups';
import { createRouter } from './routes';
import {
  deployment,
  diagnosticSetting,
  dnsZoneGroup,
  privateEndpointBody,
  raiPolicy,
  roleAssignment,
  ROLES,
} from './presets/builders';
import { startEmulator, type RunningEmulator } from './startEmulator';
import type { ArmResource } from './state';

/**
 * Replays Microsoft's x-ms-examples against the emulator: each example
 * request gets an answer whose status is declared by the spec and whose body
 * validates against the spec's response schema.
 */
/** Examples of operations the emulator deliberately does not serve (see README). */
const NOT_SERVED = [
  'ReconcileNetworkSecurityPerimeterConfigurations.json',
  'getDiagnosticSettingCategory.json',
  'listDiagnosticSettingsCategory.json',
  'createOrUpdateDiagnosticSettingCategory.json',
];

/** Resource Graph examples whose KQL is outside the documented subset: they must get a 400. */
const UNSUPPORTED_KQL = [
  'ResourcesComplexQuery.json',
  'ResourcesPropertiesQuery.json',
  'ResourcesSummarizeQuery.json',
];

interface Case {
  name: string;
  op: SpecOperation;
  example: any;
}

const validator = new SpecValidator();
const router = createRouter();

function cases(): Case[] {
  const out: Case[] = [];
  for (const spec of SERVED_SPECS) {
    for (const op of validator.operations(spec)) {
      for (const ref of Object.values<any>(op.op['x-ms-examples'] ?? {})) {
        const file = resolve(dirname(op.file), ref.$ref);
        if (existsSync(file)) {
          out.push({
            name: `${op.operationId} (${file.split('/').pop()})`,
            op,
            example: JSON.parse(readFileSync(file, 'utf8')),
          });
        }
      }
    }
  }
  return out;
}

function requestOf(c: Case) {
  const params = c.example.parameters;
  let path = c.op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    const v = params[name];
    return name === 'resourceUri' || name === 'scope'
      ? String(v).replace(/^\/+/, '')
      : encodeURIComponent(String(v));
  });
  path = path.replace(/\/{2,}/g, '/');
  let body: unknown;
  for (const raw of c.op.op.parameters) {
    const p = validator.parameter(c.op, raw);
    if (p.in === 'body') {
      body = params[p.name];
    }
  }
  return { method: c.op.method, path, apiVersion: params['api-version'], body };
}

const ALL = cases();
const served = ALL.filter(c => {
  const r = requestOf(c);
  return (
    router.match(r.method, r.path).kind === 'match' &&
    !NOT_SERVED.includes(c.name.replace(/^.*\(|\)$/g, ''))
  );
});

/** Puts what an example needs into the state (resource group, parents, the resource itself for reads). */
function arrange(emu: RunningEmulator, c: Case) {
  const p = c.example.parameters;
  const put = (r: ArmResource) => emu.state.put(r);
  const sub = p.subscriptionId;
  if (sub && p.resourceGroupName) {
    put(resourceGroupBody(sub, p.resourceGroupName, p.location ?? 'westus'));
  }
  const rgId = `/subscriptions/${sub}/resourceGroups/${p.resourceGroupName}`;
  if (p.accountName && !(c.op.operationId === 'Accounts_Create')) {
    const account = completeAccount({
      id: `${rgId}/providers/Microsoft.CognitiveServices/accounts/${p.accountName}`,
      location: p.location ?? 'westus',
      kind: 'OpenAI',
      sku: { name: 'S0' },
      properties: { customSubDomainName: p.accountName.toLowerCase() },
      provisioningState: 'Succeeded',
      createdAt: '2025-01-01T00:00:00Z',
    });
    if (p.privateEndpointConnectionName) {
      account.properties.privateEndpointConnections = [
        {
          id: `${account.id}/privateEndpointConnections/${p.privateEndpointConnectionName}`,
          name: p.privateEndpointConnectionName,
          type: 'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
          properties: {
            privateEndpoint: {
              id: `${rgId}/providers/Microsoft.Network/privateEndpoints/pe`,
            },
            groupIds: ['account'],
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionsRequired: 'None',
            },
            provisioningState: 'Succeeded',
          },
        },
      ];
    }
    if (c.op.operationId.startsWith('DeletedAccounts_')) {
      emu.state.putDeleted(
        `${sub}/${p.location}/${p.resourceGroupName}/${p.accountName}`.toLowerCase(),
        {
          account: { ...account, location: p.location },
          children: [],
          deletionDate: '2025-01-02T00:00:00Z',
          scheduledPurgeDate: '2025-01-04T00:00:00Z',
        },
      );
    } else {
      put(account);
    }
    if (p.deploymentName && c.op.operationId !== 'Deployments_CreateOrUpdate') {
      put(
        deployment(account.id, p.deploymentName, {
          model: 'gpt-4o',
          version: '2024-11-20',
          sku: 'Standard',
          capacity: 1,
        }),
      );
    }
    if (p.raiPolicyName && c.op.operationId !== 'RaiPolicies_CreateOrUpdate') {
      put(raiPolicy(account.id, p.raiPolicyName, 'strict'));
    }
    if (
      p.raiBlocklistName &&
      c.op.operationId !== 'RaiBlocklists_CreateOrUpdate'
    ) {
      put({
        id: `${account.id}/raiBlocklists/${p.raiBlocklistName}`,
        name: p.raiBlocklistName,
        type: 'Microsoft.CognitiveServices/accounts/raiBlocklists',
        properties: { description: 'd' },
      });
      if (
        p.raiBlocklistItemName &&
        c.op.operationId !== 'RaiBlocklistItems_CreateOrUpdate'
      ) {
        put({
          id: `${account.id}/raiBlocklists/${p.raiBlocklistName}/raiBlocklistItems/${p.raiBlocklistItemName}`,
          name: p.raiBlocklistItemName,
          type: 'Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems',
          properties: { pattern: 'x', isRegex: false },
        });
      }
    }
  }
  if (
    p.privateEndpointName &&
    c.op.operationId !== 'PrivateEndpoints_CreateOrUpdate'
  ) {
    const pe = privateEndpointBody(
      `${rgId}/providers/Microsoft.Network/privateEndpoints/${p.privateEndpointName}`,
      p.privateEndpointName,
      'westus',
      `${rgId}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
      [],
    );
    put(pe);
    if (
      p.privateDnsZoneGroupName &&
      c.op.operationId !== 'PrivateDnsZoneGroups_CreateOrUpdate'
    ) {
      put(
        dnsZoneGroup(pe.id, p.privateDnsZoneGroupName, [
          `${rgId}/providers/Microsoft.Network/privateDnsZones/zone1.com`,
        ]),
      );
    }
    if (c.op.operationId === 'PrivateDnsZoneGroups_List') {
      put(
        dnsZoneGroup(pe.id, 'default', [
          `${rgId}/providers/Microsoft.Network/privateDnsZones/zone1.com`,
        ]),
      );
    }
  }
  for (const key of ['resourceUri', 'scope']) {
    const scope = p[key] && `/${String(p[key]).replace(/^\/+/, '')}`;
    if (!scope) {
      continue;
    }
    const rg = /^(\/subscriptions\/[^/]+)\/resourcegroups\/([^/]+)/i.exec(
      scope,
    );
    if (rg) {
      put(resourceGroupBody(rg[1].split('/')[2], rg[2], 'westus'));
    }
    if (/\/providers\//i.test(scope)) {
      put({
        id: scope,
        name: scope.split('/').pop(),
        type: 'Microsoft.Test/things',
        location: 'westus',
      });
    }
    if (
      c.op.operationId === 'DiagnosticSettings_Get' ||
      c.op.operationId === 'DiagnosticSettings_List'
    ) {
      put(
        diagnosticSetting(
          scope,
          p.name ?? 'mysetting',
          '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w',
          'full',
        ),
      );
    }
    if (
      c.op.operationId === 'RoleAssignments_Get' ||
      c.op.operationId === 'RoleAssignments_ListForScope'
    ) {
      const ra = roleAssignment(
        scope,
        ROLES.cognitiveServicesOpenAIUser,
        'ce2ce14e-85d7-4629-bdbc-454d0519d987',
        'User',
      );
      put(
        p.roleAssignmentName
          ? {
              ...ra,
              id: ra.id.replace(ra.name, p.roleAssignmentName),
              name: p.roleAssignmentName,
            }
          : ra,
      );
    }
  }
  if (c.op.operationId === 'Resources') {
    put(
      resourceGroupBody('cfbbd179-59d2-4052-aa06-9270a38aa9d6', 'rg', 'westus'),
    );
    put({
      id: '/subscriptions/cfbbd179-59d2-4052-aa06-9270a38aa9d6/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1',
      name: 'vm1',
      type: 'Microsoft.Compute/virtualMachines',
      location: 'westus',
      properties: { storageProfile: { osDisk: { osType: 'Linux' } } },
    });
  }
}

describe('Microsoft spec examples replayed against the emulator', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ throttling: { enabled: false } });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  it('replays every available example of a served operation', () => {
    const unserved = ALL.filter(c => !served.includes(c))
      .map(c => c.name.replace(/^.*\(|\)$/g, ''))
      .sort();
    expect(unserved).toEqual([...NOT_SERVED].sort());
    expect(served.length).toBeGreaterThanOrEqual(40);
  });

  const fileOf = (c: Case) => c.name.replace(/^.*\(|\)$/g, '');
  const send = async (c: Case) => {
    arrange(emu, c);
    const r = requestOf(c);
    const res = await fetch(
      `${emu.url}${r.path}?api-version=${encodeURIComponent(r.apiVersion)}`,
      {
        method: r.method,
        headers: {
          Authorization: 'Bearer spec-examples',
          ...(r.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
        },
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      },
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it.each(
    served
      .filter(c => !UNSUPPORTED_KQL.includes(fileOf(c)))
      .map(c => [c.name, c] as const),
  )('%s', async (_name, c) => {
    const { status, body } = await send(c);
    expect({
      status,
      declared: validator.statuses(c.op).includes(status),
      body: status >= 400 ? body : undefined,
    }).toMatchObject({ declared: true });
    // Known contradictions between a schema and Microsoft's own examples are
    // listed (with the reason) in KNOWN_SPEC_DEVIATIONS; nothing else is tolerated.
    expect(validator.validate(c.op, status, body)).toEqual([]);
  });

  it.each(
    served
      .filter(c => UNSUPPORTED_KQL.includes(fileOf(c)))
      .map(c => [c.name, c] as const),
  )('%s is refused as outside the KQL subset', async (_name, c) => {
    const { status, body } = await send(c);
    expect(status).toBe(400);
    expect(body.error.details[0].code).toBe('InvalidQuery');
  });

  it("keeps the known spec deviations honest: Microsoft's own examples show them", () => {
    const rg = served.find(
      c =>
        c.op.operationId === 'Resources' &&
        fileOf(c) === 'ResourcesBasicQuery.json',
    )!;
    expect(Array.isArray(rg.example.responses['200'].body.data)).toBe(true);
  });

  it('catches a response that breaks the schema', () => {
    const op = served.find(c => c.op.operationId === 'Accounts_Get')!.op;
    expect(
      validator.validate(op, 200, {
        id: 'x',
        properties: { provisioningState: 'Unknown' },
      }),
    ).not.toEqual([]);
    expect(
      validator.validate(op, 200, {
        id: 'x',
        properties: { provisioningState: 'Succeeded' },
      }),
    ).toEqual([]);
  });
});

describe('ARM errors against the specs', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo' });
  });
  afterAll(() => emu.stop());

  it.each([
    [
      'Accounts_Get',
      'GET',
      '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/missing',
      undefined,
      404,
    ],
    [
      'Accounts_Create',
      'PUT',
      '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/-bad',
      { location: 'x', kind: 'OpenAI', sku: { name: 'S0' } },
      400,
    ],
    [
      'Deployments_CreateOrUpdate',
      'PUT',
      '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/aoai-chat-prod/deployments/d',
      {
        sku: { name: 'Nope' },
        properties: { model: { format: 'OpenAI', name: 'x' } },
      },
      400,
    ],
    [
      'PrivateEndpoints_Get',
      'GET',
      '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-chat-prod/providers/Microsoft.Network/privateEndpoints/missing',
      undefined,
      404,
    ],
    [
      'DiagnosticSettings_Get',
      'GET',
      '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-chat-prod/providers/Microsoft.CognitiveServices/accounts/aoai-chat-prod/providers/Microsoft.Insights/diagnosticSettings/missing',
      undefined,
      404,
    ],
    [
      'RoleAssignments_Get',
      'GET',
      '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-000000000000',
      undefined,
      404,
    ],
  ])(
    '%s error body validates against the spec error schema',
    async (operationId, method, path, body, status) => {
      const op = SERVED_SPECS.flatMap(spec => validator.operations(spec)).find(
        o => o.operationId === operationId,
      )!;
      const folder = op.file.split('/specification/')[1].split('/')[0];
      const apiVersion: string = {
        cognitiveservices: '2025-09-01',
        network: '2026-01-01',
        monitor: '2021-05-01-preview',
        authorization: '2022-04-01',
      }[folder]!;
      const res = await fetch(`${emu.url}${path}?api-version=${apiVersion}`, {
        method,
        headers: {
          Authorization: 'Bearer e',
          'Content-Type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBe(status);
      expect(validator.validate(op, res.status, await res.json())).toEqual([]);
    },
  );
});
