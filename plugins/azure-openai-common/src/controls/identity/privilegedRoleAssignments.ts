import type { ControlDefinition } from '../../types';
import { ROLE, lower, outcome, prop, str } from '../helpers';
import {
  assignedRoleName,
  assignmentsGranting,
  principalType,
  readRoleAssignments,
} from '../roleAssignments';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement role-based access control (RBAC)';

const PRIVILEGED: readonly string[] = [
  ROLE.owner,
  ROLE.contributor,
  ROLE.cognitiveServicesContributor,
];

/**
 * AOAI-IAM-004: no user or group holds Owner, Contributor or Cognitive Services Contributor on
 * the account (directly or inherited) unless allowlisted.
 *
 * @public
 */
export const privilegedRoleAssignments: ControlDefinition = {
  id: 'AOAI-IAM-004',
  area: 'identity',
  practice: PRACTICE,
  origin: 'seed',
  title: 'No broad management roles for people or groups',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account', 'account.roleAssignments'],
  rationale:
    'Owner, Contributor and Cognitive Services Contributor can re-enable keys, open the network and change content filters. Held by people or groups they multiply the blast radius of one compromised account.',
  passCondition:
    'No role assignment whose scope is the account or one of its ancestors grants Owner, Contributor or Cognitive Services Contributor to a principal of type User or Group, unless the principal id is on the golden-path privilegedPrincipalAllowlist.',
  remediation: {
    portal: [
      'Open the resource and select Access control (IAM) > Role assignments.',
      'Remove Owner/Contributor/Cognitive Services Contributor from people and groups; grant Cognitive Services OpenAI Contributor to builders and manage the account through the pipeline identity.',
    ],
    cli: 'az role assignment delete --assignee <principal-id> --role Contributor --scope <account-resource-id>',
    bicep:
      '// Grant builders the narrower role instead:\n' +
      "resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n" +
      '  scope: account\n' +
      "  name: guid(account.id, builderGroupId, 'a001fd3d-188f-4b5d-821b-7da978bf7442')\n" +
      "  properties: { principalId: builderGroupId, principalType: 'Group', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a001fd3d-188f-4b5d-821b-7da978bf7442') }\n" +
      '}',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Role-based access control for Azure OpenAI',
      'azure/ai-foundry/openai/how-to/role-based-access-control',
    ),
  ],
  mappings: { mcsb: ['PA-7'] },
  evaluate(input) {
    const read = readRoleAssignments(input);
    if (!read.ok) return read.outcome;
    const { account, items: assignments } = read.value;
    const accountId = account.id;
    const offending = assignmentsGranting(
      assignments,
      PRIVILEGED,
      accountId,
      input.policy.privilegedPrincipalAllowlist,
    ).filter(a => {
      const type = principalType(a);
      return type === 'user' || type === 'group';
    });
    const evidence = offending.map(a => ({
      path: `roleAssignments[${str(a.name) ?? '?'}]`,
      observed: {
        role: assignedRoleName(a),
        principalId: prop(a, 'principalId'),
        principalType: prop(a, 'principalType'),
        scope: prop(a, 'scope'),
      },
      expected:
        'no Owner/Contributor/Cognitive Services Contributor for users or groups',
    }));
    if (offending.length > 0) {
      const list = offending.map(a => {
        const inherited =
          lower(prop(a, 'scope')) !== lower(accountId) ? ', inherited' : '';
        return `${String(prop(a, 'principalType'))} ${String(
          prop(a, 'principalId'),
        )} holds ${assignedRoleName(a)}${inherited}`;
      });
      return outcome(
        'fail',
        `Broad management roles held by people or groups: ${list.join('; ')}.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      `None of the ${assignments.length} role assignment(s) gives people or groups a broad management role.`,
      [
        {
          path: 'roleAssignments',
          observed: assignments.length,
          expected: 'no privileged user/group assignments',
        },
      ],
    );
  },
};
