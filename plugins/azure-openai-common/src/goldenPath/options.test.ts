import { goldenPathOptions, skuAllowedByResidency } from './options';

const SKUS = [
  'Standard',
  'DataZoneStandard',
  'GlobalStandard',
  'DeveloperTier',
  'ProvisionedManaged',
];

describe('skuAllowedByResidency', () => {
  it.each([
    ['none', SKUS],
    ['data-zone', ['Standard', 'DataZoneStandard', 'ProvisionedManaged']],
    ['regional', ['Standard', 'ProvisionedManaged']],
  ] as const)('with %s allows %j', (residency, allowed) => {
    expect(SKUS.filter(s => skuAllowedByResidency(s, residency))).toEqual(
      allowed,
    );
  });
});

describe('goldenPathOptions', () => {
  it('gives unrestricted lists and the default profiles for an empty policy', () => {
    expect(goldenPathOptions({}, 'v1')).toEqual({
      subscriptions: [],
      regions: [],
      models: [],
      deploymentSkus: [],
      capacityCaps: {},
      dataResidency: 'none',
      allowedDataZones: [],
      contentFilterProfiles: [
        {
          name: 'standard',
          severityThreshold: 'Medium',
          blockProtectedMaterialCode: false,
          blockProfanity: false,
        },
        {
          name: 'strict',
          severityThreshold: 'Low',
          blockProtectedMaterialCode: true,
          blockProfanity: true,
        },
      ],
      requiresCustomerManagedKey: true,
      policyVersion: 'v1',
    });
  });

  it('filters SKUs by the data-residency rule and sorts models', () => {
    const options = goldenPathOptions(
      {
        allowedDeploymentSkus: SKUS,
        dataResidency: 'data-zone',
        allowedDataZones: ['EU'],
        approvedModels: [
          { name: 'text-embedding-3-large', versions: ['1'] },
          { name: 'gpt-4.1' },
        ],
        requireCustomerManagedKeys: false,
      },
      'v2',
    );
    expect(options.deploymentSkus).toEqual([
      'Standard',
      'DataZoneStandard',
      'ProvisionedManaged',
    ]);
    expect(options.models).toEqual([
      { name: 'gpt-4.1', versions: [] },
      { name: 'text-embedding-3-large', versions: ['1'] },
    ]);
    expect(options.requiresCustomerManagedKey).toBe(false);
    expect(options.allowedDataZones).toEqual(['EU']);
  });
});
