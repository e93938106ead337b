import type { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * `catalogServiceMock` with `getEntities` and `queryEntities` filters on `metadata.annotations.*` matched
 * case-insensitively on keys, as the real catalog does (the mock compares keys with upper-case
 * letters wrongly).
 */
export function createFakeCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });

  /** Splits annotation filters (matched here) from the rest (left to the mock). */
  const scope = (filter: unknown) => {
    if (!filter || Array.isArray(filter) || typeof filter !== 'object') {
      return undefined;
    }
    const entries = Object.entries(filter as Record<string, unknown>);
    const annotationFilters = entries.filter(([key]) =>
      key.startsWith('metadata.annotations.'),
    );
    if (annotationFilters.length === 0) return undefined;
    const rest = Object.fromEntries(
      entries.filter(([key]) => !key.startsWith('metadata.annotations.')),
    ) as Record<string, string>;
    const matching = entities.filter(entity =>
      annotationFilters.every(([key, expected]) => {
        const name = key.slice('metadata.annotations.'.length).toLowerCase();
        const found = Object.entries(entity.metadata.annotations ?? {}).find(
          ([k]) => k.toLowerCase() === name,
        );
        if (!found) return false;
        if (expected === CATALOG_FILTER_EXISTS) return true;
        return found[1].toLowerCase() === String(expected).toLowerCase();
      }),
    );
    return {
      scoped: catalogServiceMock({ entities: matching }),
      rest: Object.keys(rest).length ? rest : undefined,
    };
  };

  const originalGet = catalog.getEntities.bind(catalog);
  catalog.getEntities = async (request, options) => {
    const scoped = scope(request?.filter);
    if (!scoped) return originalGet(request, options);
    return scoped.scoped.getEntities(
      { ...request, filter: scoped.rest },
      options,
    );
  };

  // Cursor requests go back to the (scoped) catalog that issued the cursor.
  const cursorOwners = new Map<string, typeof catalog>();
  const originalQuery = catalog.queryEntities.bind(catalog);
  catalog.queryEntities = async (request, options) => {
    let owner: typeof catalog = catalog;
    let response;
    if (request && 'cursor' in request) {
      owner = cursorOwners.get(request.cursor) ?? catalog;
      response =
        owner === catalog
          ? await originalQuery(request, options)
          : await owner.queryEntities(request, options);
    } else {
      const scoped = scope(request?.filter);
      if (scoped) {
        owner = scoped.scoped;
        response = await owner.queryEntities(
          { ...request, filter: scoped.rest },
          options,
        );
      } else {
        response = await originalQuery(request, options);
      }
    }
    if (response.pageInfo.nextCursor && owner !== catalog) {
      cursorOwners.set(response.pageInfo.nextCursor, owner);
    }
    return response;
  };
  return catalog;
}
