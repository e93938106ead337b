import type { ControlDefinition } from '../../types';
import {
  accountKind,
  get,
  isApprovedConnection,
  isObject,
  lower,
  outcome,
  privateEndpointConnections,
  prop,
  readAccount,
  readList,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement proper DNS configuration';

const ZONES_BY_KIND: Record<string, string[]> = {
  openai: ['privatelink.openai.azure.com'],
  aiservices: [
    'privatelink.cognitiveservices.azure.com',
    'privatelink.openai.azure.com',
    'privatelink.services.ai.azure.com',
  ],
};

function zoneNameFromId(id: string): string {
  const parts = id.split('/');
  return parts[parts.length - 1].toLowerCase();
}

/**
 * AOAI-NET-005: the private endpoints' DNS zone groups cover every required private DNS zone.
 *
 * @public
 */
export const privateDnsZones: ControlDefinition = {
  id: 'AOAI-NET-005',
  area: 'network',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Private DNS zone groups cover the required zones',
  severity: 'high',
  kind: 'automated',
  reads: [
    'account.account',
    'account.privateEndpointDnsZoneGroups',
    'account.privateLinkResources',
  ],
  rationale:
    'Without a private DNS zone linked to the private endpoint, clients resolve the public address and either fail or bypass the private path. A zone group keeps the A records in step with the endpoint.',
  passCondition:
    'For accounts with an approved private endpoint: the DNS zone groups of the private endpoints reference every required zone (requiredZoneNames from privateLinkResources when collected, otherwise privatelink.openai.azure.com for kind OpenAI and the three AI Services zones for kind AIServices), and customSubDomainName is set. Not applicable without an approved private endpoint.',
  remediation: {
    portal: [
      'Open the private endpoint of the account and select DNS configuration.',
      'Add a configuration for each required private DNS zone (e.g. privatelink.openai.azure.com) and link the zone to the virtual network.',
    ],
    cli: [
      'az network private-endpoint dns-zone-group create -g <pe-rg> --endpoint-name <pe> -n default \\',
      '  --private-dns-zone <zone-id-privatelink.openai.azure.com> --zone-name openai',
    ].join('\n'),
    bicep: [
      "resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {",
      "  name: '${pe.name}/default'",
      '  properties: {',
      "    privateDnsZoneConfigs: [ { name: 'openai', properties: { privateDnsZoneId: openaiZone.id } } ]",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Private Endpoint private DNS zone values',
      'azure/private-link/private-endpoint-dns',
    ),
  ],
  mappings: {
    azurePolicy: ['c4bc6f10-cb41-49eb-b000-d5ab82e2a091'],
  },
  evaluate(input) {
    const account = readAccount(input);
    if (!account.ok) return account.outcome;
    const approved = privateEndpointConnections(account.value).filter(
      isApprovedConnection,
    );
    if (approved.length === 0) {
      return outcome(
        'not-applicable',
        'The account has no approved private endpoint, so private DNS does not apply.',
        [
          {
            path: 'account:properties.privateEndpointConnections',
            observed: 0,
            expected: 'an approved connection',
          },
        ],
      );
    }
    const groups = readList(
      input.account.privateEndpointDnsZoneGroups,
      'the private endpoint DNS zone groups',
      'privateEndpointDnsZoneGroups',
    );
    if (!groups.ok) return groups.outcome;
    let required: string[] | undefined;
    const plr = input.account.privateLinkResources;
    if (plr.state === 'present') {
      const items = readList(
        plr,
        'private link resources',
        'privateLinkResources',
      );
      if (items.ok) {
        const names = items.value.flatMap(item => {
          const zones = prop(item, 'requiredZoneNames');
          return Array.isArray(zones)
            ? zones.map(z => lower(z)).filter((z): z is string => !!z)
            : [];
        });
        if (names.length > 0) required = [...new Set(names)];
      }
    }
    if (required === undefined) {
      required = ZONES_BY_KIND[accountKind(account.value)];
      if (required === undefined) {
        return outcome(
          'unknown',
          `Could not evaluate: the account kind "${String(
            account.value.kind,
          )}" has no known private DNS zones and privateLinkResources was not collected.`,
          [{ path: 'account:kind', observed: account.value.kind }],
        );
      }
    }
    const configured = new Set<string>();
    for (const group of groups.value) {
      const configs = prop(group, 'privateDnsZoneConfigs');
      if (!Array.isArray(configs)) continue;
      for (const c of configs) {
        const id = isObject(c) ? str(prop(c, 'privateDnsZoneId')) : undefined;
        if (id) configured.add(zoneNameFromId(id));
      }
    }
    const missing = required.filter(z => !configured.has(z));
    const subdomain = str(get(account.value, 'properties.customSubDomainName'));
    const evidence = [
      {
        path: 'privateEndpointDnsZoneGroups[*].properties.privateDnsZoneConfigs[*].properties.privateDnsZoneId',
        observed: [...configured].sort(),
        expected: required,
      },
      {
        path: 'account:properties.customSubDomainName',
        observed: subdomain,
        expected: 'a custom subdomain',
      },
    ];
    const problems: string[] = [];
    if (missing.length > 0)
      problems.push(
        `private DNS zones missing from the zone groups: ${missing.join(', ')}`,
      );
    if (!subdomain)
      problems.push(
        'customSubDomainName is not set, so private DNS cannot resolve the account',
      );
    return verdict({
      problems,
      evidence,
      passMessage: `Private DNS zone groups cover ${required.join(', ')}.`,
    });
  },
};
