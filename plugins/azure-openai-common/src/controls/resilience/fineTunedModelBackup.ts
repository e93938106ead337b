import type { ControlDefinition } from '../../types';
import { deploymentName, get, outcome, readDeployments, str } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Back up fine-tuned models';

/**
 * AOAI-BCDR-003: fine-tuned models found in the inventory have an attested export and restore
 * procedure.
 *
 * @public
 */
export const fineTunedModelBackup: ControlDefinition = {
  id: 'AOAI-BCDR-003',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Fine-tuned models backed up',
  severity: 'medium',
  kind: 'partial',
  reads: ['account.deployments'],
  rationale:
    'A fine-tuned model exists only in the account that trained it. Losing the account or region loses the model unless the training data and job can be replayed or the model copied.',
  passCondition:
    'Not applicable when no deployment runs a fine-tuned model (properties.model.source set, or a name containing ".ft-" or starting with "ft:"). Otherwise an attestation must describe the export or re-training procedure.',
  remediation: {
    portal: [
      'Keep the training and validation files in a geo-redundant storage account and document the fine-tuning job parameters.',
      'Copy the model to a secondary region where supported, and record an attestation.',
    ],
    cli: '# Data-plane: GET {endpoint}/openai/fine_tuning/jobs to inventory jobs; attest in Backstage.',
    bicep:
      '// Fine-tuned models are data-plane assets; not expressible in Bicep.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Deploy a fine-tuned model',
      'azure/ai-foundry/openai/how-to/fine-tuning-deploy',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const deployments = readDeployments(input);
    if (!deployments.ok) return deployments.outcome;
    const fineTuned = deployments.value
      .map((d, i) => ({
        name: deploymentName(d, i),
        model: str(get(d, 'properties.model.name')) ?? '',
        source: str(get(d, 'properties.model.source')),
      }))
      .filter(
        d =>
          d.source !== undefined ||
          d.model.includes('.ft-') ||
          d.model.startsWith('ft:'),
      );
    if (fineTuned.length === 0) {
      return outcome(
        'not-applicable',
        'No deployment runs a fine-tuned model.',
        [
          {
            path: 'deployments[*].properties.model',
            observed: 'no fine-tuned models',
          },
        ],
      );
    }
    return outcome(
      'attestation-required',
      `Fine-tuned models are deployed (${fineTuned
        .map(f => `${f.name}: ${f.model}`)
        .join(
          ', ',
        )}). Record an attestation of their export and restore procedure.`,
      fineTuned.map(f => ({
        path: `deployments[${f.name}].properties.model`,
        observed: { name: f.model, source: f.source },
      })),
    );
  },
};
