import type { ControlDefinition } from '../../types';
import {
  accountRead,
  get,
  isApprovedConnection,
  isObject,
  lower,
  privateEndpointConnections,
  readAccount,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure virtual network integration';

/** Smallest IPv4 prefix length accepted in an IP rule. */
const MIN_PREFIX_LENGTH = 9;

function prefixLength(rule: string): number {
  const [address, length] = rule.split('/');
  if (length === undefined) return address.includes(':') ? 128 : 32;
  const n = Number(length);
  return Number.isInteger(n) ? n : 0;
}

/**
 * AOAI-NET-004: network ACLs deny by default, traffic comes from virtual networks, and no IP rule
 * is broader than /9.
 *
 * @public
 */
export const virtualNetworkIntegration: ControlDefinition = {
  id: 'AOAI-NET-004',
  area: 'network',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Network ACLs deny by default and admit only virtual networks',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'Default-deny network rules limit the account to the subnets and private endpoints you chose. A broad IP rule (for example 0.0.0.0/0) silently reopens the endpoint to the internet.',
  passCondition: `properties.networkAcls.defaultAction is "Deny", there is at least one virtual network rule or approved private endpoint, and no ipRules entry is wider than /${MIN_PREFIX_LENGTH}.`,
  remediation: {
    portal: [
      'Open the resource and select Networking > Firewalls and virtual networks.',
      'Choose "Selected networks and private endpoints", add the workload subnets, remove broad IP ranges, then Save.',
    ],
    cli: [
      'az cognitiveservices account update -n <account> -g <rg> --custom-domain <account> \\',
      '  --default-action Deny',
      'az cognitiveservices account network-rule add -n <account> -g <rg> --subnet <subnet-id>',
    ].join('\n'),
    bicep: [
      'properties: {',
      '  networkAcls: {',
      "    defaultAction: 'Deny'",
      "    bypass: 'AzureServices'",
      '    virtualNetworkRules: [ { id: subnetId } ]',
      '    ipRules: []',
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Configure Azure OpenAI networking',
      'azure/ai-foundry/openai/how-to/network',
    ),
  ],
  mappings: {
    azurePolicy: ['037eea7a-bd0a-46c5-9a66-03aea78705d3'],
    psrule: ['Azure.AI.PublicAccess (AZR-000280)'],
    mcsb: ['NS-2'],
  },
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const account = read.value;
    const evidence = [
      accountRead(account, 'properties.networkAcls.defaultAction', 'Deny'),
      accountRead(
        account,
        'properties.networkAcls.virtualNetworkRules',
        'at least one subnet, or an approved private endpoint',
      ),
      accountRead(
        account,
        'properties.networkAcls.ipRules',
        `no rule wider than /${MIN_PREFIX_LENGTH}`,
      ),
    ];
    const problems: string[] = [];
    const defaultAction = get(account, 'properties.networkAcls.defaultAction');
    if (lower(defaultAction) !== 'deny') {
      problems.push(
        defaultAction === undefined
          ? 'the network ACL default action is not set (the service allows all networks)'
          : `the network ACL default action is "${String(
              defaultAction,
            )}" instead of "Deny"`,
      );
    }
    const vnetRules = get(
      account,
      'properties.networkAcls.virtualNetworkRules',
    );
    const hasVnetRule =
      Array.isArray(vnetRules) && vnetRules.some(r => str(get(r, 'id')));
    const hasPrivateEndpoint =
      privateEndpointConnections(account).some(isApprovedConnection);
    if (!hasVnetRule && !hasPrivateEndpoint) {
      problems.push(
        'no virtual network rule and no approved private endpoint admit virtual network traffic',
      );
    }
    const ipRules = get(account, 'properties.networkAcls.ipRules');
    if (Array.isArray(ipRules)) {
      const broad = ipRules
        .map(r => (isObject(r) ? str(r.value) : undefined))
        .filter(
          (v): v is string =>
            v !== undefined && prefixLength(v) < MIN_PREFIX_LENGTH,
        );
      if (broad.length > 0) {
        problems.push(`IP rules are too broad: ${broad.join(', ')}`);
      }
    }
    return verdict({
      problems,
      evidence,
      passMessage: `Network ACLs deny by default and admit ${
        hasVnetRule ? 'virtual network rules' : 'private endpoint traffic'
      } only.`,
    });
  },
};
