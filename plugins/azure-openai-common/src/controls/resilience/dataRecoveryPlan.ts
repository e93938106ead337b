import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Plan for data recovery';

/**
 * AOAI-BCDR-006: a recovery runbook covers training data, prompts, filters and soft-deleted
 * accounts.
 *
 * @public
 */
export const dataRecoveryPlan: ControlDefinition = {
  id: 'AOAI-BCDR-006',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Data recovery runbook recorded',
  severity: 'low',
  kind: 'attestation',
  reads: [],
  rationale:
    'Recovery depends on more than the account: training data, prompt templates, RAI policies and blocklists, and knowing that deleted accounts stay recoverable (soft delete) only until their purge date.',
  passCondition:
    'An attestation links to a recovery runbook that lists the assets (training data, prompt templates, content filters, blocklists), where their copies live, and how to restore a soft-deleted account before scheduledPurgeDate.',
  remediation: {
    portal: [
      'Write the runbook (include `az cognitiveservices account recover` for soft-deleted accounts) and record an attestation.',
    ],
    cli: 'az cognitiveservices account list-deleted\naz cognitiveservices account recover -n <account> -g <rg> -l <location>',
    bicep:
      '// Keep RAI policies, blocklists and deployments in code so they can be re-applied.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Recover or purge deleted Azure AI services resources',
      'azure/ai-services/recover-purge-resources',
    ),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      'a data recovery runbook exists for this workload',
    );
  },
};
