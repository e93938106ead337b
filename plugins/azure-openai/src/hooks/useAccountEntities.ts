import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { AZURE_RESOURCE_ID_ANNOTATION } from '@pavedai/plugin-azure-openai-common';
import { useAsyncData } from './useAsyncData';

/**
 * Finds the catalog entities that carry these ARM ids in their annotation, in one catalog
 * request. Resolves to a map from lower-cased ARM id to entity ref.
 */
export function useAccountEntities(
  resourceIds: readonly string[],
): Map<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const key = resourceIds.join('\n');
  const { value } = useAsyncData(async () => {
    const map = new Map<string, string>();
    if (resourceIds.length === 0) return map;
    const response = await catalogApi.getEntities({
      filter: resourceIds.map(id => ({
        [`metadata.annotations.${AZURE_RESOURCE_ID_ANNOTATION}`]: id,
      })),
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    });
    for (const entity of response.items) {
      const id = entity.metadata.annotations?.[AZURE_RESOURCE_ID_ANNOTATION];
      if (id)
        map.set(id.toLocaleLowerCase('en-US'), stringifyEntityRef(entity));
    }
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
  return value ?? new Map();
}
