import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resourceTypeOf } from '../ids';
import { demoPreset } from './demo';

/** The Resource entities of examples/accounts.yaml, read without a YAML library. */
function exampleAccounts() {
  const text = readFileSync(
    resolve(__dirname, '../../../../examples/accounts.yaml'),
    'utf8',
  );
  return text
    .split(/^---$/m)
    .filter(doc => /kind:\s*Resource/.test(doc))
    .map(doc => ({
      id: /management\.azure\.com\/resourceId:\s*(\S+)/.exec(doc)![1],
      owner: /owner:\s*group:default\/(\S+)/.exec(doc)![1],
      system: /system:\s*system:default\/(\S+)/.exec(doc)![1],
    }));
}

describe('demo preset', () => {
  const snapshot = demoPreset();
  const accounts = snapshot.resources.filter(
    r => resourceTypeOf(r.id) === 'Microsoft.CognitiveServices/accounts',
  );
  const children = (id: string, type: string) =>
    snapshot.resources.filter(
      r =>
        r.id.toLowerCase().startsWith(`${id.toLowerCase()}/`) &&
        resourceTypeOf(r.id) === type,
    );
  const get = (name: string) => accounts.find(a => a.name === name)!;

  it('serves exactly the accounts of examples/accounts.yaml, tagged with their owner and system', () => {
    const examples = exampleAccounts();
    expect(examples).toHaveLength(4);
    expect(accounts.map(a => a.id).sort()).toEqual(
      examples.map(e => e.id).sort(),
    );
    for (const e of examples) {
      const a = accounts.find(x => x.id === e.id)!;
      expect(a.tags).toEqual({
        'backstage.io-owner': e.owner,
        'backstage.io-system': e.system,
      });
    }
  });

  it('makes aoai-chat-prod hardened', () => {
    const a = get('aoai-chat-prod');
    expect(a.location).toBe('swedencentral');
    expect(a.properties).toMatchObject({
      publicNetworkAccess: 'Disabled',
      disableLocalAuth: true,
      customSubDomainName: 'aoai-chat-prod',
    });
    expect(a.identity.type).toBe('SystemAssigned');
    expect(a.properties.privateEndpointConnections).toHaveLength(1);
    const pe = snapshot.resources.find(
      r =>
        r.id ===
        a.properties.privateEndpointConnections[0].properties.privateEndpoint
          .id,
    )!;
    expect(
      snapshot.resources.filter(r =>
        r.id.startsWith(`${pe.id}/privateDnsZoneGroups/`),
      ),
    ).toHaveLength(1);
    const policies = children(
      a.id,
      'Microsoft.CognitiveServices/accounts/raiPolicies',
    );
    for (const d of children(
      a.id,
      'Microsoft.CognitiveServices/accounts/deployments',
    )) {
      expect(policies.map(p => p.name)).toContain(d.properties.raiPolicyName);
    }
    expect(
      children(a.id, 'Microsoft.Insights/diagnosticSettings')[0].properties
        .logs,
    ).toContainEqual({ categoryGroup: 'allLogs', enabled: true });
    expect(children(a.id, 'Microsoft.Authorization/locks')).toHaveLength(1);
  });

  it('makes aoai-chat-dev partial: keys off and custom subdomain, but an IP allowlist and no diagnostics', () => {
    const a = get('aoai-chat-dev');
    expect(a.properties).toMatchObject({
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: true,
      customSubDomainName: 'aoai-chat-dev',
    });
    expect(a.properties.networkAcls.defaultAction).toBe('Deny');
    expect(a.properties.networkAcls.ipRules.length).toBeGreaterThan(0);
    expect(children(a.id, 'Microsoft.Insights/diagnosticSettings')).toEqual([]);
  });

  it('makes aoai-search-prod mostly hardened: one weakened filter, a private endpoint without DNS zone group', () => {
    const a = get('aoai-search-prod');
    expect(a.properties).toMatchObject({
      publicNetworkAccess: 'Disabled',
      disableLocalAuth: true,
    });
    const policies = children(
      a.id,
      'Microsoft.CognitiveServices/accounts/raiPolicies',
    );
    const weakened = policies.filter(p =>
      p.properties.contentFilters.some(
        (f: any) => !f.enabled || f.severityThreshold === 'High',
      ),
    );
    expect(weakened).toHaveLength(1);
    const users = children(
      a.id,
      'Microsoft.CognitiveServices/accounts/deployments',
    ).filter(d => d.properties.raiPolicyName === weakened[0].name);
    expect(users).toHaveLength(1);
    const peId =
      a.properties.privateEndpointConnections[0].properties.privateEndpoint.id;
    expect(
      snapshot.resources.filter(r =>
        r.id.startsWith(`${peId}/privateDnsZoneGroups/`),
      ),
    ).toEqual([]);
  });

  it('makes aoai-search-legacy insecure: public, keys on, default filters, no logging, an Owner user', () => {
    const a = get('aoai-search-legacy');
    expect(a.properties).toMatchObject({
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
    });
    expect(a.properties.networkAcls.defaultAction).toBe('Allow');
    expect(
      children(a.id, 'Microsoft.CognitiveServices/accounts/raiPolicies'),
    ).toEqual([]);
    expect(
      children(a.id, 'Microsoft.CognitiveServices/accounts/deployments').every(
        d => d.properties.raiPolicyName.startsWith('Microsoft.'),
      ),
    ).toBe(true);
    expect(children(a.id, 'Microsoft.Insights/diagnosticSettings')).toEqual([]);
    const owner = children(
      a.id,
      'Microsoft.Authorization/roleAssignments',
    ).find(r =>
      r.properties.roleDefinitionId.endsWith(
        '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      ),
    )!;
    expect(owner.properties.principalType).toBe('User');
  });
});
