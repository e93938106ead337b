import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement prompt engineering safeguards';

/**
 * AOAI-SVC-002: system messages follow a reviewed safety template.
 *
 * @public
 */
export const promptEngineeringSafeguards: ControlDefinition = {
  id: 'AOAI-SVC-002',
  area: 'service',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Reviewed system message template',
  severity: 'medium',
  kind: 'attestation',
  reads: [],
  rationale:
    'System messages live in application code. A reviewed template that states scope, refusals and grounding rules reduces misuse that filters alone do not catch.',
  passCondition:
    'An attestation links to the reviewed system-message template used by the workload.',
  remediation: {
    portal: [
      'Adopt the system message framework (safety, grounding, tone, tools), review it, and record an attestation with the link.',
    ],
    cli: '# Attest in Backstage.',
    bicep: '// System messages are application code.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Safety system message templates',
      'azure/ai-foundry/openai/concepts/safety-system-message-templates',
    ),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      'the workload uses a reviewed system-message template with safety instructions',
    );
  },
};
