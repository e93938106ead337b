import type { ControlDefinition } from '../../types';
import { perDeployment, selectFilters } from '../helpers';
import { filterIssues } from '../raiFilters';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable protected material detection';

/**
 * AOAI-SVC-003: protected material detection for text (blocking) and code (enabled).
 *
 * @public
 */
export const protectedMaterial: ControlDefinition = {
  id: 'AOAI-SVC-003',
  area: 'service',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Protected material detection for text and code',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.deployments', 'account.raiPolicies'],
  rationale:
    'Completions can reproduce copyrighted text or licensed code. Detection blocks known text and annotates code with its source and licence so it can be attributed or removed.',
  passCondition:
    'For every deployment: Protected Material Text is enabled and blocking on completions; Protected Material Code is enabled (annotate-only is accepted for code). Not applicable without deployments.',
  remediation: {
    portal: [
      'In the content filter of each deployment, under Output filters, turn on Protected material for text (Block) and for code.',
    ],
    cli: '# Update the RAI policy contentFilters with az rest (see AOAI-DATA-002).',
    bicep: [
      'contentFilters: [',
      "  { name: 'Protected Material Text', source: 'Completion', enabled: true, blocking: true }",
      "  { name: 'Protected Material Code', source: 'Completion', enabled: true, blocking: false }",
      ']',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Protected material detection',
      'azure/ai-services/content-safety/concepts/protected-material',
    ),
  ],
  mappings: { azurePolicy: ['af253d37-136a-42f8-a1fc-30010c083d41'] },
  evaluate(input) {
    return perDeployment(
      input,
      ({ policy }) =>
        filterIssues(policy, [
          {
            name: 'Protected Material Text',
            source: 'Completion',
            blocking: true,
          },
          { name: 'Protected Material Code', source: 'Completion' },
        ]),
      'Every deployment detects protected text (blocking) and code.',
      selectFilters('Protected Material Text', 'Protected Material Code'),
    );
  },
};
