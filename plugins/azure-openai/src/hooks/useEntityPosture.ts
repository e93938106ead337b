import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntityPosture } from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../api/AzureOpenAIApi';
import { type AsyncData, useAsyncData } from './useAsyncData';

/** The current entity, its ref and its Azure OpenAI posture as it loads. */
export interface EntityPostureData extends AsyncData<EntityPosture> {
  entity: Entity;
  entityRef: string;
}

/** Loads the Azure OpenAI posture of the entity of the current entity page. */
export function useEntityPosture(): EntityPostureData {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(azureOpenAIApiRef);
  const posture = useAsyncData(
    () => api.getEntityPosture(entityRef),
    [api, entityRef],
  );
  return { ...posture, entity, entityRef };
}
