import { UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/** The group whose members administer the golden path when config names none. */
export const DEFAULT_PLATFORM_GROUPS = ['group:default/platform-team'];

/**
 * Permissions that only the platform team holds, whatever their action: approving what others
 * request and managing what every team relies on.
 */
const PLATFORM_ONLY_PERMISSIONS = new Set([
  'azure-openai.waiver.approve',
  'scaffolder.template.management',
  'catalog.location.delete',
]);

/**
 * Permissions every signed-in user holds, whatever else the policy says: reading the golden-path
 * options is what the template forms do for anyone who may run a template.
 */
const EVERY_SIGNED_IN_USER_PERMISSIONS = new Set([
  'azure-openai.golden-path.read',
]);

/**
 * The permission policy of the golden-path Backstage.
 *
 * - Members of a platform group (config `permission.goldenPath.platformGroups`) may do anything.
 * - Everyone signed in may read and create (register entities, run templates), and always read
 *   the golden-path options (`azure-openai.golden-path.read`) the template forms offer.
 * - Scanning an entity, requesting a waiver for it and attesting its controls is limited to its
 *   owners; so is changing or deleting a catalog entity.
 * - Anything else that updates or deletes, and the platform-only permissions, are denied.
 * - Requests without a user are denied, except reads when `permission.goldenPath.anonymousRead`
 *   is set (local development, where the backend also accepts unauthenticated requests).
 */
export class GoldenPathPermissionPolicy implements PermissionPolicy {
  readonly #platformGroups: Set<string>;
  readonly #anonymousRead: boolean;
  readonly #userInfo: UserInfoService;

  static fromConfig(config: Config, options: { userInfo: UserInfoService }) {
    const settings = config.getOptionalConfig('permission.goldenPath');
    return new GoldenPathPermissionPolicy({
      platformGroups:
        settings?.getOptionalStringArray('platformGroups') ??
        DEFAULT_PLATFORM_GROUPS,
      anonymousRead: settings?.getOptionalBoolean('anonymousRead') ?? false,
      userInfo: options.userInfo,
    });
  }

  private constructor(options: {
    platformGroups: string[];
    anonymousRead: boolean;
    userInfo: UserInfoService;
  }) {
    this.#platformGroups = new Set(
      options.platformGroups.map(g => g.toLocaleLowerCase('en-US')),
    );
    this.#anonymousRead = options.anonymousRead;
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!user) {
      // Only reachable when the backend accepts unauthenticated requests (local development).
      const readOnly = permission.attributes.action === 'read';
      return {
        result:
          this.#anonymousRead && readOnly
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    if (EVERY_SIGNED_IN_USER_PERMISSIONS.has(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    const claims = ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    if (claims.some(ref => this.#platformGroups.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }

    if (PLATFORM_ONLY_PERMISSIONS.has(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    const action = permission.attributes.action;
    if (action === undefined || action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    // Scanning an entity, requesting a waiver for it or attesting its controls is for its owners.
    if (
      permission.name.startsWith('azure-openai.') &&
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    if (action === 'create') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
