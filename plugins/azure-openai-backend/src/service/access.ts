import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  azureOpenAIFleetReadPermission,
  azureOpenAIPostureReadPermission,
} from '@pavedai/plugin-azure-openai-common';

/**
 * The permission checks of the audit plugin, shared by the REST routes and the actions registry
 * actions so both decide the same way for the same caller.
 */
export interface PostureAccess {
  /** Whether the caller holds an entity-scoped permission on the entity. */
  isAllowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<boolean>;
  /** Whether the caller may read the fleet (every account, including ones outside the catalog). */
  hasFleetRead(credentials: BackstageCredentials): Promise<boolean>;
  /** @throws NotAllowedError without fleet read */
  requireFleetRead(credentials: BackstageCredentials): Promise<void>;
  /** @throws NotAllowedError when the caller may not read the entity's posture */
  requireEntityPostureRead(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<void>;
  /**
   * The control catalog is readable to anyone who may read some posture (an unconditional DENY of
   * posture read refuses it).
   *
   * @throws NotAllowedError when posture read is denied outright
   */
  requireControlsRead(credentials: BackstageCredentials): Promise<void>;
}

/** Creates the shared permission checks over the permissions service. */
export function createPostureAccess(
  permissions: PermissionsService,
): PostureAccess {
  const isAllowed: PostureAccess['isAllowed'] = async (
    credentials,
    permission,
    entityRef,
  ) =>
    (
      await permissions.authorize([{ permission, resourceRef: entityRef }], {
        credentials,
      })
    )[0].result === AuthorizeResult.ALLOW;

  const hasFleetRead: PostureAccess['hasFleetRead'] = async credentials =>
    (
      await permissions.authorize(
        [{ permission: azureOpenAIFleetReadPermission }],
        { credentials },
      )
    )[0].result === AuthorizeResult.ALLOW;

  return {
    isAllowed,
    hasFleetRead,
    async requireFleetRead(credentials) {
      if (!(await hasFleetRead(credentials))) {
        throw new NotAllowedError('Not allowed to read the Azure OpenAI fleet');
      }
    },
    async requireEntityPostureRead(credentials, entityRef) {
      if (
        !(await isAllowed(
          credentials,
          azureOpenAIPostureReadPermission,
          entityRef,
        ))
      ) {
        throw new NotAllowedError(
          `Not allowed to read the posture of '${entityRef}'`,
        );
      }
    },
    async requireControlsRead(credentials) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: azureOpenAIPostureReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.DENY) {
        throw new NotAllowedError('Not allowed to read Azure OpenAI posture');
      }
    },
  };
}
