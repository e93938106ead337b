import { accountRoutes } from './handlers/accounts';
import { deploymentRoutes } from './handlers/deployments';
import { operationRoutes } from './handlers/operations';
import { raiRoutes } from './handlers/rai';
import { resourceGroupRoutes } from './handlers/resourceGroups';
import { Router } from './router';

/** The router with every served ARM operation. */
export function createRouter(): Router {
  return new Router().add(
    ...operationRoutes,
    ...accountRoutes,
    ...deploymentRoutes,
    ...raiRoutes,
    ...resourceGroupRoutes,
  );
}
