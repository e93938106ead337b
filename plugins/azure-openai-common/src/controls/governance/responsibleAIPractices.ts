import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure responsible AI practices';

/**
 * AOAI-GOV-003: a responsible AI impact assessment exists for the workload.
 *
 * @public
 */
export const responsibleAIPractices: ControlDefinition = {
  id: 'AOAI-GOV-003',
  area: 'governance',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Responsible AI impact assessment recorded',
  severity: 'medium',
  kind: 'attestation',
  reads: [],
  rationale:
    'Filters cannot judge whether a use case is appropriate. An impact assessment records the intended use, the affected people, the harms considered and the mitigations chosen.',
  passCondition:
    'An attestation links to a signed responsible AI impact assessment for the workload.',
  remediation: {
    portal: [
      "Complete the organisation's responsible AI impact assessment template for the workload.",
      'Record an attestation in Backstage with the link and an expiry (re-assess yearly or on a major change).',
    ],
    cli: '# No control-plane setting; attest in Backstage.',
    bicep: '// Not expressible in infrastructure code.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Transparency note for Azure OpenAI',
      'azure/ai-foundry/responsible-ai/openai/transparency-note',
    ),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      'a responsible AI impact assessment was completed for the workload',
    );
  },
};
