import type { ControlDefinition } from '../../types';
import { isApprovedConnection, outcome } from '../helpers';
import {
  connectionStatusLabel,
  readEndpointConnections,
} from '../privateEndpoints';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable private endpoints';

/**
 * AOAI-NET-001: the account has at least one approved private endpoint connection.
 *
 * @public
 */
export const privateEndpointApproved: ControlDefinition = {
  id: 'AOAI-NET-001',
  area: 'network',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Private endpoint connected and approved',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'A private endpoint gives the account a private IP address in your virtual network, so clients reach the models without crossing the public internet.',
  passCondition:
    'At least one entry of properties.privateEndpointConnections has status Approved and provisioningState Succeeded.',
  remediation: {
    portal: [
      'Open the Azure OpenAI resource and select Networking > Private endpoint connections.',
      'Select + Private endpoint, choose the golden-path virtual network and subnet, target sub-resource "account".',
      'Approve the connection if it is Pending.',
    ],
    cli: [
      'az network private-endpoint create --name pe-<account> --resource-group <rg> \\',
      '  --vnet-name <vnet> --subnet <subnet> --group-id account \\',
      '  --private-connection-resource-id <account-resource-id> --connection-name <account>-pe',
    ].join('\n'),
    bicep: [
      "resource pe 'Microsoft.Network/privateEndpoints@2024-05-01' = {",
      "  name: 'pe-${account.name}'",
      '  location: location',
      '  properties: {',
      '    subnet: { id: subnetId }',
      '    privateLinkServiceConnections: [{',
      "      name: '${account.name}-pe'",
      "      properties: { privateLinkServiceId: account.id, groupIds: [ 'account' ] }",
      '    }]',
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Use private endpoints with Azure AI services',
      'azure/ai-services/cognitive-services-virtual-networks#use-private-endpoints',
    ),
  ],
  mappings: {
    azurePolicy: [
      'd6759c02-b87f-42b7-892e-71b3f471d782',
      'db630ad5-52e9-4f4d-9c44-53912fe40053',
    ],
    mcsb: ['NS-2'],
  },
  evaluate(input) {
    const read = readEndpointConnections(
      input,
      'at least one connection with status Approved and provisioningState Succeeded',
    );
    if (!read.ok) return read.outcome;
    const { connections, evidence } = read.value;
    const approved = connections.filter(isApprovedConnection);
    if (approved.length > 0) {
      return outcome(
        'pass',
        `${approved.length} approved private endpoint connection(s).`,
        evidence,
      );
    }
    if (connections.length === 0) {
      return outcome(
        'fail',
        'The account has no private endpoint connection.',
        evidence,
      );
    }
    const statuses = connections.map(connectionStatusLabel);
    return outcome(
      'fail',
      `No private endpoint connection is approved and provisioned (statuses: ${statuses.join(
        ', ',
      )}).`,
      evidence,
    );
  },
};
