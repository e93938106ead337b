import { validateProvisionInputs } from './validate';
import { testPolicy, validInputs, SUB } from '../__fixtures__/goldenPath';
import type { ProvisionInputs } from './types';
import type { GoldenPathPolicy } from '../types';

const [chat, embeddings] = validInputs().deployments;

function only(inputs: ProvisionInputs, policy: GoldenPathPolicy = testPolicy) {
  const problems = validateProvisionInputs(inputs, policy);
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('validateProvisionInputs', () => {
  it('accepts valid inputs', () => {
    expect(validateProvisionInputs(validInputs(), testPolicy)).toEqual([]);
  });

  it.each([
    ['a'],
    ['-starts-with-hyphen'],
    ['ends-with-hyphen-'],
    ['has_underscore'],
    ['has space'],
    ['x'.repeat(65)],
  ])('refuses the account name %j', accountName => {
    const p = only(validInputs({ accountName }));
    expect(p.field).toBe('accountName');
    expect(p.message).toContain("does not follow Azure's naming rule");
    expect(p.message).toContain('2–64 characters');
  });

  it('accepts 2- and 64-character account names', () => {
    for (const accountName of ['ab', 'a'.repeat(64)]) {
      expect(
        validateProvisionInputs(validInputs({ accountName }), testPolicy),
      ).toEqual([]);
    }
  });

  it('refuses an invalid custom subdomain', () => {
    const p = only(validInputs({ customSubDomainName: 'bad.subdomain' }));
    expect(p.field).toBe('customSubDomainName');
  });

  it('refuses a subscription name instead of an id', () => {
    expect(only(validInputs({ subscriptionId: 'Production' })).field).toBe(
      'subscriptionId',
    );
  });

  it('refuses an invalid resource group name', () => {
    expect(only(validInputs({ resourceGroup: 'rg.' })).field).toBe(
      'resourceGroup',
    );
  });

  it('refuses a region outside the allowed regions and lists them', () => {
    const p = only(
      validInputs({
        region: 'brazilsouth',
        deployments: [{ ...chat, sku: 'Standard', capacity: 10 }],
      }),
    );
    expect(p).toEqual({
      field: 'region',
      message: 'Region "brazilsouth" is not allowed by the golden-path policy.',
      allowed: ['westeurope', 'swedencentral', 'eastus2'],
      fix: 'Choose one of the allowed regions.',
    });
  });

  it('refuses an unapproved model and version', () => {
    const model = only(
      validInputs({ deployments: [{ ...chat, model: 'gpt-35-turbo' }] }),
    );
    expect(model.field).toBe('deployments[0].model');
    expect(model.message).toContain('"gpt-35-turbo" is not approved');
    expect(model.allowed).toEqual(['gpt-4o', 'text-embedding-3-large']);

    const version = only(
      validInputs({ deployments: [chat, { ...embeddings, version: '2' }] }),
    );
    expect(version.field).toBe('deployments[1].version');
    expect(version.allowed).toEqual(['1']);
  });

  it('refuses a deployment without a pinned version', () => {
    const p = only(validInputs({ deployments: [{ ...chat, version: '' }] }));
    expect(p.field).toBe('deployments[0].version');
    expect(p.message).toContain('pins every deployment');
  });

  it('refuses a SKU not on the allowed list', () => {
    const p = only(
      validInputs({ deployments: [{ ...chat, sku: 'ProvisionedManaged' }] }),
    );
    expect(p.field).toBe('deployments[0].sku');
    expect(p.message).toContain('"ProvisionedManaged" is not allowed');
    expect(p.allowed).toEqual(testPolicy.allowedDeploymentSkus);
  });

  it('applies the data-zone residency rule to Global SKUs', () => {
    const p = only(
      validInputs({ deployments: [{ ...chat, sku: 'GlobalStandard' }] }),
    );
    expect(p.field).toBe('deployments[0].sku');
    expect(p.message).toContain('no data-zone guarantee');
    expect(p.allowed).toEqual(['Standard', 'DataZoneStandard']);
  });

  it('applies the data-zone residency rule to DataZone SKUs outside the allowed zones', () => {
    const p = only(validInputs({ region: 'eastus2' }));
    expect(p.field).toBe('deployments[0].sku');
    expect(p.message).toContain('zone US');
    expect(p.allowed).toEqual(['EU']);
  });

  it('applies the regional residency rule', () => {
    const p = only(validInputs(), { ...testPolicy, dataResidency: 'regional' });
    expect(p.field).toBe('deployments[0].sku');
    expect(p.message).toContain('"regional"');
  });

  it.each([
    [201, 'above the DataZoneStandard cap of 200'],
    [0, 'not a positive whole number'],
    [1.5, 'not a positive whole number'],
  ])('refuses capacity %p', (capacity, message) => {
    const p = only(validInputs({ deployments: [{ ...chat, capacity }] }));
    expect(p.field).toBe('deployments[0].capacity');
    expect(p.message).toContain(message);
  });

  it('refuses duplicate and invalid deployment names', () => {
    const problems = validateProvisionInputs(
      validInputs({
        deployments: [chat, { ...chat }, { ...chat, name: 'c' }],
      }),
      testPolicy,
    );
    expect(problems.map(p => [p.field, p.message])).toEqual([
      ['deployments[1].name', 'Deployment name "chat" is used twice.'],
      [
        'deployments[2].name',
        'Deployment name "c" is not valid (2–64 letters, digits, "_", "." or "-").',
      ],
    ]);
  });

  it('refuses no deployments', () => {
    expect(only(validInputs({ deployments: [] })).field).toBe('deployments');
  });

  it('refuses an unknown content filter profile and lists the profiles', () => {
    const p = only(validInputs({ contentFilterProfile: 'relaxed' }));
    expect(p).toMatchObject({
      field: 'contentFilterProfile',
      message:
        'Content filter profile "relaxed" is not defined by the golden-path policy.',
      allowed: ['strict', 'standard'],
    });
  });

  it('refuses a missing key when the policy requires CMK', () => {
    const p = only(validInputs({ customerManagedKey: undefined }));
    expect(p.field).toBe('customerManagedKey');
    expect(p.message).toContain('requires a customer-managed key');
    expect(
      validateProvisionInputs(validInputs({ customerManagedKey: undefined }), {
        ...testPolicy,
        requireCustomerManagedKeys: false,
      }),
    ).toEqual([]);
  });

  it('refuses malformed key settings', () => {
    const problems = validateProvisionInputs(
      validInputs({
        customerManagedKey: {
          keyVaultUri: 'http://example.com',
          keyName: 'bad key',
          keyVersion: 'v1',
          identity: { resourceId: 'id', clientId: 'client' },
        },
      }),
      testPolicy,
    );
    expect(problems.map(p => p.field)).toEqual([
      'customerManagedKey.keyVaultUri',
      'customerManagedKey.keyName',
      'customerManagedKey.keyVersion',
      'customerManagedKey.identity',
    ]);
  });

  it('refuses consumer ids that are not GUIDs', () => {
    const p = only(
      validInputs({ consumerPrincipalIds: ['my-app@contoso.com'] }),
    );
    expect(p.field).toBe('consumerPrincipalIds[0]');
  });

  it('refuses when a required tag would be missing', () => {
    const p = only(validInputs(), {
      ...testPolicy,
      requiredTags: ['cost-center', 'data-owner'],
    });
    expect(p.field).toBe('tags');
    expect(p.message).toBe('Required tags are missing: data-owner.');
  });

  it('refuses invalid tag names', () => {
    expect(only(validInputs({ tags: { 'a/b': 'x' } })).field).toBe('tags.a/b');
  });

  it('requires owner and system', () => {
    const problems = validateProvisionInputs(
      validInputs({ owner: '', system: ' ' }),
      testPolicy,
    );
    expect(problems.map(p => [p.field, p.message])).toEqual([
      ['owner', 'owner is required.'],
      ['system', 'system is required.'],
    ]);
  });

  it('reports gaps in the platform configuration as policy fields', () => {
    const problems = validateProvisionInputs(validInputs(), {
      ...testPolicy,
      logAnalyticsWorkspaceId: undefined,
      privateEndpointSubnetId: '',
      privateDnsZoneIds: [
        `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`,
      ],
    });
    expect(problems.map(p => p.field)).toEqual([
      'policy.logAnalyticsWorkspaceId',
      'policy.privateEndpointSubnetId',
      'policy.privateDnsZoneIds',
    ]);
  });

  it('gives every problem a fix', () => {
    const problems = validateProvisionInputs({} as ProvisionInputs, {});
    expect(problems.length).toBeGreaterThan(5);
    for (const p of problems) {
      expect(p.field).not.toBe('');
      expect(p.fix).not.toBe('');
    }
  });
});

describe('validateProvisionInputs: allowed subscriptions', () => {
  it('refuses a subscription outside allowedSubscriptionIds and lists the allowed ones', () => {
    const policy = {
      ...testPolicy,
      allowedSubscriptionIds: ['aaaaaaaa-1111-2222-3333-444444444444'],
    };
    const problems = validateProvisionInputs(validInputs(), policy);
    const p = problems.find(x => x.field === 'subscriptionId');
    expect(p?.allowed).toEqual(['aaaaaaaa-1111-2222-3333-444444444444']);
    expect(p?.fix).toContain('azureOpenAI.goldenPath.allowedSubscriptionIds');
  });

  it('accepts an allowed subscription whatever its case', () => {
    const policy = {
      ...testPolicy,
      allowedSubscriptionIds: [SUB.toUpperCase()],
    };
    const problems = validateProvisionInputs(validInputs(), policy);
    expect(problems.filter(x => x.field === 'subscriptionId')).toEqual([]);
  });
});
