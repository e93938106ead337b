import type { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * `catalogServiceMock` with `getEntities` filters on `metadata.annotations.*` matched
 * case-insensitively on keys, as the real catalog does (the mock compares keys with upper-case
 * letters wrongly).
 */
export function createFakeCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const original = catalog.getEntities.bind(catalog);
  catalog.getEntities = async (request, options) => {
    const filter = request?.filter;
    if (!filter || Array.isArray(filter)) return original(request, options);
    const annotationFilters = Object.entries(filter).filter(([key]) =>
      key.startsWith('metadata.annotations.'),
    );
    if (annotationFilters.length === 0) return original(request, options);
    const rest = Object.fromEntries(
      Object.entries(filter).filter(
        ([key]) => !key.startsWith('metadata.annotations.'),
      ),
    );
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
    const scoped = catalogServiceMock({ entities: matching });
    return scoped.getEntities(
      { ...request, filter: Object.keys(rest).length ? rest : undefined },
      options,
    );
  };
  return catalog;
}
