import type { ControlDefinition } from '../../types';
import { get, lower, perDeployment, str } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure streaming security';

/**
 * AOAI-SVC-006: content filtering runs synchronously (mode Default) unless the deployment is
 * excepted.
 *
 * @public
 */
export const streamingMode: ControlDefinition = {
  id: 'AOAI-SVC-006',
  area: 'service',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Synchronous content filtering for streaming',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.deployments', 'account.raiPolicies'],
  rationale:
    'With asynchronous filtering, streamed tokens reach the user before the filter decides; harmful text can be shown and only flagged afterwards.',
  passCondition:
    "Every deployment's RAI policy mode is Default or absent. Asynchronous_filter, Deferred or any other mode fails unless the deployment is in streamingModeExceptions. Not applicable without deployments.",
  remediation: {
    portal: [
      'In the content filter, under Streaming mode, choose Default (synchronous), or record an exception in the golden-path config.',
    ],
    cli: '# Set properties.mode to "Default" on the RAI policy with az rest.',
    bicep: "properties: {\n  mode: 'Default'\n  contentFilters: [ ... ]\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Content filtering in Azure OpenAI',
      'azure/ai-foundry/openai/concepts/content-filter',
    ),
  ],
  mappings: { azurePolicy: ['c1ad46c6-37f8-4af0-9c71-c208375c87dd'] },
  evaluate(input) {
    const exceptions = new Set(
      input.policy.streamingModeExceptions.map(e => e.toLowerCase()),
    );
    return perDeployment(
      input,
      ({ name, policy, raiPolicyName }) => {
        const mode = get(policy, 'properties.mode');
        if (mode === undefined || mode === null || lower(mode) === 'default')
          return [];
        if (exceptions.has(name.toLowerCase())) return [];
        return [
          `policy "${raiPolicyName}" uses streaming mode ${
            str(mode) ?? String(mode)
          }, which shows tokens before they are filtered`,
        ];
      },
      'Every deployment filters streamed content synchronously.',
      policy => ({
        path: 'properties.mode',
        value: get(policy, 'properties.mode') ?? null,
      }),
    );
  },
};
