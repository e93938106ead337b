import type { ControlDefinition } from '../../types';
import {
  deploymentName,
  get,
  lower,
  readDeployments,
  readList,
  requireDeployments,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Plan for data recovery';

const RETIRED_STATES = ['deprecating', 'deprecated', 'legacy'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * AOAI-BCDR-008: no deployment runs a model version that is deprecated or retires soon.
 *
 * @public
 */
export const retiringModels: ControlDefinition = {
  id: 'AOAI-BCDR-008',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'extra',
  title: 'No deprecated or soon-retiring model versions',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.deployments', 'account.models'],
  rationale:
    'When a model version retires its deployments stop answering (or are upgraded to a version the application was not tested with). Teams need the warning weeks ahead.',
  passCondition:
    'For every deployment, the matching entry of accounts.listModels (name and version) has a lifecycleStatus other than Deprecating, Deprecated or Legacy and no deprecation.inference date within modelRetirementWarningDays (default 60). Not applicable without deployments.',
  remediation: {
    portal: [
      'Open the deployment in Azure AI Foundry, check the retirement date, and upgrade to the replacement version after testing.',
    ],
    cli: 'az cognitiveservices account list-models -n <account> -g <rg> --query "[?name==\'<model>\']"',
    bicep:
      "properties: {\n  model: { format: 'OpenAI', name: '<model>', version: '<replacement-version>' }\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure OpenAI model deprecations and retirements',
      'azure/ai-foundry/openai/concepts/model-retirements',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const deployments = requireDeployments(readDeployments(input));
    if (!deployments.ok) return deployments.outcome;
    const models = readList(
      input.account.models,
      'the account model catalogue (listModels)',
      'models',
    );
    if (!models.ok) return models.outcome;
    const horizon =
      input.now.getTime() + input.policy.modelRetirementWarningDays * DAY_MS;
    const problems: string[] = [];
    const unknowns: string[] = [];
    const evidence = deployments.value.map((d, i) => {
      const name = deploymentName(d, i);
      const model = lower(get(d, 'properties.model.name'));
      const version = str(get(d, 'properties.model.version'));
      const entry = models.value.find(
        m =>
          lower(get(m, 'name') ?? get(m, 'model.name')) === model &&
          (str(get(m, 'version') ?? get(m, 'model.version')) ?? '') ===
            (version ?? ''),
      );
      if (!entry) {
        unknowns.push(
          `"${name}" (${model ?? '?'} ${
            version ?? ''
          }) is not in the model catalogue`,
        );
        return {
          path: `deployments[${name}].properties.model`,
          observed: { name: model, version },
          expected: 'a model in listModels',
        };
      }
      const status = str(
        get(entry, 'lifecycleStatus') ?? get(entry, 'model.lifecycleStatus'),
      );
      const inference = str(
        get(entry, 'deprecation.inference') ??
          get(entry, 'model.deprecation.inference'),
      );
      const retires = inference ? Date.parse(inference) : NaN;
      if (RETIRED_STATES.includes(lower(status) ?? '')) {
        problems.push(
          `deployment "${name}" runs ${model} ${
            version ?? ''
          } which is ${status}`,
        );
      } else if (!Number.isNaN(retires) && retires <= horizon) {
        problems.push(
          `deployment "${name}" runs ${model} ${
            version ?? ''
          } which retires on ${inference}`,
        );
      }
      return {
        path: `models[${model}@${version}]`,
        observed: { lifecycleStatus: status, inferenceRetirement: inference },
        expected: `not retiring within ${input.policy.modelRetirementWarningDays} days`,
      };
    });
    return verdict({
      problems,
      unknowns,
      evidence,
      passMessage:
        'No deployment runs a deprecated or soon-retiring model version.',
    });
  },
};
