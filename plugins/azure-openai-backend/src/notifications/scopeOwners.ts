import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuditStore } from '../database/AuditStore';
import type { EntityLinker } from '../linking/EntityLinker';
import type { ScopeOwnerResolver } from './ExpiryNotifier';

/**
 * Owners of governance scopes, read with the plugin's own credentials: an entity's `spec.owner`;
 * for an account, the owner of the catalog entity carrying its ARM id, else the owner the audit
 * stored for it (from its tags).
 */
export function createScopeOwnerResolver(options: {
  catalog: CatalogService;
  auth: AuthService;
  linker: Pick<EntityLinker, 'findClaimingEntities'>;
  audit: Pick<AuditStore, 'getAccount'>;
}): ScopeOwnerResolver {
  const { catalog, auth, linker, audit } = options;
  const ownerOf = async (entityRef: string) => {
    const credentials = await auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    const owner = entity?.spec?.owner;
    if (!entity || typeof owner !== 'string' || owner.trim() === '') {
      return undefined;
    }
    try {
      return stringifyEntityRef(
        parseEntityRef(owner.trim(), {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      );
    } catch {
      return undefined;
    }
  };
  return async scope => {
    if (scope.type === 'entity') {
      return {
        owner: await ownerOf(scope.entityRef),
        entityRef: scope.entityRef,
      };
    }
    const credentials = await auth.getOwnServiceCredentials();
    const [entityRef] = await linker.findClaimingEntities(
      scope.resourceId,
      credentials,
    );
    const owner =
      (entityRef && (await ownerOf(entityRef))) ||
      (await audit.getAccount(scope.resourceId))?.owner;
    return { owner, entityRef };
  };
}
