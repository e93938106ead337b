import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

/** A decision per permission name: allow, deny, or allow only for some resource refs. */
export type FakeRule = boolean | ((resourceRef: string) => boolean);

/**
 * A permissions service deciding by permission name. A rule that is a function is conditional:
 * `authorize` calls it with the resource ref, `authorizeConditional` answers CONDITIONAL.
 */
export function fakePermissions(
  rules: Record<string, FakeRule>,
): PermissionsService {
  const ruleFor = (name: string): FakeRule => rules[name] ?? false;
  return {
    async authorize(requests) {
      return requests.map(request => {
        const rule = ruleFor(request.permission.name);
        const allowed =
          typeof rule === 'function'
            ? request.resourceRef !== undefined && rule(request.resourceRef)
            : rule;
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional(requests) {
      return requests.map(request => {
        const rule = ruleFor(request.permission.name);
        if (typeof rule === 'function') {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: {},
            },
          } as PolicyDecision;
        }
        return { result: rule ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
      });
    },
  };
}
