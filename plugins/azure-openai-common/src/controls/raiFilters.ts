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
