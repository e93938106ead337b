import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { EntityFilterQuery } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** Entities per catalog request when reading the whole catalog. */
export const CATALOG_PAGE_SIZE = 500;

/** What {@link queryAllEntities} asks the catalog for. */
export interface QueryAllEntitiesRequest {
  filter: EntityFilterQuery;
  fields: string[];
  /** Stable order across pages; default `metadata.name` ascending. */
  orderFields?: Array<{ field: string; order: 'asc' | 'desc' }>;
  /** Default {@link CATALOG_PAGE_SIZE}. */
  pageSize?: number;
}

/**
 * Streams every entity matching the request, one `queryEntities` page at a time (cursor paging),
 * so a catalog with many thousands of entities is never read in one response.
 */
export async function* queryAllEntities(
  catalog: CatalogService,
  request: QueryAllEntitiesRequest,
  credentials: BackstageCredentials,
): AsyncIterable<Entity> {
  const limit = request.pageSize ?? CATALOG_PAGE_SIZE;
  let page = await catalog.queryEntities(
    {
      filter: request.filter,
      fields: request.fields,
      orderFields: request.orderFields ?? [
        { field: 'metadata.name', order: 'asc' },
      ],
      limit,
    },
    { credentials },
  );
  for (;;) {
    yield* page.items;
    const cursor = page.pageInfo.nextCursor;
    if (!cursor || page.items.length === 0) return;
    page = await catalog.queryEntities(
      { cursor, fields: request.fields, limit },
      { credentials },
    );
  }
}
