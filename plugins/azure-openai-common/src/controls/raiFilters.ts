import type { JsonObject } from '../engine/json';
import { filterBlocking, filterEnabled, findFilter } from './helpers';

/** A content filter an RAI policy must have switched on, for {@link filterIssues}. */
export interface FilterRequirement {
  /** Filter name, matched after normalisation (`Indirect Attack` = `indirect_attack`). */
  name: string;
  /** Filter source to match; any source when omitted. */
  source?: 'Prompt' | 'Completion';
  /** Name used in messages; `name` when omitted. */
  label?: string;
  /** True when the filter must also block, not only annotate. */
  blocking?: boolean;
}

/**
 * Problems with the required filters of an RAI policy: `<label> is off` when a filter is absent
 * or disabled, `<label> does not block` when a blocking filter only annotates.
 */
export function filterIssues(
  policy: JsonObject,
  requirements: readonly FilterRequirement[],
): string[] {
  const issues: string[] = [];
  for (const { name, source, label = name, blocking } of requirements) {
    const filter = findFilter(policy, name, source);
    if (!filterEnabled(filter)) issues.push(`${label} is off`);
    else if (blocking && !filterBlocking(filter))
      issues.push(`${label} does not block`);
  }
  return issues;
}

/** Harm severity thresholds from the strictest to the most permissive. */
const THRESHOLD_ORDER = ['Low', 'Medium', 'High'] as const;

/** A harm severity threshold (`Low` blocks the most). */
export type HarmThreshold = (typeof THRESHOLD_ORDER)[number];

/**
 * Rank of a threshold, 0 for `Low` (strictest) to 2 for `High`; `undefined` for anything else.
 * Compared case-insensitively.
 */
export function thresholdRank(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const index = THRESHOLD_ORDER.findIndex(
    t => t.toLowerCase() === value.toLowerCase(),
  );
  return index < 0 ? undefined : index;
}

/** The part of a golden-path content filter profile the floor is computed from. */
export interface FilterProfileLike {
  severityThreshold?: string;
  blockProtectedMaterialCode?: boolean;
  blockProfanity?: boolean;
}

/**
 * What every deployment's content filter must meet: the baseline (harm filters blocking at Medium
 * or stricter) raised to the least strict content filter profile of the golden-path policy.
 */
export interface FilterFloor {
  /** Harm threshold at or below which every harm filter must block. */
  threshold: 'Low' | 'Medium';
  /** Profanity must be enabled and blocking on prompts and completions. */
  blockProfanity: boolean;
  /** Protected Material Code must block on completions (not only annotate). */
  blockProtectedMaterialCode: boolean;
  /**
   * The least strict profile, named only when the floor is stricter than the baseline (so the
   * messages can say which profile to apply). Every profile meets the floor.
   */
  profile?: string;
}

/** The baseline: harm filters blocking at Medium or stricter, nothing else. */
export const BASELINE_FLOOR: FilterFloor = Object.freeze({
  threshold: 'Medium',
  blockProfanity: false,
  blockProtectedMaterialCode: false,
});

/**
 * The floor of a set of golden-path content filter profiles: the least strict harm threshold any
 * profile sets (never more permissive than Medium), and Profanity or Protected Material Code
 * blocking only when every profile blocks it. An unset threshold is Medium, as the golden-path
 * builder applies it. No profiles: {@link BASELINE_FLOOR}.
 */
export function contentFilterFloor(
  profiles: Readonly<Record<string, FilterProfileLike>>,
): FilterFloor {
  const entries = Object.entries(profiles).map(([name, p]) => ({
    name,
    rank: thresholdRank(p.severityThreshold ?? 'Medium') ?? 1,
    profanity: p.blockProfanity === true,
    code: p.blockProtectedMaterialCode === true,
  }));
  if (entries.length === 0) return BASELINE_FLOOR;
  // Least strict first: most permissive threshold, then fewest blocking extras, then key order.
  const flags = (e: (typeof entries)[number]) =>
    Number(e.profanity) + Number(e.code);
  const [least] = [...entries].sort(
    (a, b) => b.rank - a.rank || flags(a) - flags(b),
  );
  const floor: FilterFloor = {
    threshold: least.rank === 0 ? 'Low' : 'Medium',
    blockProfanity: entries.every(e => e.profanity),
    blockProtectedMaterialCode: entries.every(e => e.code),
  };
  const raised =
    floor.threshold === 'Low' ||
    floor.blockProfanity ||
    floor.blockProtectedMaterialCode;
  return raised ? { ...floor, profile: least.name } : floor;
}

function harmFilters(threshold: HarmThreshold): JsonObject[] {
  return ['Hate', 'Sexual', 'Violence', 'Selfharm'].flatMap(name =>
    ['Prompt', 'Completion'].map(source => ({
      name,
      source,
      enabled: true,
      blocking: true,
      severityThreshold: threshold,
    })),
  );
}

/**
 * The documented content filters of the system policies, by lower-case name: both block hate,
 * sexual, violence and self-harm at Medium on prompts and completions; `Microsoft.DefaultV2` adds
 * the jailbreak shield and protected material detection (text blocking, code annotate-only). Only
 * good for proving a shortfall: the listed policy, when collected, is what counts.
 */
const DOCUMENTED_SYSTEM_POLICIES: Readonly<Record<string, JsonObject>> = {
  'microsoft.default': {
    name: 'Microsoft.Default',
    properties: {
      type: 'SystemManaged',
      contentFilters: harmFilters('Medium'),
    },
  },
  'microsoft.defaultv2': {
    name: 'Microsoft.DefaultV2',
    properties: {
      type: 'SystemManaged',
      contentFilters: [
        ...harmFilters('Medium'),
        { name: 'Jailbreak', source: 'Prompt', enabled: true, blocking: true },
        {
          name: 'Protected Material Text',
          source: 'Completion',
          enabled: true,
          blocking: true,
        },
        {
          name: 'Protected Material Code',
          source: 'Completion',
          enabled: true,
          blocking: false,
        },
      ],
    },
  },
};

/** The documented body of a system policy (lower-case name), for `perDeployment`. */
export function documentedSystemPolicy(name: string): JsonObject | undefined {
  return Object.prototype.hasOwnProperty.call(DOCUMENTED_SYSTEM_POLICIES, name)
    ? DOCUMENTED_SYSTEM_POLICIES[name]
    : undefined;
}
