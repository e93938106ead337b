import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** Route of the fleet page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'azure-openai' });

/** Route of the entity tab (legacy frontend system). */
export const entityContentRouteRef = createRouteRef({
  id: 'azure-openai:entity-content',
});

/** The policy impact preview under the fleet page (legacy frontend system). */
export const policyImpactRouteRef = createSubRouteRef({
  id: 'azure-openai:policy-impact',
  parent: rootRouteRef,
  path: '/policy-impact',
});
