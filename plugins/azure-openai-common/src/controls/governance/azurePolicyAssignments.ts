import type { ControlDefinition } from '../../types';
import { lower, outcome, readAccountAndList, prop } from '../helpers';
import { lastSegment, scopeCovers } from '../../engine/json';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement Azure Policy';

/** Microsoft cloud security benchmark initiative and the AI Services built-ins it includes. */
const MCSB_INITIATIVE = '1f3afdf9-d0c9-4c3d-847f-89da613e70a8';
const MCSB_MEMBERS = [
  '67121cc7-ff39-4ab8-b7e3-95b84dab487d',
  '037eea7a-bd0a-46c5-9a66-03aea78705d3',
  '1b4d1c4e-934c-4703-944c-27c82c06bebb',
  'd6759c02-b87f-42b7-892e-71b3f471d782',
  '71ef260a-8f18-47b7-abcb-62d0673d94dc',
];

/**
 * AOAI-GOV-001: the required Azure Policy definitions are assigned over the account and enforced.
 *
 * @public
 */
export const azurePolicyAssignments: ControlDefinition = {
  id: 'AOAI-GOV-001',
  area: 'governance',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Required Azure Policy assignments in force',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.account', 'subscription.policyAssignments'],
  rationale:
    'Azure Policy stops drift between scans: an assignment in Deny mode refuses an insecure change, and compliance state is visible to the whole organisation.',
  passCondition:
    'For every definition id in the golden-path requiredPolicyDefinitionIds there is an assignment whose scope covers the account (and whose notScopes do not), with enforcementMode Default (or absent). The Microsoft cloud security benchmark initiative counts for the AI Services definitions it contains. Not applicable when the list is empty.',
  remediation: {
    portal: [
      'Open Policy > Assignments > Assign policy at the subscription or management group.',
      'Assign each required definition (for example "Azure AI Services resources should restrict network access") with enforcement Enabled.',
    ],
    cli: 'az policy assignment create -n aoai-restrict-network --policy 037eea7a-bd0a-46c5-9a66-03aea78705d3 --scope /subscriptions/<sub> --params \'{"effect":{"value":"Deny"}}\'',
    bicep: [
      "targetScope = 'subscription'",
      "resource pa 'Microsoft.Authorization/policyAssignments@2024-04-01' = {",
      "  name: 'aoai-restrict-network'",
      '  properties: {',
      "    policyDefinitionId: tenantResourceId('Microsoft.Authorization/policyDefinitions', '037eea7a-bd0a-46c5-9a66-03aea78705d3')",
      "    enforcementMode: 'Default'",
      "    parameters: { effect: { value: 'Deny' } }",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Policy built-in policy definitions for Azure AI services',
      'azure/ai-services/policy-reference',
    ),
  ],
  mappings: { mcsb: ['PV-2'] },
  evaluate(input) {
    const required = input.policy.requiredPolicyDefinitionIds.map(id =>
      id.toLowerCase(),
    );
    if (required.length === 0) {
      return outcome(
        'not-applicable',
        'The golden-path policy requires no Azure Policy assignments.',
        [],
      );
    }
    const read = readAccountAndList(
      input,
      input.subscription.policyAssignments,
      'the policy assignment list',
      'subscription.policyAssignments',
    );
    if (!read.ok) return read.outcome;
    const { account, items: assignments } = read.value;
    const accountId = account.id;
    const enforced = new Set<string>();
    const notEnforced = new Set<string>();
    for (const a of assignments) {
      const definition = lastSegment(prop(a, 'policyDefinitionId'));
      if (!definition) continue;
      const scope = prop(a, 'scope');
      if (scope !== undefined && !scopeCovers(scope, accountId)) continue;
      const notScopes = prop(a, 'notScopes');
      if (
        Array.isArray(notScopes) &&
        notScopes.some(s => scopeCovers(s, accountId))
      )
        continue;
      const mode = lower(prop(a, 'enforcementMode'));
      const covered =
        definition === MCSB_INITIATIVE
          ? [definition, ...MCSB_MEMBERS]
          : [definition];
      for (const c of covered) {
        if (mode === undefined || mode === 'default') enforced.add(c);
        else notEnforced.add(c);
      }
    }
    const missing = required.filter(r => !enforced.has(r));
    const evidence = [
      {
        path: 'subscription.policyAssignments[*].properties.policyDefinitionId',
        observed: [...enforced].sort(),
        expected: required,
      },
    ];
    if (missing.length > 0) {
      const detail = missing.map(m =>
        notEnforced.has(m) ? `${m} (assigned with DoNotEnforce)` : m,
      );
      return outcome(
        'fail',
        `Required Azure Policy definitions are not enforced over the account: ${detail.join(
          ', ',
        )}.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      `All ${required.length} required Azure Policy definitions are assigned and enforced.`,
      evidence,
    );
  },
};
