import { accountRoutes } from './handlers/accounts';
import { authorizationRoutes } from './handlers/authorization';
import { cognitiveMiscRoutes } from './handlers/cognitiveMisc';
import { deploymentRoutes } from './handlers/deployments';
import { insightsRoutes } from './handlers/insights';
import { networkRoutes } from './handlers/network';
import { operationRoutes } from './handlers/operations';
import { raiRoutes } from './handlers/rai';
import { resourceGraphRoutes } from './handlers/resourceGraph';
import { resourceGroupRoutes } from './handlers/resourceGroups';
import { securityRoutes } from './handlers/security';
import { sharedResourceRoutes } from './handlers/sharedResources';
import { subscriptionRoutes } from './handlers/subscriptions';
import { Router } from './router';

/** The router with every served ARM operation. Scope-generic routes come last. */
export function createRouter(): Router {
  return new Router().add(
    ...operationRoutes,
    ...accountRoutes,
    ...deploymentRoutes,
    ...raiRoutes,
    ...cognitiveMiscRoutes,
    ...subscriptionRoutes,
    ...resourceGroupRoutes,
    ...networkRoutes,
    ...sharedResourceRoutes,
    ...securityRoutes,
    ...resourceGraphRoutes,
    ...insightsRoutes,
    ...authorizationRoutes,
  );
}
