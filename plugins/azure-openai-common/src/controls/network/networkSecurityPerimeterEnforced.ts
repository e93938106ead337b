import type { ControlDefinition } from '../../types';
import {
  get,
  lower,
  outcome,
  readAccountAndList,
  str,
  observed,
  prop,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement network security perimeter';

/**
 * AOAI-NET-003: the account is associated with a network security perimeter in Enforced mode.
 *
 * @public
 */
export const networkSecurityPerimeterEnforced: ControlDefinition = {
  id: 'AOAI-NET-003',
  area: 'network',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Network security perimeter enforced',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.account', 'account.networkSecurityPerimeterConfigurations'],
  rationale:
    'A network security perimeter applies explicit inbound and outbound rules to public traffic of PaaS services, which blocks data exfiltration paths that firewall rules alone do not cover. Learning or Audit mode only logs.',
  passCondition:
    'At least one network security perimeter configuration has resourceAssociation.accessMode Enforced, provisioningState Succeeded and no provisioningIssues. Not applicable when public network access is Disabled and no perimeter is associated (there is no public surface to bound).',
  remediation: {
    portal: [
      'Open Network Security Perimeters and select (or create) the perimeter of the workload.',
      'Under Associated resources add the Azure OpenAI account to a profile.',
      'Switch the association access mode from Learning to Enforced after reviewing the logs.',
    ],
    cli: [
      'az network perimeter association create --perimeter-name <nsp> -g <nsp-rg> -n <account>-assoc \\',
      '  --private-link-resource "{id:<account-resource-id>}" --profile "{id:<profile-id>}" --access-mode Enforced',
    ].join('\n'),
    bicep: [
      "resource assoc 'Microsoft.Network/networkSecurityPerimeters/resourceAssociations@2024-07-01' = {",
      "  name: '${nsp.name}/${account.name}'",
      '  properties: {',
      '    privateLinkResource: { id: account.id }',
      '    profile: { id: nspProfile.id }',
      "    accessMode: 'Enforced'",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'What is a network security perimeter?',
      'azure/private-link/network-security-perimeter-concepts',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const read = readAccountAndList(
      input,
      input.account.networkSecurityPerimeterConfigurations,
      'the network security perimeter configuration list',
      'networkSecurityPerimeterConfigurations',
    );
    if (!read.ok) return read.outcome;
    const { account, items: configs } = read.value;
    const evidence = configs.map(c => ({
      path: `networkSecurityPerimeterConfigurations[${
        str(c.name) ?? '?'
      }].properties.resourceAssociation.accessMode`,
      observed: observed(prop(c, 'resourceAssociation.accessMode')),
      expected: 'Enforced',
    }));
    if (configs.length === 0) {
      const pna = lower(get(account, 'properties.publicNetworkAccess'));
      if (pna === 'disabled') {
        return outcome(
          'not-applicable',
          'Public network access is disabled and no network security perimeter is associated; there is no public surface to bound.',
          [
            {
              path: 'account:properties.publicNetworkAccess',
              observed: 'Disabled',
            },
          ],
        );
      }
      return outcome(
        'fail',
        'Public network access is allowed but the account is not associated with a network security perimeter.',
        [
          {
            path: 'networkSecurityPerimeterConfigurations',
            observed: 0,
            expected: 'an Enforced association',
          },
        ],
      );
    }
    const enforced = configs.filter(c => {
      const issues = prop(c, 'provisioningIssues');
      return (
        lower(prop(c, 'resourceAssociation.accessMode')) === 'enforced' &&
        lower(prop(c, 'provisioningState')) === 'succeeded' &&
        (!Array.isArray(issues) || issues.length === 0)
      );
    });
    if (enforced.length > 0) {
      return outcome(
        'pass',
        'The account is in a network security perimeter in Enforced mode.',
        evidence,
      );
    }
    const modes = configs.map(
      c => str(prop(c, 'resourceAssociation.accessMode')) ?? 'no mode',
    );
    return outcome(
      'fail',
      `The network security perimeter association is not enforced and healthy (access modes: ${modes.join(
        ', ',
      )}). Learning and Audit modes only log.`,
      evidence,
    );
  },
};
