import type { ControlDefinition } from '../../types';
import {
  deploymentName,
  get,
  lower,
  readDeployments,
  requireDeployments,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Plan for data recovery';

/**
 * AOAI-BCDR-007: deployments pin a model version and do not use `NoAutoUpgrade` without an
 * exception.
 *
 * @public
 */
export const modelVersionUpgrade: ControlDefinition = {
  id: 'AOAI-BCDR-007',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'extra',
  title: 'Model versions pinned with a safe upgrade option',
  severity: 'low',
  kind: 'automated',
  reads: ['account.deployments'],
  rationale:
    'An unpinned version changes behaviour without review. With NoAutoUpgrade the deployment stops working when the version retires.',
  passCondition:
    'Every deployment sets properties.model.version, and versionUpgradeOption is not NoAutoUpgrade unless the deployment is in noAutoUpgradeExceptions. Not applicable without deployments.',
  remediation: {
    portal: [
      'Edit the deployment: set the model version explicitly and choose "Once the current version expires" as the upgrade policy.',
    ],
    cli: 'az cognitiveservices account deployment create ... --model-version <v>  # then set versionUpgradeOption with az rest',
    bicep:
      "properties: {\n  model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' }\n  versionUpgradeOption: 'OnceCurrentVersionExpired'\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Working with Azure OpenAI models',
      'azure/ai-foundry/openai/how-to/working-with-models',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const deployments = requireDeployments(readDeployments(input));
    if (!deployments.ok) return deployments.outcome;
    const exceptions = new Set(
      input.policy.noAutoUpgradeExceptions.map(e => e.toLowerCase()),
    );
    const problems: string[] = [];
    const evidence = deployments.value.map((d, i) => {
      const name = deploymentName(d, i);
      const version = str(get(d, 'properties.model.version'));
      const option = str(get(d, 'properties.versionUpgradeOption'));
      if (!version)
        problems.push(`deployment "${name}" does not pin a model version`);
      if (
        lower(option) === 'noautoupgrade' &&
        !exceptions.has(name.toLowerCase())
      ) {
        problems.push(
          `deployment "${name}" uses NoAutoUpgrade and will stop when its version retires`,
        );
      }
      return {
        path: `deployments[${name}].properties`,
        observed: { version, versionUpgradeOption: option },
        expected: 'a version and an upgrade option other than NoAutoUpgrade',
      };
    });
    return verdict({
      problems,
      evidence,
      passMessage:
        'Every deployment pins its model version with a safe upgrade option.',
    });
  },
};
