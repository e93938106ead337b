import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the fleet page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'azure-openai' });

/** Route of the entity tab (legacy frontend system). */
export const entityContentRouteRef = createRouteRef({
  id: 'azure-openai:entity-content',
});
