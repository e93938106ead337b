import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { GoldenPathPermissionPolicy } from './GoldenPathPermissionPolicy';

/** Installs {@link GoldenPathPermissionPolicy} as the permission backend's policy. */
export const permissionModuleGoldenPathPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'golden-path-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          GoldenPathPermissionPolicy.fromConfig(config, { userInfo }),
        );
      },
    });
  },
});
