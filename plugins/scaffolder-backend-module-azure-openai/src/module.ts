import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readGoldenPathPolicy } from '@pavedai/plugin-azure-openai-node';
import { createAuditAction } from './actions/auditAction';
import { createDeploymentAction } from './actions/deploymentAction';
import { createAuditInputsSource } from './actions/recordedInputs';
import { createRestoreAction } from './actions/restoreAction';
import { createProvisionAction } from './actions/provisionAction';
import { createProvisioningArm } from './arm/provisioningArm';
import { readProvisioningConfig } from './config';

/**
 * Scaffolder module with the golden-path actions `azure:openai:provision`,
 * `azure:openai:deployment:create`, `azure:openai:golden-path:restore` and
 * `azure:openai:audit`. The Azure identity comes from `azureOpenAI.provisioning.azure` (else
 * `azureOpenAI.azure`) and the policy from `azureOpenAI.goldenPath`; both are read at start, and a
 * bad value stops the backend with an error naming the key.
 *
 * @public
 */
export const scaffolderModuleAzureOpenAI = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'azure-openai',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        scaffolderActions,
        config,
        logger,
        events,
        discovery,
        auth,
      }) {
        const provisioning = readProvisioningConfig(config);
        const policy = readGoldenPathPolicy(config);
        const arm = createProvisioningArm(provisioning.azure, { logger });
        scaffolderActions.addActions(
          createProvisionAction({
            arm,
            policy,
            settings: provisioning,
            events,
            logger,
          }),
          createRestoreAction({
            arm,
            policy,
            settings: provisioning,
            events,
            logger,
            inputs: createAuditInputsSource({ discovery, auth }),
          }),
          createDeploymentAction({
            arm,
            policy,
            settings: provisioning,
            events,
          }),
          createAuditAction({ arm, policy }),
        );
      },
    });
  },
});
