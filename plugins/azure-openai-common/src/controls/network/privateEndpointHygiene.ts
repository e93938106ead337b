import type { ControlDefinition } from '../../types';
import { connectionStatus, outcome, str } from '../helpers';
import {
  connectionStatusLabel,
  readEndpointConnections,
} from '../privateEndpoints';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable private endpoints';

/**
 * AOAI-NET-006: no pending (unreviewed) or rejected (stale) private endpoint connections.
 *
 * @public
 */
export const privateEndpointHygiene: ControlDefinition = {
  id: 'AOAI-NET-006',
  area: 'network',
  practice: PRACTICE,
  origin: 'extra',
  title: 'No pending or rejected private endpoint connections',
  severity: 'low',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'A Pending connection is a request from a network you have not reviewed; a Rejected or Disconnected one is a leftover that hides the real topology. Both make network reviews harder.',
  passCondition:
    'Every private endpoint connection has status Approved. Not applicable when there are no connections.',
  remediation: {
    portal: [
      'Open the resource and select Networking > Private endpoint connections.',
      'Approve the connections you expect and remove Pending, Rejected and Disconnected ones.',
    ],
    cli: [
      'az cognitiveservices account show -n <account> -g <rg> --query properties.privateEndpointConnections',
      'az network private-endpoint-connection delete --id <connection-id>',
    ].join('\n'),
    bicep:
      '// Connections are created by the consumer side. Remove stale private endpoints from the consumer template.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Manage private endpoint connections',
      'azure/private-link/manage-private-endpoint',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const read = readEndpointConnections(input, 'only Approved connections');
    if (!read.ok) return read.outcome;
    const { connections, evidence } = read.value;
    if (connections.length === 0) {
      return outcome(
        'not-applicable',
        'The account has no private endpoint connections.',
        evidence,
      );
    }
    const bad = connections
      .filter(c => connectionStatus(c) !== 'approved')
      .map(c => `${str(c.name) ?? 'unnamed'} (${connectionStatusLabel(c)})`);
    if (bad.length > 0) {
      return outcome(
        'fail',
        `Private endpoint connections that are not approved: ${bad.join(
          ', ',
        )}.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      'Every private endpoint connection is approved.',
      evidence,
    );
  },
};
