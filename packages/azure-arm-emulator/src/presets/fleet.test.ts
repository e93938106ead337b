import { resourceTypeOf } from '../ids';
import { generateFleet } from './fleet';
import { ROLES } from './builders';
import { SpecValidator } from '../__testUtils__/specValidator';

describe('generateFleet', () => {
  const fleet = generateFleet({ accounts: 300, subscriptions: 4, seed: 11 });
  const byType = (t: string) =>
    fleet.resources.filter(
      r => resourceTypeOf(r.id).toLowerCase() === t.toLowerCase(),
    );
  const accounts = byType('Microsoft.CognitiveServices/accounts');

  it('is deterministic for a seed', () => {
    const again = generateFleet({ accounts: 300, subscriptions: 4, seed: 11 });
    const strip = (rs: typeof fleet.resources) =>
      JSON.stringify(rs.map(r => ({ ...r, etag: undefined })));
    expect(strip(again.resources)).toBe(strip(fleet.resources));
  });

  it('spreads accounts over the subscriptions', () => {
    const subs = new Set(accounts.map(a => a.id.split('/')[2]));
    expect(accounts).toHaveLength(300);
    expect(subs.size).toBe(4);
  });

  it('mixes postures: hardened, partial and insecure accounts', () => {
    const hardened = accounts.filter(
      a =>
        a.properties.publicNetworkAccess === 'Disabled' &&
        a.properties.disableLocalAuth &&
        a.identity &&
        a.properties.restrictOutboundNetworkAccess,
    );
    const insecure = accounts.filter(
      a =>
        a.properties.publicNetworkAccess === 'Enabled' &&
        !a.properties.disableLocalAuth,
    );
    const allowlisted = accounts.filter(
      a => a.properties.networkAcls.ipRules.length > 0,
    );
    expect(hardened.length).toBeGreaterThan(50);
    expect(insecure.length).toBeGreaterThan(30);
    expect(allowlisted.length).toBeGreaterThan(10);
  });

  it('gives every account 1-4 deployments of current models on all four SKU families', () => {
    const deployments = byType(
      'Microsoft.CognitiveServices/accounts/deployments',
    );
    for (const a of accounts) {
      const n = deployments.filter(d => d.id.startsWith(`${a.id}/`)).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
    }
    expect(new Set(deployments.map(d => d.sku.name))).toEqual(
      new Set([
        'Standard',
        'GlobalStandard',
        'DataZoneStandard',
        'ProvisionedManaged',
      ]),
    );
  });

  it('includes strict, weakened and asynchronous RAI policies and default-only accounts', () => {
    const policies = byType('Microsoft.CognitiveServices/accounts/raiPolicies');
    expect(new Set(policies.map(p => p.properties.mode))).toEqual(
      new Set(['Default', 'Asynchronous_filter']),
    );
    expect(
      policies.some(p =>
        p.properties.contentFilters.some(
          (f: any) => f.name === 'Jailbreak' && !f.enabled,
        ),
      ),
    ).toBe(true);
    const withPolicy = new Set(
      policies.map(p => p.id.split('/raiPolicies/')[0]),
    );
    expect(accounts.some(a => !withPolicy.has(a.id))).toBe(true);
  });

  it('has private endpoints with and without DNS zone groups, diagnostics none/partial/full, and over-broad roles', () => {
    const pes = byType('Microsoft.Network/privateEndpoints');
    const groups = byType(
      'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    );
    expect(pes.length).toBeGreaterThan(groups.length);
    expect(groups.length).toBeGreaterThan(0);
    for (const pe of pes) {
      const target =
        pe.properties.privateLinkServiceConnections[0].properties
          .privateLinkServiceId;
      const account = accounts.find(a => a.id === target)!;
      expect(
        account.properties.privateEndpointConnections.map(
          (c: any) => c.properties.privateEndpoint.id,
        ),
      ).toContain(pe.id);
    }
    const diags = byType('Microsoft.Insights/diagnosticSettings');
    const full = diags.filter(d =>
      d.properties.logs.some((l: any) => l.categoryGroup === 'allLogs'),
    );
    expect(full.length).toBeGreaterThan(0);
    expect(diags.length).toBeGreaterThan(full.length);
    expect(diags.length).toBeLessThan(accounts.length);
    const owners = byType('Microsoft.Authorization/roleAssignments').filter(r =>
      r.properties.roleDefinitionId.endsWith(ROLES.owner),
    );
    expect(owners.length).toBeGreaterThan(0);
  });

  it('tags most accounts with owner and system', () => {
    const tagged = accounts.filter(
      a => a.tags?.['backstage.io-owner'] && a.tags?.['backstage.io-system'],
    );
    expect(tagged.length).toBeGreaterThan(accounts.length * 0.8);
    expect(tagged.length).toBeLessThan(accounts.length);
  });

  it('rejects nonsense sizes', () => {
    expect(() => generateFleet({ accounts: -1 })).toThrow(/accounts/);
    expect(() => generateFleet({ subscriptions: 0 })).toThrow(/subscriptions/);
  });
});

describe('fleet network security perimeters', () => {
  it('associates some hardened accounts with a perimeter, in the spec shape', () => {
    const validator = new SpecValidator();
    const op = validator
      .operations(
        'cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-09-01/cognitiveservices.json',
      )
      .find(
        o => o.operationId === 'NetworkSecurityPerimeterConfigurations_Get',
      )!;
    const nsps = generateFleet({ accounts: 100, seed: 2 }).resources.filter(
      r =>
        r.type ===
        'Microsoft.CognitiveServices/accounts/networkSecurityPerimeterConfigurations',
    );
    expect(nsps.length).toBeGreaterThan(0);
    for (const nsp of nsps) {
      expect(validator.validate(op, 200, nsp)).toEqual([]);
    }
  });
});
