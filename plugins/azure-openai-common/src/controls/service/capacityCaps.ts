import type { ControlDefinition } from '../../types';
import {
  deploymentName,
  get,
  outcome,
  readDeployments,
  requireDeployments,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement rate limiting and quota management';

/**
 * AOAI-SVC-004: every deployment's capacity is within the golden-path cap for its SKU.
 *
 * @public
 */
export const capacityCaps: ControlDefinition = {
  id: 'AOAI-SVC-004',
  area: 'service',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Deployment capacity within caps',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.deployments'],
  rationale:
    "Capacity is the deployment's rate limit (1 unit = 1,000 tokens per minute for standard types, one PTU for provisioned). Caps bound the cost and the blast radius of a leaked credential or runaway client.",
  passCondition:
    'For every deployment whose sku.name has a cap in capacityCaps, sku.capacity is a number not above the cap. Not applicable without deployments or caps.',
  remediation: {
    portal: [
      'Edit the deployment and lower "Tokens per Minute Rate Limit" to the golden-path cap, or ask the platform team for an exception.',
    ],
    cli: 'az cognitiveservices account deployment create -n <account> -g <rg> --deployment-name <d> ... --sku-capacity <cap>',
    bicep:
      "sku: {\n  name: 'Standard'\n  capacity: 50 // <= golden-path cap\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn('Manage Azure OpenAI quota', 'azure/ai-foundry/openai/how-to/quota'),
  ],
  mappings: {},
  evaluate(input) {
    const caps = new Map(
      Object.entries(input.policy.capacityCaps).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    if (caps.size === 0) {
      return outcome(
        'not-applicable',
        'The golden-path policy sets no capacity caps.',
        [],
      );
    }
    const deployments = requireDeployments(readDeployments(input));
    if (!deployments.ok) return deployments.outcome;
    const problems: string[] = [];
    const evidence = deployments.value.map((d, i) => {
      const name = deploymentName(d, i);
      const sku = str(get(d, 'sku.name')) ?? '';
      const capacity = get(d, 'sku.capacity');
      const cap = caps.get(sku.toLowerCase());
      if (cap !== undefined) {
        if (typeof capacity !== 'number' || !Number.isFinite(capacity)) {
          problems.push(
            `deployment "${name}" (${sku}) has no numeric capacity`,
          );
        } else if (capacity > cap) {
          problems.push(
            `deployment "${name}" (${sku}) has capacity ${capacity}, above the cap of ${cap}`,
          );
        }
      }
      return {
        path: `deployments[${name}].sku.capacity`,
        observed: capacity,
        expected: cap === undefined ? 'no cap for this SKU' : `<= ${cap}`,
      };
    });
    return verdict({
      problems,
      evidence,
      passMessage: 'Every deployment is within its capacity cap.',
    });
  },
};
