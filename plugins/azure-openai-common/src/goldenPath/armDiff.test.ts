import { armDifferences } from './armDiff';

describe('armDifferences', () => {
  it('ignores what ARM adds and reports what differs, by path', () => {
    const desired = {
      location: 'swedencentral',
      properties: { publicNetworkAccess: 'Disabled', disableLocalAuth: true },
    };
    const actual = {
      id: '/x',
      location: 'Sweden Central',
      properties: {
        publicNetworkAccess: 'Enabled',
        disableLocalAuth: true,
        provisioningState: 'Succeeded',
        endpoint: 'https://x.openai.azure.com/',
      },
    };
    expect(armDifferences(desired, actual)).toEqual([
      {
        field: 'properties.publicNetworkAccess',
        desired: 'Disabled',
        actual: 'Enabled',
      },
    ]);
  });

  it('compares lists as multisets and ARM ids without regard to case', () => {
    const desired = {
      scopes: ['/subscriptions/A/resourceGroups/RG'],
      filters: [
        { name: 'Hate', source: 'Prompt' },
        { name: 'Hate', source: 'Completion' },
      ],
    };
    const actual = {
      scopes: ['/subscriptions/a/resourcegroups/rg'],
      filters: [
        { name: 'Hate', source: 'Completion', blocking: true },
        { name: 'Hate', source: 'Prompt', blocking: true },
      ],
    };
    expect(armDifferences(desired, actual)).toEqual([]);
  });

  it('reports a missing list element, an extra one, and a missing object', () => {
    expect(armDifferences({ a: [1, 2] }, { a: [1] }).map(d => d.field)).toEqual(
      ['a'],
    );
    expect(armDifferences({ a: [1] }, { a: [1, 2] }).map(d => d.field)).toEqual(
      ['a'],
    );
    expect(armDifferences({ p: { q: 1 } }, {}).map(d => d.field)).toEqual([
      'p',
    ]);
  });

  it('does not treat a case change of a plain value as a match', () => {
    expect(
      armDifferences(
        { sku: { name: 'Standard' } },
        { sku: { name: 'standard' } },
      ),
    ).toHaveLength(1);
  });
});
