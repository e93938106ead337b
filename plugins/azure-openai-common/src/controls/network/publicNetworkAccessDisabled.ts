import type { ControlDefinition } from '../../types';
import { accountRead, get, lower, outcome, readAccount } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Disable public network access';

/**
 * AOAI-NET-002: `properties.publicNetworkAccess` is `Disabled`.
 *
 * @public
 */
export const publicNetworkAccessDisabled: ControlDefinition = {
  id: 'AOAI-NET-002',
  area: 'network',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Public network access disabled',
  severity: 'critical',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'With public network access enabled the endpoint answers from the internet, so a leaked token or key is usable from anywhere. Disabling it forces traffic through private endpoints.',
  passCondition:
    'properties.publicNetworkAccess is "Disabled". A missing value counts as Enabled (the service default).',
  remediation: {
    portal: [
      'Open the resource and select Resource Management > Networking.',
      'Under Firewalls and virtual networks choose "Disabled", then Save.',
    ],
    cli: 'az cognitiveservices account update -n <account> -g <rg> --custom-domain <account> --public-network-access Disabled',
    bicep: [
      "resource account 'Microsoft.CognitiveServices/accounts@2025-09-01' = {",
      '  // ...',
      '  properties: {',
      "    publicNetworkAccess: 'Disabled'",
      "    networkAcls: { defaultAction: 'Deny' }",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Configure Azure AI services virtual networks',
      'azure/ai-services/cognitive-services-virtual-networks',
    ),
  ],
  mappings: {
    azurePolicy: [
      '037eea7a-bd0a-46c5-9a66-03aea78705d3',
      '47ba1dd7-28d9-4b07-a8d5-9813bed64e0c',
    ],
    psrule: [
      'Azure.AI.PublicAccess (AZR-000280)',
      'Azure.AI.PrivateEndpoints (AZR-000283)',
    ],
    checkov: ['CKV_AZURE_134'],
    mcsb: ['NS-2'],
  },
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const value = get(read.value, 'properties.publicNetworkAccess');
    const evidence = [
      accountRead(read.value, 'properties.publicNetworkAccess', 'Disabled'),
    ];
    if (lower(value) === 'disabled') {
      return outcome('pass', 'Public network access is disabled.', evidence);
    }
    return outcome(
      'fail',
      value === undefined || value === null
        ? 'publicNetworkAccess is not set, so the endpoint is reachable from the internet.'
        : `Public network access is "${String(
            value,
          )}"; the endpoint is reachable from the internet.`,
      evidence,
    );
  },
};
