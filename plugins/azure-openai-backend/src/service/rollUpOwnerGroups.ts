import type {
  FleetGroupSummary,
  FleetNestedOwnerSummary,
  Grade,
} from '@pavedai/plugin-azure-openai-common';

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];

/**
 * Rolls owner summaries up the group hierarchy: each group gets its own accounts plus those of
 * every descendant group. `parentsOf` maps a group ref to its parent group refs (`childOf`).
 * Owners that are not groups (users) only count for themselves. Cycles are ignored.
 */
export function rollUpOwnerGroups(
  byOwner: ReadonlyArray<FleetGroupSummary & { owner: string | null }>,
  parentsOf: ReadonlyMap<string, readonly string[]>,
): FleetNestedOwnerSummary[] {
  const totals = new Map<string, FleetNestedOwnerSummary>();
  const entryFor = (owner: string) => {
    let entry = totals.get(owner);
    if (!entry) {
      entry = {
        owner,
        accountCount: 0,
        score: 100,
        worstGrade: 'A',
        grades: { A: 0, B: 0, C: 0, D: 0, F: 0 },
        earnedWeight: 0,
        scoredWeight: 0,
        descendantOwners: [],
      };
      totals.set(owner, entry);
    }
    return entry;
  };

  for (const row of byOwner) {
    if (!row.owner) continue;
    const seen = new Set<string>();
    const queue = [row.owner];
    while (queue.length > 0) {
      const group = queue.shift()!;
      if (seen.has(group)) continue;
      seen.add(group);
      const entry = entryFor(group);
      entry.accountCount += row.accountCount;
      entry.earnedWeight += row.earnedWeight;
      entry.scoredWeight += row.scoredWeight;
      for (const grade of GRADES) entry.grades[grade] += row.grades[grade];
      if (GRADES.indexOf(row.worstGrade) > GRADES.indexOf(entry.worstGrade)) {
        entry.worstGrade = row.worstGrade;
      }
      if (group !== row.owner) entry.descendantOwners.push(row.owner);
      queue.push(...(parentsOf.get(group) ?? []));
    }
  }

  return [...totals.values()]
    .map(entry => ({
      ...entry,
      score:
        entry.scoredWeight === 0
          ? 100
          : Math.round((1000 * entry.earnedWeight) / entry.scoredWeight) / 10,
      descendantOwners: [...new Set(entry.descendantOwners)].sort(),
    }))
    .sort((a, b) => a.owner.localeCompare(b.owner));
}
