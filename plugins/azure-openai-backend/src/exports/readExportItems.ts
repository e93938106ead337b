import type { AuditStore } from '../database/AuditStore';
import { accountIdFor } from '../database/armId';
import type {
  GovernanceReader,
  GovernanceRecords,
} from '../governance/GovernanceStore';
import type { ExportItem } from './types';

/** Accounts per store read: one page is all an export holds in memory. */
export const DEFAULT_EXPORT_PAGE_SIZE = 100;

/** Which accounts an export reads. */
export type ExportSelection =
  | { type: 'fleet' }
  | { type: 'owner'; ownerRef: string }
  | {
      type: 'linked';
      /** The entity's accounts (ARM ids with the entity refs that link them). */
      accounts: ReadonlyArray<{ resourceId: string; linkedBy: string[] }>;
    };

/** Adds to each item of a page the waivers and attestations in force for it (one read per page). */
async function withGovernance(
  items: ExportItem[],
  governance: GovernanceReader | undefined,
): Promise<ExportItem[]> {
  if (!governance || items.length === 0) return items;
  const records = await governance.listInForce({
    resourceIds: items.map(i => i.resourceId),
    entityRefs: [...new Set(items.flatMap(i => i.linkedBy ?? []))],
  });
  return items.map(item => {
    const key = item.resourceId.toLowerCase();
    const applies = ({
      scope,
    }: {
      scope: GovernanceRecords['waivers'][number]['scope'];
    }) =>
      scope.type === 'account'
        ? scope.resourceId.toLowerCase() === key
        : (item.linkedBy ?? []).includes(scope.entityRef);
    return {
      ...item,
      governance: {
        waivers: records.waivers.filter(applies),
        attestations: records.attestations.filter(applies),
      },
    };
  });
}

/**
 * The accounts of a selection with their latest postures, read from the store one page at a time
 * (keyset pagination on the ARM id), so memory stays bounded by the page size. Fleet and owner
 * selections leave deleted accounts out; an entity's accounts are listed even when no scan has
 * stored them yet (without posture). With a governance reader, each item also carries the
 * waivers and attestations in force now.
 */
export async function* readExportItems(
  store: AuditStore,
  selection: ExportSelection,
  pageSize = DEFAULT_EXPORT_PAGE_SIZE,
  governance?: GovernanceReader,
): AsyncGenerator<ExportItem> {
  if (selection.type === 'linked') {
    for (let i = 0; i < selection.accounts.length; i += pageSize) {
      const chunk = selection.accounts.slice(i, i + pageSize);
      const page = await store.listLatestPage({
        accountIds: chunk.map(a => accountIdFor(a.resourceId)),
        includeDeleted: true,
        limit: chunk.length,
      });
      const byId = new Map(page.map(p => [p.account.id, p]));
      const items = chunk.map(link => {
        const found = byId.get(accountIdFor(link.resourceId));
        return {
          resourceId: found?.account.resourceId ?? link.resourceId,
          account: found?.account,
          linkedBy: link.linkedBy,
          posture: found?.posture,
        };
      });
      yield* await withGovernance(items, governance);
    }
    return;
  }
  const owner = selection.type === 'owner' ? selection.ownerRef : undefined;
  let after: string | undefined;
  for (;;) {
    const page = await store.listLatestPage({ owner, after, limit: pageSize });
    yield* await withGovernance(
      page.map(({ account, posture }) => ({
        resourceId: account.resourceId,
        account,
        posture,
      })),
      governance,
    );
    if (page.length < pageSize) return;
    after = page[page.length - 1].account.resourceId;
  }
}
