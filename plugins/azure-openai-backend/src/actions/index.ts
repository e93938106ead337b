import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { AuditStore } from '../database/AuditStore';
import type { PostureAccess } from '../service/access';
import type { PostureService } from '../service/PostureService';
import { registerExplainControlAction } from './explainControlAction';
import { registerGetPostureAction } from './getPostureAction';
import { registerListFailingControlsAction } from './listFailingControlsAction';

/**
 * Registers the read-only actions of the audit plugin with the actions registry, so AI assistants
 * reach them through the MCP actions backend (`azure-openai:get-azure-openai-posture`,
 * `azure-openai:list-failing-azure-openai-controls`, `azure-openai:explain-azure-openai-control`).
 * Each runs as the calling user, with the permission checks of the matching REST route.
 */
export function registerAzureOpenAIActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: PostureAccess;
  postures: PostureService;
  store: AuditStore;
}): void {
  registerGetPostureAction(options);
  registerListFailingControlsAction(options);
  registerExplainControlAction(options);
}
