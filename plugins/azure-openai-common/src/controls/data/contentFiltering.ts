import type { ControlDefinition } from '../../types';
import {
  filterBlocking,
  filterEnabled,
  findFilter,
  lower,
  perDeployment,
  selectFilters,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure content filtering';

const CATEGORIES = ['Hate', 'Sexual', 'Violence', 'Selfharm'] as const;
const SOURCES = ['Prompt', 'Completion'] as const;
const STRICT_ENOUGH = ['low', 'medium'];

/**
 * AOAI-DATA-002: every deployment's content filter blocks hate, sexual, violence and self-harm at
 * Medium or stricter, on prompts and completions.
 *
 * @public
 */
export const contentFiltering: ControlDefinition = {
  id: 'AOAI-DATA-002',
  area: 'data',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Harm filters block at Medium or stricter on every deployment',
  severity: 'critical',
  kind: 'automated',
  nonWaivable: true,
  reads: ['account.deployments', 'account.raiPolicies'],
  rationale:
    'The harm categories are the baseline guardrail. A filter that is off, annotate-only or set to High lets harmful prompts and completions through. (Note: severityThreshold Low is the strictest, High the most permissive.)',
  passCondition:
    'Every deployment references an RAI policy that exists, and for Hate, Sexual, Violence and Selfharm on both Prompt and Completion the filter is enabled, blocking, and severityThreshold is Low or Medium. Not applicable without deployments.',
  remediation: {
    portal: [
      'In Azure AI Foundry open Guardrails + controls > Content filters and create a filter.',
      'Set Hate, Sexual, Violence and Self-harm to Medium (or Low) with blocking on for input and output.',
      'Apply the filter to every deployment.',
    ],
    cli: [
      'az rest --method put --url "https://management.azure.com<account-resource-id>/raiPolicies/golden-path-strict?api-version=2025-09-01" \\',
      '  --body @rai-policy.json',
      'az cognitiveservices account deployment create -n <account> -g <rg> --deployment-name <d> ... --rai-policy-name golden-path-strict',
    ].join('\n'),
    bicep: [
      "resource rai 'Microsoft.CognitiveServices/accounts/raiPolicies@2025-09-01' = {",
      '  parent: account',
      "  name: 'golden-path-strict'",
      '  properties: {',
      "    basePolicyName: 'Microsoft.DefaultV2'",
      "    mode: 'Default'",
      '    contentFilters: [for f in [',
      "      { n: 'Hate', s: 'Prompt' }, { n: 'Hate', s: 'Completion' }, { n: 'Sexual', s: 'Prompt' }, { n: 'Sexual', s: 'Completion' }",
      "      { n: 'Violence', s: 'Prompt' }, { n: 'Violence', s: 'Completion' }, { n: 'Selfharm', s: 'Prompt' }, { n: 'Selfharm', s: 'Completion' }",
      "    ]: { name: f.n, source: f.s, enabled: true, blocking: true, severityThreshold: 'Medium' }]",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Configure content filters',
      'azure/ai-foundry/openai/how-to/content-filters',
    ),
  ],
  mappings: {
    azurePolicy: [
      '930f48f9-f07e-427c-9494-52603581c6a9',
      '5207647b-3e83-4e28-b836-c382cb5e2a2e',
    ],
  },
  evaluate(input) {
    return perDeployment(
      input,
      ({ policy }) => {
        const issues: string[] = [];
        for (const category of CATEGORIES) {
          for (const source of SOURCES) {
            const filter = findFilter(policy, category, source);
            const label = `${category}/${source}`;
            if (!filter) issues.push(`${label} filter is missing`);
            else if (!filterEnabled(filter))
              issues.push(`${label} filter is disabled`);
            else if (!filterBlocking(filter))
              issues.push(`${label} filter does not block`);
            else if (
              !STRICT_ENOUGH.includes(lower(filter.severityThreshold) ?? '')
            ) {
              issues.push(
                `${label} threshold is ${String(
                  filter.severityThreshold,
                )} (needs Medium or Low)`,
              );
            }
          }
        }
        return issues;
      },
      'Every deployment blocks hate, sexual, violence and self-harm content at Medium or stricter.',
      selectFilters('Hate', 'Sexual', 'Violence', 'Selfharm'),
    );
  },
};
