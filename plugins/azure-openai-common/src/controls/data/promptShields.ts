import type { ControlDefinition } from '../../types';
import { perDeployment, selectFilters } from '../helpers';
import { filterIssues } from '../raiFilters';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement prompt injection protection';

/**
 * AOAI-DATA-004: prompt shields for jailbreak (blocking) and indirect attacks (enabled) on every
 * deployment.
 *
 * @public
 */
export const promptShields: ControlDefinition = {
  id: 'AOAI-DATA-004',
  area: 'data',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Prompt shields for jailbreak and indirect attacks',
  severity: 'high',
  kind: 'automated',
  reads: ['account.deployments', 'account.raiPolicies'],
  rationale:
    'Jailbreak prompts and instructions hidden in documents (indirect attacks) make the model ignore its system message and leak data. Prompt shields detect both before the model runs.',
  passCondition:
    'For every deployment: the Jailbreak filter is enabled and blocking, and the Indirect Attack filter is enabled. Not applicable without deployments.',
  remediation: {
    portal: [
      'In Azure AI Foundry open the content filter of each deployment.',
      'Under Input filters turn on Prompt shields for jailbreak attacks (Block) and for indirect attacks.',
    ],
    cli: '# Update the RAI policy body (contentFilters) with az rest, see AOAI-DATA-002.',
    bicep: [
      'contentFilters: [',
      "  { name: 'Jailbreak', source: 'Prompt', enabled: true, blocking: true }",
      "  { name: 'Indirect Attack', source: 'Prompt', enabled: true, blocking: true }",
      ']',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Prompt Shields in Azure AI Content Safety',
      'azure/ai-services/content-safety/concepts/jailbreak-detection',
    ),
  ],
  mappings: { azurePolicy: ['f3a9c2e0-7b4d-4d8f-9c3a-2e1f6b9a8d4e'] },
  evaluate(input) {
    return perDeployment(
      input,
      ({ policy }) =>
        filterIssues(policy, [
          {
            name: 'Jailbreak',
            label: 'Jailbreak prompt shield',
            blocking: true,
          },
          { name: 'Indirect Attack', label: 'Indirect Attack prompt shield' },
        ]),
      'Every deployment has jailbreak (blocking) and indirect-attack prompt shields.',
      selectFilters('Jailbreak', 'Indirect Attack'),
    );
  },
};
