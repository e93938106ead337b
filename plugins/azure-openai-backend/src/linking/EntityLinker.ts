import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  type Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AZURE_RESOURCE_ID_ANNOTATION } from '@pavedai/plugin-azure-openai-common';
import { isAccountResourceId } from '../database/armId';
import type { DiscoveredAccount } from '../types';
import { CATALOG_PAGE_SIZE, queryAllEntities } from './queryAllEntities';

/** Tag on an Azure account naming its owner (a group or user ref, kind defaults to group). */
export const OWNER_TAG = 'backstage.io-owner';
/** Tag on an Azure account naming its system (kind defaults to system). */
export const SYSTEM_TAG = 'backstage.io-system';

const REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ANNOTATION_FIELD = `metadata.annotations.${AZURE_RESOURCE_ID_ANNOTATION}`;
const LINK_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'relations',
  'spec.owner',
  'spec.system',
];

/** A catalog entity that carries an account's ARM id. */
export interface AccountClaim {
  /** The ARM id as the annotation spells it. */
  resourceId?: string;
  entityRef: string;
  owner?: string;
  system?: string;
}

/** The accounts an entity shows posture for. */
export interface EntityAccounts {
  entityRef: string;
  /** ARM ids, each with the entity refs that link it (the entity itself or its resources). */
  accounts: Array<{ resourceId: string; linkedBy: string[] }>;
}

function toRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace = 'default',
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const ref = parseEntityRef(value.trim(), { defaultKind, defaultNamespace });
    if (![ref.kind, ref.namespace, ref.name].every(p => REF_PART.test(p))) {
      return undefined;
    }
    return stringifyEntityRef(ref);
  } catch {
    return undefined;
  }
}

function annotationOf(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[AZURE_RESOURCE_ID_ANNOTATION];
  return value && isAccountResourceId(value)
    ? value.trim().replace(/\/+$/, '')
    : undefined;
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef);
}

/**
 * Owner and system of an account: from the catalog entity that claims it, otherwise from its
 * `backstage.io-owner` / `backstage.io-system` tags.
 */
export function ownershipFor(
  account: DiscoveredAccount,
  claim: AccountClaim | undefined,
): { owner?: string; system?: string } {
  const tags = account.tags ?? {};
  return {
    owner: claim?.owner ?? toRef(tags[OWNER_TAG], 'group'),
    system: claim?.system ?? toRef(tags[SYSTEM_TAG], 'system'),
  };
}

/**
 * Links catalog entities and Azure OpenAI accounts through the `management.azure.com/resourceId`
 * annotation and the `dependsOn` / `hasPart` relations.
 */
export class EntityLinker {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #pageSize: number;

  /**
   * @param options - `pageSize`: entities per catalog request when reading claims and groups
   *   (default 500).
   */
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    pageSize?: number;
  }): EntityLinker {
    return new EntityLinker(
      options.catalog,
      options.auth,
      options.pageSize ?? CATALOG_PAGE_SIZE,
    );
  }

  private constructor(
    catalog: CatalogService,
    auth: AuthService,
    pageSize: number,
  ) {
    this.#catalog = catalog;
    this.#auth = auth;
    this.#pageSize = pageSize;
  }

  /**
   * Every entity that carries the annotation, keyed by lower-cased ARM id, read with the plugin's
   * own credentials (used by scans to set owner and system). Read page by page with the catalog's
   * cursor, so catalogs of any size work. The first entity in name order wins.
   */
  async loadAccountClaims(): Promise<Map<string, AccountClaim>> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const claims = new Map<string, AccountClaim>();
    const entities = queryAllEntities(
      this.#catalog,
      {
        filter: { [ANNOTATION_FIELD]: CATALOG_FILTER_EXISTS },
        fields: LINK_FIELDS,
        orderFields: [{ field: 'metadata.name', order: 'asc' }],
        pageSize: this.#pageSize,
      },
      credentials,
    );
    for await (const entity of entities) {
      const resourceId = annotationOf(entity);
      if (!resourceId) continue;
      const key = resourceId.toLowerCase();
      if (claims.has(key)) continue;
      const namespace = entity.metadata.namespace ?? 'default';
      claims.set(key, {
        resourceId,
        entityRef: stringifyEntityRef(entity),
        owner: toRef(entity.spec?.owner, 'group', namespace),
        system: toRef(entity.spec?.system, 'system', namespace),
      });
    }
    return claims;
  }

  /**
   * Parent groups of every group (`childOf`), read with the plugin's own credentials.
   */
  async loadGroupParents(): Promise<Map<string, string[]>> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const parents = new Map<string, string[]>();
    const groups = queryAllEntities(
      this.#catalog,
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
        pageSize: this.#pageSize,
      },
      credentials,
    );
    for await (const group of groups) {
      parents.set(
        stringifyEntityRef(group),
        relationTargets(group, RELATION_CHILD_OF),
      );
    }
    return parents;
  }

  /**
   * Entity refs of the entities (visible to the caller) that carry the account's ARM id.
   */
  async findClaimingEntities(
    resourceId: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: { [ANNOTATION_FIELD]: resourceId },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    return items
      .filter(e => annotationOf(e)?.toLowerCase() === resourceId.toLowerCase())
      .map(e => stringifyEntityRef(e));
  }

  /**
   * Entity refs of every entity (visible to the caller) whose accounts, as
   * {@link EntityLinker.resolveEntityAccounts} finds them, include this account: the entities that
   * carry its ARM id, the entities that `dependsOn` one of those, and the systems that `hasPart`
   * one of those or a component that depends on one. Sorted.
   */
  async findLinkingEntities(
    resourceId: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const claiming = await this.findClaimingEntities(resourceId, credentials);
    if (claiming.length === 0) return [];
    const refFields = ['kind', 'metadata.namespace', 'metadata.name'];
    const dependents = (
      await this.#catalog.getEntities(
        {
          filter: { [`relations.${RELATION_DEPENDS_ON}`]: claiming },
          fields: refFields,
        },
        { credentials },
      )
    ).items;
    const parts = [
      ...claiming,
      ...dependents
        .filter(e => e.kind.toLowerCase() === 'component')
        .map(e => stringifyEntityRef(e)),
    ];
    const systems = (
      await this.#catalog.getEntities(
        {
          filter: {
            kind: 'system',
            [`relations.${RELATION_HAS_PART}`]: parts,
          },
          fields: refFields,
        },
        { credentials },
      )
    ).items;
    return [
      ...new Set([
        ...claiming,
        ...[...dependents, ...systems].map(e => stringifyEntityRef(e)),
      ]),
    ].sort();
  }

  /**
   * The accounts of an entity: its own annotation, the annotated resources it `dependsOn`, and for
   * a system the resources it `hasPart` plus what its components depend on. Read with the
   * caller's credentials, so entities the caller cannot see do not contribute. `undefined` when
   * the entity does not exist (or is not visible).
   */
  async resolveEntityAccounts(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityAccounts | undefined> {
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) return undefined;
    const ref = stringifyEntityRef(entity);
    const accounts = new Map<
      string,
      { resourceId: string; linkedBy: Set<string> }
    >();
    const add = (e: Entity) => {
      const resourceId = annotationOf(e);
      if (!resourceId) return;
      const key = resourceId.toLowerCase();
      const entry = accounts.get(key) ?? {
        resourceId,
        linkedBy: new Set<string>(),
      };
      entry.linkedBy.add(stringifyEntityRef(e));
      accounts.set(key, entry);
    };
    add(entity);

    const firstHop = [
      ...relationTargets(entity, RELATION_DEPENDS_ON),
      ...(entity.kind.toLowerCase() === 'system'
        ? relationTargets(entity, RELATION_HAS_PART)
        : []),
    ];
    const related = await this.#fetch(firstHop, credentials);
    const secondHop: string[] = [];
    for (const e of related) {
      add(e);
      if (
        entity.kind.toLowerCase() === 'system' &&
        e.kind.toLowerCase() === 'component'
      ) {
        secondHop.push(...relationTargets(e, RELATION_DEPENDS_ON));
      }
    }
    for (const e of await this.#fetch(secondHop, credentials)) add(e);

    return {
      entityRef: ref,
      accounts: [...accounts.values()]
        .map(a => ({
          resourceId: a.resourceId,
          linkedBy: [...a.linkedBy].sort(),
        }))
        .sort((a, b) => a.resourceId.localeCompare(b.resourceId)),
    };
  }

  async #fetch(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const unique = [...new Set(refs)];
    if (unique.length === 0) return [];
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: LINK_FIELDS },
      { credentials },
    );
    return items.filter((e): e is Entity => Boolean(e));
  }
}
