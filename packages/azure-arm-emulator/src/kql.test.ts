import { KqlError, parseKql, runKql } from './kql';

const rows = [
  {
    id: '/s/1/a',
    name: 'a',
    type: 'microsoft.cognitiveservices/accounts',
    kind: 'OpenAI',
    location: 'westeurope',
    tags: { 'backstage.io-owner': 'team-chat' },
    properties: { publicNetworkAccess: 'Disabled' },
  },
  {
    id: '/s/1/b',
    name: 'b',
    type: 'microsoft.cognitiveservices/accounts',
    kind: 'AIServices',
    location: 'eastus',
    tags: {},
    properties: { publicNetworkAccess: 'Enabled' },
  },
  {
    id: '/s/1/c',
    name: 'c',
    type: 'microsoft.network/privateendpoints',
    kind: '',
    location: 'eastus',
    tags: {},
    properties: {},
  },
];

const run = (q: string) => runKql(parseKql(q), rows);

describe('KQL subset', () => {
  it('filters with =~, in~, ==, != and and/or', () => {
    expect(
      run(
        "Resources | where type =~ 'Microsoft.CognitiveServices/accounts'",
      ).map(r => r.name),
    ).toEqual(['a', 'b']);
    expect(
      run("resources | where kind in~ ('openai', 'x')").map(r => r.name),
    ).toEqual(['a']);
    expect(
      run("Resources | where kind in('AIServices')").map(r => r.name),
    ).toEqual(['b']);
    expect(run("Resources | where name=='c'").map(r => r.name)).toEqual(['c']);
    expect(run("Resources | where kind == 'openai'")).toEqual([]);
    expect(
      run("Resources | where location != 'eastus' or name == 'c'").map(
        r => r.name,
      ),
    ).toEqual(['a', 'c']);
    expect(
      run(
        "Resources | where location == 'eastus' and kind !in ('AIServices')",
      ).map(r => r.name),
    ).toEqual(['c']);
  });

  it('reads nested properties and tags', () => {
    expect(
      run("Resources | where properties.publicNetworkAccess == 'Enabled'").map(
        r => r.name,
      ),
    ).toEqual(['b']);
    expect(
      run("Resources | where tags['backstage.io-owner'] == 'team-chat'").map(
        r => r.name,
      ),
    ).toEqual(['a']);
    expect(
      run(
        "Resources | where name startswith 'a' | project name, properties.publicNetworkAccess",
      ),
    ).toEqual([{ name: 'a', properties_publicNetworkAccess: 'Disabled' }]);
  });

  it('orders, limits and counts', () => {
    expect(
      run('Resources | order by name desc | take 2').map(r => r.name),
    ).toEqual(['c', 'b']);
    expect(
      run('Resources | sort by name asc | limit 1').map(r => r.name),
    ).toEqual(['a']);
    expect(run("Resources | where type contains 'cognitive' | count")).toEqual([
      { Count: 2 },
    ]);
  });

  it.each([
    ['ResourceContainers | limit 1', /Resources/],
    ['Resources | summarize count() by location', /summarize/],
    ['Resources | extend x = 1', /extend/],
    ["Resources | where (kind == 'a')", /Parentheses/],
    ["Resources | where kind matches regex 'a'", /Unsupported where/],
    ['Resources | project x = name', /Computed/],
    ["Resources | where name == 'open", /Unterminated/],
    ['Resources | take many', /integer/],
  ])('rejects %s', (q, message) => {
    expect(() => parseKql(q)).toThrow(KqlError);
    expect(() => parseKql(q)).toThrow(message);
  });
});
