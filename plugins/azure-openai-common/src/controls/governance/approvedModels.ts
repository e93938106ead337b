import type { ControlDefinition } from '../../types';
import {
  deploymentName,
  get,
  lower,
  outcome,
  readDeployments,
  requireDeployments,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement Azure Policy';

/**
 * AOAI-GOV-008: every deployed model (and version) is on the golden-path allowlist.
 *
 * @public
 */
export const approvedModels: ControlDefinition = {
  id: 'AOAI-GOV-008',
  area: 'governance',
  practice: PRACTICE,
  origin: 'extra',
  title: 'Only approved models and versions deployed',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.deployments'],
  rationale:
    'Each model has its own capabilities, risks and terms. An allowlist keeps unreviewed models (and preview versions) out of production.',
  passCondition:
    "Every deployment's properties.model.name is on approvedModels and, where versions are listed, properties.model.version is one of them. Not applicable when no allowlist is configured or there are no deployments.",
  remediation: {
    portal: [
      'Delete deployments of unapproved models, or ask the platform team to review and add the model to the golden path.',
    ],
    cli: 'az cognitiveservices account deployment delete -n <account> -g <rg> --deployment-name <d>',
    bicep:
      "properties: {\n  model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' }\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Policy built-in policy definitions',
      'azure/governance/policy/samples/built-in-policies',
    ),
  ],
  mappings: { azurePolicy: ['aafe3651-cb78-4f68-9f81-e7e41509110f'] },
  evaluate(input) {
    const approved = input.policy.approvedModels;
    if (approved.length === 0) {
      return outcome(
        'not-applicable',
        'The golden-path policy has no model allowlist.',
        [],
      );
    }
    const deployments = requireDeployments(readDeployments(input));
    if (!deployments.ok) return deployments.outcome;
    const problems: string[] = [];
    const evidence = deployments.value.map((d, i) => {
      const name = deploymentName(d, i);
      const model = str(get(d, 'properties.model.name'));
      const version = str(get(d, 'properties.model.version'));
      const entry = approved.find(m => m.name.toLowerCase() === lower(model));
      if (!entry)
        problems.push(
          `deployment "${name}" runs ${
            model ?? 'an unnamed model'
          }, which is not approved`,
        );
      else if (
        entry.versions &&
        entry.versions.length > 0 &&
        !entry.versions.includes(version ?? '')
      ) {
        problems.push(
          `deployment "${name}" runs ${model} version ${
            version ?? '(none)'
          }, approved versions are ${entry.versions.join(', ')}`,
        );
      }
      return {
        path: `deployments[${name}].properties.model`,
        observed: { name: model, version },
        expected: 'an approved model and version',
      };
    });
    return verdict({
      problems,
      evidence,
      passMessage: 'Every deployment runs an approved model and version.',
    });
  },
};
