import type { ControlDefinition } from '../../types';
import { raiPolicyName } from '../../goldenPath/ids';
import {
  filterBlocking,
  filterEnabled,
  findFilter,
  perDeployment,
  selectFilters,
} from '../helpers';
import type { JsonObject } from '../../engine/json';
import {
  contentFilterFloor,
  documentedSystemPolicy,
  filterIssues,
  thresholdRank,
  type FilterFloor,
  type FilterRequirement,
} from '../raiFilters';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure content filtering';

const CATEGORIES = ['Hate', 'Sexual', 'Violence', 'Selfharm'] as const;
const SOURCES = ['Prompt', 'Completion'] as const;

/** The filters beyond the harm categories a floor can require, each blocking. */
function extraRequirements(floor: FilterFloor): FilterRequirement[] {
  const extras: FilterRequirement[] = [];
  if (floor.blockProfanity) {
    for (const source of SOURCES) {
      extras.push({
        name: 'Profanity',
        source,
        label: `Profanity/${source}`,
        blocking: true,
      });
    }
  }
  if (floor.blockProtectedMaterialCode) {
    extras.push({
      name: 'Protected Material Code',
      source: 'Completion',
      label: 'Protected Material Code/Completion',
      blocking: true,
    });
  }
  return extras;
}

/**
 * The shortfalls of one RAI policy against the floor. Thresholds above a Low floor are grouped
 * by the observed value (`Hate/Prompt, Sexual/Prompt thresholds are Medium (needs Low: ...)`);
 * against the baseline each filter is its own issue.
 */
function floorIssues(policy: JsonObject, floor: FilterFloor): string[] {
  const issues: string[] = [];
  const maxRank = thresholdRank(floor.threshold) ?? 1;
  const tooPermissive = new Map<string, string[]>();
  for (const category of CATEGORIES) {
    for (const source of SOURCES) {
      const filter = findFilter(policy, category, source);
      const label = `${category}/${source}`;
      if (!filter) issues.push(`${label} filter is missing`);
      else if (!filterEnabled(filter))
        issues.push(`${label} filter is disabled`);
      else if (!filterBlocking(filter))
        issues.push(`${label} filter does not block`);
      else if ((thresholdRank(filter.severityThreshold) ?? 3) > maxRank) {
        const observedThreshold = String(filter.severityThreshold);
        if (floor.threshold === 'Low') {
          const labels = tooPermissive.get(observedThreshold) ?? [];
          labels.push(label);
          tooPermissive.set(observedThreshold, labels);
        } else {
          issues.push(
            `${label} threshold is ${observedThreshold} (needs Medium or Low)`,
          );
        }
      }
    }
  }
  for (const [observedThreshold, labels] of tooPermissive) {
    issues.push(
      `${labels.join(', ')} ${
        labels.length === 1 ? 'threshold is' : 'thresholds are'
      } ${observedThreshold} (needs Low: golden-path profile "${
        floor.profile
      }")`,
    );
  }
  for (const issue of filterIssues(policy, extraRequirements(floor)))
    issues.push(`${issue} (golden-path profile "${floor.profile}" blocks it)`);
  return issues;
}

/** What the floor asks for, in words, for the remediation sentence of a failure. */
function floorWords(floor: FilterFloor): string {
  const parts = [
    `hate, sexual, violence and self-harm blocking at ${floor.threshold}${
      floor.threshold === 'Medium' ? ' or Low' : ''
    }`,
  ];
  if (floor.blockProfanity) parts.push('profanity blocked');
  if (floor.blockProtectedMaterialCode) parts.push('protected code blocked');
  return parts.join(', ');
}

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
    'The harm categories are the baseline guardrail. A filter that is off, annotate-only or set to High lets harmful prompts and completions through. (Note: severityThreshold Low is the strictest, High the most permissive.) When the platform team makes its golden-path content filter profiles stricter, existing accounts must follow, not only new ones; Azure Policy cannot hold filters to a per-organisation profile.',
  passCondition:
    "Every deployment references an RAI policy that exists, and for Hate, Sexual, Violence and Selfharm on both Prompt and Completion the filter is enabled, blocking, and severityThreshold is Low or Medium. The golden-path policy's content filter profiles (azureOpenAI.goldenPath.contentFilterProfiles) raise that floor to their least strict profile: severityThreshold Low when every profile sets Low, Profanity blocking on Prompt and Completion when every profile blocks profanity, Protected Material Code blocking on Completion when every profile blocks it. A deployment on a system policy (Microsoft.Default, Microsoft.DefaultV2) is judged on that policy as listed; when it is not listed it fails if the policy's documented defaults (harm filters at Medium) fall short of the floor, and is unknown otherwise. Not applicable without deployments.",
  remediation: {
    portal: [
      'In Azure AI Foundry open Guardrails + controls > Content filters and create a filter.',
      'Set Hate, Sexual, Violence and Self-harm to Medium (or Low) with blocking on for input and output, or as strict as the least strict golden-path content filter profile the failure names (for example Low, with Profanity and Protected material for code blocking when that profile blocks them).',
      'Apply the filter to every deployment (the system policies Microsoft.Default and Microsoft.DefaultV2 block at Medium only).',
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
    const floor = contentFilterFloor(input.policy.contentFilterProfiles);
    const extras = extraRequirements(floor).map(r => r.name);
    const result = perDeployment(
      input,
      ({ policy }) => floorIssues(policy, floor),
      floor.profile
        ? `Every deployment's content filter is at least as strict as the golden-path profile "${
            floor.profile
          }" (${floorWords(floor)}).`
        : 'Every deployment blocks hate, sexual, violence and self-harm content at Medium or stricter.',
      selectFilters(...CATEGORIES, ...new Set(extras)),
      documentedSystemPolicy,
    );
    if (result.status !== 'fail' || !floor.profile) return result;
    return {
      ...result,
      message: `${
        result.message
      } The golden-path policy's least strict content filter profile is "${
        floor.profile
      }" (${floorWords(
        floor,
      )}): apply it (the golden path's RAI policy ${raiPolicyName(
        floor.profile,
      )}) or a stricter filter to every deployment.`,
    };
  },
};
