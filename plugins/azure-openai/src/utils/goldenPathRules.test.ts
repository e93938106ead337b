import {
  goldenPathOptions,
  unrestrictedGoldenPathOptions,
} from '../testUtils/fixtures';
import {
  allowedValues,
  capacityCap,
  defaultDeploymentName,
  deploymentProblems,
  describeContentFilterProfile,
  policyChoiceProblem,
  type DeploymentRow,
} from './goldenPathRules';

const valid: DeploymentRow = {
  name: 'chat',
  model: 'gpt-4o',
  version: '2024-11-20',
  sku: 'Standard',
  capacity: 50,
};

const messages = (
  rows: DeploymentRow[] | undefined,
  options = goldenPathOptions,
) => deploymentProblems(rows, options).map(p => p.message);

describe('policy choices', () => {
  it('lists the allowed values of each choice', () => {
    expect(allowedValues(goldenPathOptions, 'region')).toEqual([
      'swedencentral',
      'westeurope',
    ]);
    expect(allowedValues(goldenPathOptions, 'subscription')).toHaveLength(2);
    expect(allowedValues(goldenPathOptions, 'contentFilterProfile')).toEqual([
      'default',
      'strict',
    ]);
  });

  it('refuses a value the policy does not allow and names the allowed values', () => {
    expect(policyChoiceProblem('eastus', goldenPathOptions, 'region')).toBe(
      'The region "eastus" is not allowed by the golden-path policy. Allowed: swedencentral, westeurope.',
    );
    expect(
      policyChoiceProblem('lenient', goldenPathOptions, 'contentFilterProfile'),
    ).toBe(
      'The content filter profile "lenient" is not allowed by the golden-path policy. Allowed: default, strict.',
    );
  });

  it('accepts allowed values (regions and subscriptions in any case), empty values and anything when unrestricted', () => {
    expect(
      policyChoiceProblem('SwedenCentral', goldenPathOptions, 'region'),
    ).toBeUndefined();
    expect(
      policyChoiceProblem(
        '00000000-0000-0000-0000-000000000001',
        goldenPathOptions,
        'subscription',
      ),
    ).toBeUndefined();
    expect(
      policyChoiceProblem('Strict', goldenPathOptions, 'contentFilterProfile'),
    ).toMatch(/not allowed/);
    expect(
      policyChoiceProblem(undefined, goldenPathOptions, 'region'),
    ).toBeUndefined();
    expect(
      policyChoiceProblem('eastus', unrestrictedGoldenPathOptions, 'region'),
    ).toBeUndefined();
  });

  it('describes what a content filter profile blocks', () => {
    const [lenient, strict] = goldenPathOptions.contentFilterProfiles;
    expect(describeContentFilterProfile(lenient)).toBe(
      'Threshold Medium: blocks harmful content of medium severity and above',
    );
    expect(describeContentFilterProfile(strict)).toBe(
      'Threshold Low: blocks harmful content of low severity and above, protected code and profanity',
    );
  });
});

describe('deployment names', () => {
  it('derives a valid name from the model', () => {
    expect(defaultDeploymentName('gpt-4.1')).toBe('gpt-4-1');
    expect(defaultDeploymentName('GPT 4o (mini)')).toBe('gpt-4o-mini');
    expect(defaultDeploymentName('o')).toBe('o-deployment');
    expect(defaultDeploymentName('...')).toBe('deployment');
    expect(defaultDeploymentName('x'.repeat(100))).toHaveLength(60);
  });

  it('avoids names already taken', () => {
    expect(defaultDeploymentName('gpt-4.1', ['GPT-4-1'])).toBe('gpt-4-1-2');
    expect(defaultDeploymentName('gpt-4.1', ['gpt-4-1', 'gpt-4-1-2'])).toBe(
      'gpt-4-1-3',
    );
  });
});

describe('deploymentProblems', () => {
  it('accepts deployments within the policy', () => {
    expect(
      messages([
        valid,
        {
          ...valid,
          name: 'embeddings',
          model: 'Text-Embedding-3-Large',
          version: 'any',
          sku: 'datazonestandard',
          capacity: 100,
        },
      ]),
    ).toEqual([]);
  });

  it('asks for at least one deployment', () => {
    expect(messages([])).toEqual(['Add at least one model deployment.']);
    expect(messages(undefined)).toEqual(['Add at least one model deployment.']);
  });

  it('names the row and the field of every missing value', () => {
    expect(messages([valid, {}])).toEqual([
      'Deployment 2: name is missing.',
      'Deployment 2: model is missing.',
      'Deployment 2: version is missing.',
      'Deployment 2: SKU is missing.',
      'Deployment 2: capacity is missing.',
    ]);
  });

  it('refuses invalid and duplicate names', () => {
    expect(
      messages([valid, { ...valid, name: 'Chat' }, { ...valid, name: 'a b' }]),
    ).toEqual([
      'Deployment 2 ("Chat"): name "Chat" is already used by deployment 1.',
      'Deployment 3 ("a b"): name "a b" is not valid (2–64 letters, digits, "-", "_" or ".").',
    ]);
  });

  it('refuses models, versions and SKUs the policy does not allow', () => {
    expect(
      messages([
        { ...valid, model: 'gpt-35-turbo' },
        { ...valid, name: 'bb', version: '2024-05-13' },
        { ...valid, name: 'cc', sku: 'GlobalStandard' },
      ]),
    ).toEqual([
      'Deployment 1 ("chat"): model "gpt-35-turbo" is not approved. Allowed: gpt-4.1, gpt-4o, text-embedding-3-large.',
      'Deployment 2 ("bb"): version "2024-05-13" of gpt-4o is not approved. Allowed: 2024-08-06, 2024-11-20.',
      'Deployment 3 ("cc"): SKU "GlobalStandard" is not allowed. Allowed: Standard, DataZoneStandard.',
    ]);
  });

  it("refuses capacity above the SKU's cap and below 1", () => {
    expect(
      messages([
        { ...valid, capacity: 51 },
        { ...valid, name: 'bb', capacity: 0 },
        { ...valid, name: 'cc', capacity: 1.5 },
      ]),
    ).toEqual([
      'Deployment 1 ("chat"): capacity 51 exceeds the cap of 50 for SKU Standard.',
      'Deployment 2 ("bb"): capacity 0 is not a whole number ≥ 1.',
      'Deployment 3 ("cc"): capacity 1.5 is not a whole number ≥ 1.',
    ]);
  });

  it('accepts any model, version, SKU and capacity when the policy does not restrict them', () => {
    expect(
      messages(
        [{ name: 'x1', model: 'm', version: 'v', sku: 's', capacity: 10_000 }],
        unrestrictedGoldenPathOptions,
      ),
    ).toEqual([]);
  });

  it('marks missing values apart from refused ones', () => {
    const kinds = deploymentProblems(
      [{ ...valid, name: '', capacity: 500 }],
      goldenPathOptions,
    ).map(p => [p.field, p.kind, p.detail]);
    expect(kinds).toEqual([
      ['name', 'missing', 'name is missing.'],
      [
        'capacity',
        'refused',
        'capacity 500 exceeds the cap of 50 for SKU Standard.',
      ],
    ]);
  });

  it('reads caps case-insensitively', () => {
    expect(capacityCap(goldenPathOptions, 'standard')).toBe(50);
    expect(capacityCap(goldenPathOptions, 'GlobalStandard')).toBeUndefined();
  });
});
