import {
  GOLDEN_PATH_PROVENANCE_TAGS as GOLDEN_PATH_TAGS,
  type AzureOpenAIAccount,
  type FleetItem,
  type GoldenPathProvenance,
} from '@pavedai/plugin-azure-openai-common';
import type { Knex } from 'knex';
import { toIso, type DbDate } from '../database/DatabaseAuditStore';

const PROVENANCE = 'azure_openai_provenance';

function tag(
  tags: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const key = Object.keys(tags).find(
    k => k.toLowerCase() === name.toLowerCase(),
  );
  const value = key === undefined ? undefined : tags[key]?.trim();
  return value ? value : undefined;
}

/**
 * The golden-path provenance an account's tags carry (`source: tags`), or undefined when it has
 * no `backstage.io-template` tag. `recordedAt` is when the audit first saw the account.
 */
export function provenanceFromTags(
  account: Pick<AzureOpenAIAccount, 'tags' | 'firstSeenAt'>,
): GoldenPathProvenance | undefined {
  const templateRef = tag(account.tags, GOLDEN_PATH_TAGS.template);
  if (!templateRef) return undefined;
  const templateVersion = tag(account.tags, GOLDEN_PATH_TAGS.templateVersion);
  const policyVersion = tag(account.tags, GOLDEN_PATH_TAGS.policyVersion);
  return {
    source: 'tags',
    templateRef,
    ...(templateVersion ? { templateVersion } : {}),
    taskId: tag(account.tags, GOLDEN_PATH_TAGS.task) ?? '',
    ...(policyVersion ? { policyVersion } : {}),
    recordedAt: account.firstSeenAt,
  };
}

/** A row of `azure_openai_provenance`. */
export interface RawProvenanceRow {
  account_id: string;
  resource_id: string;
  template_ref: string;
  template_version: string | null;
  task_id: string;
  policy_version: string | null;
  requested_by: string | null;
  inputs: string | null;
  recorded_at: DbDate;
}

/** The wire provenance of a stored record (`source: event`). */
export function provenanceFromRow(row: RawProvenanceRow): GoldenPathProvenance {
  return {
    source: 'event',
    templateRef: row.template_ref,
    ...(row.template_version ? { templateVersion: row.template_version } : {}),
    taskId: row.task_id,
    ...(row.policy_version ? { policyVersion: row.policy_version } : {}),
    recordedAt: toIso(row.recorded_at),
  };
}

/** SQL: the account (alias `a`) has a provenance record or a `backstage.io-template` tag. */
function isGoldenPath(db: Knex, q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q
    .whereExists(sub =>
      sub
        .select(db.raw('1'))
        .from(`${PROVENANCE} as gp`)
        .whereRaw('gp.account_id = a.id'),
    )
    .orWhereRaw('lower(coalesce(a.tags, ?)) like ?', [
      '',
      `%"${GOLDEN_PATH_TAGS.template}":%`,
    ]);
}

/** Applies the fleet's `goldenPath=true|false` filter to a query over accounts aliased `a`. */
export function filterGoldenPath(
  db: Knex,
  query: Knex.QueryBuilder,
  goldenPath: boolean | undefined,
): void {
  if (goldenPath === true) query.where(q => isGoldenPath(db, q));
  if (goldenPath === false) query.whereNot(q => isGoldenPath(db, q));
}

/** Sets `goldenPath` on fleet items: the provenance record, else the account's tags. */
export async function attachGoldenPath(
  db: Knex,
  items: FleetItem[],
): Promise<void> {
  if (items.length === 0) return;
  const rows = await db<RawProvenanceRow>(PROVENANCE).whereIn(
    'account_id',
    items.map(i => i.account.id),
  );
  const records = new Map(rows.map(r => [r.account_id, r]));
  for (const item of items) {
    const row = records.get(item.account.id);
    const goldenPath = row
      ? provenanceFromRow(row)
      : provenanceFromTags(item.account);
    if (goldenPath) item.goldenPath = goldenPath;
  }
}
