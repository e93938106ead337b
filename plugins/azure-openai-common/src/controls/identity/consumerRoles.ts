import type { ControlDefinition } from '../../types';
import { ROLE, outcome, prop, str } from '../helpers';
import {
  assignedRole,
  assignedRoleName,
  assignmentsGranting,
  principalType,
  readRoleAssignments,
} from '../roleAssignments';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement role-based access control (RBAC)';

const CONSUMER_ROLES: readonly string[] = [
  ROLE.openAIUser,
  ROLE.cognitiveServicesUser,
];
const DATA_PLANE_OR_MANAGEMENT: readonly string[] = [
  ROLE.owner,
  ROLE.contributor,
  ROLE.cognitiveServicesContributor,
  ROLE.openAIContributor,
  ROLE.openAIUser,
  ROLE.cognitiveServicesUser,
];

/**
 * AOAI-IAM-005: application identities (service principals) hold Cognitive Services OpenAI User,
 * not a broader role.
 *
 * @public
 */
export const consumerRoles: ControlDefinition = {
  id: 'AOAI-IAM-005',
  area: 'identity',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Applications hold Cognitive Services OpenAI User only',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.account', 'account.roleAssignments'],
  rationale:
    'Applications need to call the models, not manage the account. Cognitive Services OpenAI User allows inference only; broader roles let a compromised app change filters, deployments or keys.',
  passCondition:
    'Every service principal with a role on the account (directly or inherited) that is not on privilegedPrincipalAllowlist holds Cognitive Services OpenAI User or Cognitive Services User only. Not applicable when no service principal has a role on the account.',
  remediation: {
    portal: [
      'Open Access control (IAM) > Role assignments on the account.',
      'For each application identity, add Cognitive Services OpenAI User and remove broader roles.',
    ],
    cli: [
      'az role assignment create --assignee-object-id <app-principal-id> --assignee-principal-type ServicePrincipal \\',
      '  --role "Cognitive Services OpenAI User" --scope <account-resource-id>',
      'az role assignment delete --assignee <app-principal-id> --role "Cognitive Services Contributor" --scope <account-resource-id>',
    ].join('\n'),
    bicep:
      "resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n" +
      '  scope: account\n' +
      "  name: guid(account.id, appPrincipalId, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')\n" +
      "  properties: { principalId: appPrincipalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd') }\n" +
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
    const apps = assignmentsGranting(
      read.value.items,
      DATA_PLANE_OR_MANAGEMENT,
      read.value.account.id,
      input.policy.privilegedPrincipalAllowlist,
    ).filter(a => principalType(a) === 'serviceprincipal');
    if (apps.length === 0) {
      return outcome(
        'not-applicable',
        'No application identity has a role on the account.',
        [
          {
            path: 'roleAssignments[principalType=ServicePrincipal]',
            observed: 0,
          },
        ],
      );
    }
    const broad = apps.filter(
      a => !CONSUMER_ROLES.includes(assignedRole(a) ?? ''),
    );
    const evidence = apps.map(a => ({
      path: `roleAssignments[${str(a.name) ?? '?'}]`,
      observed: {
        role: assignedRoleName(a),
        principalId: prop(a, 'principalId'),
      },
      expected: 'Cognitive Services OpenAI User',
    }));
    if (broad.length > 0) {
      const list = broad.map(
        a => `${String(prop(a, 'principalId'))} holds ${assignedRoleName(a)}`,
      );
      return outcome(
        'fail',
        `Application identities hold roles broader than OpenAI User: ${list.join(
          '; ',
        )}.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      `${apps.length} application identit${
        apps.length === 1 ? 'y holds' : 'ies hold'
      } inference roles only.`,
      evidence,
    );
  },
};
