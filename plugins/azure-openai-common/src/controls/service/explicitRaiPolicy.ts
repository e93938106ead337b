import type { ControlDefinition } from '../../types';
import { get, lower, perDeployment, readAccount } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure model-specific content filters';

/**
 * AOAI-SVC-001: every deployment names an RAI policy that exists; high-risk accounts use a
 * custom (user-managed) policy.
 *
 * @public
 */
export const explicitRaiPolicy: ControlDefinition = {
  id: 'AOAI-SVC-001',
  area: 'service',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Explicit content filter policy per deployment',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account', 'account.deployments', 'account.raiPolicies'],
  rationale:
    'Each model and use case needs a filter chosen on purpose. A deployment without raiPolicyName gets whatever default applies today; high-risk workloads need a reviewed custom policy.',
  passCondition:
    'Every deployment has properties.raiPolicyName and the policy exists in raiPolicies. When the account tag ai-risk-tier is "high", the policy type is UserManaged. Not applicable without deployments.',
  remediation: {
    portal: [
      'In Azure AI Foundry, edit each deployment and select a named content filter (create one per use case).',
    ],
    cli: 'az cognitiveservices account deployment create ... --rai-policy-name <policy>',
    bicep: 'properties: {\n  model: { ... }\n  raiPolicyName: rai.name\n}',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Content filtering in Azure OpenAI',
      'azure/ai-foundry/openai/concepts/content-filter',
    ),
  ],
  mappings: { azurePolicy: ['5207647b-3e83-4e28-b836-c382cb5e2a2e'] },
  evaluate(input) {
    const account = readAccount(input);
    const tags = account.ok ? get(account.value, 'tags') : undefined;
    let highRisk = false;
    if (tags && typeof tags === 'object') {
      for (const [k, v] of Object.entries(tags as Record<string, unknown>)) {
        if (k.toLowerCase() === 'ai-risk-tier' && lower(v) === 'high')
          highRisk = true;
      }
    }
    return perDeployment(
      input,
      ({ policy, raiPolicyName }) =>
        highRisk && lower(get(policy, 'properties.type')) !== 'usermanaged'
          ? [
              `the account is tagged ai-risk-tier=high but "${raiPolicyName}" is not a custom (UserManaged) policy`,
            ]
          : [],
      'Every deployment names an existing content filter policy.',
      policy => ({
        path: 'properties.type',
        value: get(policy, 'properties.type') ?? null,
      }),
    );
  },
};
