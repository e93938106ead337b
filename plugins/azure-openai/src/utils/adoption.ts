import type {
  FleetItem,
  FleetPage,
  FleetQuery,
} from '@pavedai/plugin-azure-openai-common';

/** Golden-path share of a group of accounts. */
export interface AdoptionShare {
  /** Accounts in the group. */
  total: number;
  /** Of which came through the golden path (provenance present). */
  golden: number;
  /** `golden / total`, 0 when the group is empty. */
  share: number;
}

/** Golden-path adoption of the fleet, computed from the fleet items' provenance. */
export interface GoldenPathAdoption extends AdoptionShare {
  /** Per owner (`null`: accounts without owner), lowest share first, then most accounts. */
  byOwner: Array<AdoptionShare & { owner: string | null }>;
  /** Golden-path accounts per month of `recordedAt` (`YYYY-MM`, UTC), oldest first. */
  overTime: Array<{ month: string; added: number; cumulative: number }>;
  /** Template versions in use, most accounts first. */
  templates: Array<{
    templateRef: string;
    templateVersion?: string;
    accounts: number;
    /** Newest `recordedAt` among them (ISO 8601). */
    lastRecordedAt: string;
  }>;
}

function share(total: number, golden: number): AdoptionShare {
  return { total, golden, share: total === 0 ? 0 : golden / total };
}

/** Adoption figures of the given fleet items (every account of the fleet, one page or many). */
export function computeAdoption(
  items: readonly FleetItem[],
): GoldenPathAdoption {
  const owners = new Map<string | null, { total: number; golden: number }>();
  const months = new Map<string, number>();
  const templates = new Map<string, GoldenPathAdoption['templates'][number]>();
  let golden = 0;
  for (const item of items) {
    const owner = item.account.owner ?? null;
    const counts = owners.get(owner) ?? { total: 0, golden: 0 };
    counts.total += 1;
    owners.set(owner, counts);
    const provenance = item.goldenPath;
    if (!provenance) continue;
    golden += 1;
    counts.golden += 1;
    const month = provenance.recordedAt.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
    const key = JSON.stringify([
      provenance.templateRef,
      provenance.templateVersion ?? null,
    ]);
    const template = templates.get(key);
    if (template) {
      template.accounts += 1;
      if (provenance.recordedAt > template.lastRecordedAt) {
        template.lastRecordedAt = provenance.recordedAt;
      }
    } else {
      templates.set(key, {
        templateRef: provenance.templateRef,
        templateVersion: provenance.templateVersion,
        accounts: 1,
        lastRecordedAt: provenance.recordedAt,
      });
    }
  }
  let cumulative = 0;
  return {
    ...share(items.length, golden),
    byOwner: [...owners]
      .map(([owner, c]) => ({ owner, ...share(c.total, c.golden) }))
      .sort(
        (a, b) =>
          a.share - b.share ||
          b.total - a.total ||
          (a.owner ?? '').localeCompare(b.owner ?? ''),
      ),
    overTime: [...months.keys()].sort().map(month => {
      const added = months.get(month)!;
      cumulative += added;
      return { month, added, cumulative };
    }),
    templates: [...templates.values()].sort(
      (a, b) =>
        b.accounts - a.accounts ||
        a.templateRef.localeCompare(b.templateRef) ||
        (a.templateVersion ?? '').localeCompare(b.templateVersion ?? ''),
    ),
  };
}

/** Most fleet pages {@link loadWholeFleet} reads (500 accounts each). */
export const MAX_FLEET_PAGES = 200;

/**
 * Every account of the fleet matching `query`, read through `GET /fleet` page by page with its
 * cursor. `truncated` when the fleet has more than {@link MAX_FLEET_PAGES} pages.
 */
export async function loadWholeFleet(
  listFleet: (query: FleetQuery) => Promise<FleetPage>,
  query: FleetQuery = {},
): Promise<{ items: FleetItem[]; truncated: boolean }> {
  const items: FleetItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_FLEET_PAGES; page++) {
    const answer = await listFleet({
      ...query,
      sort: 'name',
      order: 'asc',
      limit: 500,
      cursor,
    });
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}
