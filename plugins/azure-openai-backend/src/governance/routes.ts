import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  azureOpenAIAttestationCreatePermission,
  azureOpenAIPostureReadPermission,
  azureOpenAIWaiverApprovePermission,
  azureOpenAIWaiverRequestPermission,
  type GovernanceList,
  type GovernanceScope,
} from '@pavedai/plugin-azure-openai-common';
import type { Request, Router } from 'express';
import type { z } from 'zod';
import type { EntityLinker } from '../linking/EntityLinker';
import { parseInput } from '../service/validation';
import type { GovernanceService } from './GovernanceService';
import {
  attestationQuerySchema,
  attestationRequestBodySchema,
  historyQuerySchema,
  waiverDecisionBodySchema,
  waiverParamsSchema,
  waiverQuerySchema,
  waiverRequestBodySchema,
  waiverRevokeBodySchema,
} from './schemas';

type EntityPermission = ResourcePermission<'catalog-entity'>;

/** The router's permission helpers the governance routes reuse. */
export interface GovernanceRouteAccess {
  isAllowed(
    credentials: BackstageCredentials,
    permission: EntityPermission,
    entityRef: string,
  ): Promise<boolean>;
  hasFleetRead(credentials: BackstageCredentials): Promise<boolean>;
  /** The permission on an entity that links the account (or unconditionally, when none does). */
  canUseAccount(
    credentials: BackstageCredentials,
    resourceId: string,
    permission: EntityPermission,
  ): Promise<boolean>;
  /** The ARM id of an account parameter (opaque id or ARM id). @throws NotFoundError */
  resourceIdOf(accountId: string): Promise<string>;
}

/** Options of {@link registerGovernanceRoutes}. */
export interface GovernanceRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  linker: EntityLinker;
  access: GovernanceRouteAccess;
  /** Undefined when the plugin runs without governance: the routes answer 501. */
  governance?: GovernanceService;
}

/**
 * Adds the waiver, attestation and history routes to the audit plugin's router:
 * `POST /waivers`, `GET /waivers`, `POST /waivers/{id}/decision`, `POST /waivers/{id}/revoke`,
 * `POST /attestations`, `GET /attestations`, `GET /governance/history`.
 */
export function registerGovernanceRoutes(
  router: Router,
  options: GovernanceRoutesOptions,
): void {
  const { httpAuth, permissions, linker, access } = options;

  const service = (): GovernanceService => {
    if (!options.governance) {
      throw new NotImplementedError(
        'Waivers and attestations are not set up in this backend',
      );
    }
    return options.governance;
  };

  const userOf = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return {
      credentials,
      actor: (credentials.principal as BackstageUserPrincipal).userEntityRef,
    };
  };

  const isApprover = async (credentials: BackstageCredentials) =>
    (
      await permissions.authorize(
        [{ permission: azureOpenAIWaiverApprovePermission }],
        { credentials },
      )
    )[0].result === AuthorizeResult.ALLOW;

  /**
   * The scope a body names, once the caller holds the permission on it: the entity itself, or an
   * entity that links the account (see `canUseAccount`).
   */
  const authorizedScope = async (
    credentials: BackstageCredentials,
    body: { entityRef?: string; accountId?: string },
    permission: EntityPermission,
    what: string,
  ): Promise<GovernanceScope> => {
    if (body.entityRef !== undefined) {
      const entityRef = body.entityRef;
      if (!(await access.isAllowed(credentials, permission, entityRef))) {
        throw new NotAllowedError(
          `Not allowed to ${what} for '${entityRef}': only its owners (or the platform team) may`,
        );
      }
      const linked = await linker.resolveEntityAccounts(entityRef, credentials);
      if (!linked) throw new NotFoundError(`No entity '${entityRef}'`);
      return { type: 'entity', entityRef: linked.entityRef };
    }
    const resourceId = await access.resourceIdOf(body.accountId!);
    if (!(await access.canUseAccount(credentials, resourceId, permission))) {
      throw new NotAllowedError(
        `Not allowed to ${what} for '${body.accountId}': only the owners of an entity that links the account (or the platform team) may`,
      );
    }
    return { type: 'account', resourceId };
  };

  /**
   * The scopes a list filter covers, once the caller may read them. An entity covers its own
   * records, those of its accounts and those of the entities that link them (its resources); an
   * account its own and those of every entity whose accounts include it (the entities that carry
   * its ARM id, those that depend on them, and systems containing either), since those apply to
   * it. Without a filter, the caller needs fleet read.
   */
  const readableScopes = async (
    credentials: BackstageCredentials,
    query: { entityRef?: string; accountId?: string },
  ): Promise<GovernanceScope[] | undefined> => {
    const fleet = await access.hasFleetRead(credentials);
    if (query.entityRef !== undefined) {
      const entityRef = query.entityRef;
      if (
        !fleet &&
        !(await access.isAllowed(
          credentials,
          azureOpenAIPostureReadPermission,
          entityRef,
        ))
      ) {
        throw new NotAllowedError(
          `Not allowed to read the posture of '${entityRef}'`,
        );
      }
      const linked = await linker.resolveEntityAccounts(entityRef, credentials);
      if (!linked) throw new NotFoundError(`No entity '${entityRef}'`);
      const linking = new Set(linked.accounts.flatMap(a => a.linkedBy));
      linking.add(linked.entityRef);
      return [
        ...[...linking].map(ref => ({
          type: 'entity' as const,
          entityRef: ref,
        })),
        ...linked.accounts.map(a => ({
          type: 'account' as const,
          resourceId: a.resourceId,
        })),
      ];
    }
    if (query.accountId !== undefined) {
      const resourceId = await access.resourceIdOf(query.accountId);
      if (
        !fleet &&
        !(await access.canUseAccount(
          credentials,
          resourceId,
          azureOpenAIPostureReadPermission,
        ))
      ) {
        throw new NotAllowedError(
          `Not allowed to read the posture of '${query.accountId}'`,
        );
      }
      // Entity-scoped records apply to every account of the entity: those of the entities that
      // carry the ARM id, depend on one that does, or (systems) contain either.
      const linking = await linker.findLinkingEntities(resourceId, credentials);
      return [
        { type: 'account', resourceId },
        ...linking.map(entityRef => ({ type: 'entity' as const, entityRef })),
      ];
    }
    if (!fleet) {
      throw new NotAllowedError(
        "Not allowed to list every waiver and attestation: filter by 'entityRef' or 'accountId' you may read, or ask for azure-openai.fleet.read",
      );
    }
    return undefined;
  };

  /** The body of a create route, its scope once authorized, and the signed-in user. */
  const scopedBody = async <
    T extends { entityRef?: string; accountId?: string },
  >(
    req: Request,
    schema: z.ZodType<T>,
    permission: EntityPermission,
    what: string,
  ) => {
    const body = parseInput(schema, req.body ?? {}, 'request body');
    const { credentials, actor } = await userOf(req);
    const scope = await authorizedScope(credentials, body, permission, what);
    return { body, scope, by: { actor, request: req } };
  };

  /** The query of a list route and the scopes it covers, once the caller may read them. */
  const listQuery = async <
    T extends { entityRef?: string; accountId?: string; controlId?: string },
  >(
    req: Request,
    schema: z.ZodType<T>,
  ) => {
    const query = parseInput(schema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const scopes = await readableScopes(credentials, query);
    return { query, filter: { scopes, controlId: query.controlId } };
  };

  router.post('/waivers', async (req, res) => {
    const { body, scope, by } = await scopedBody(
      req,
      waiverRequestBodySchema,
      azureOpenAIWaiverRequestPermission,
      'request a waiver',
    );
    const waiver = await service().requestWaiver(
      {
        controlId: body.controlId,
        scope,
        reason: body.reason,
        riskAccepted: body.riskAccepted,
        compensatingControl: body.compensatingControl,
        expiresAt: body.expiresAt,
      },
      by,
    );
    res.status(201).location(`waivers/${waiver.id}`).json(waiver);
  });

  router.get('/waivers', async (req, res) => {
    const { query, filter } = await listQuery(req, waiverQuerySchema);
    const items = await service().listWaivers({
      ...filter,
      status: query.status,
    });
    res.json({ items } satisfies GovernanceList<unknown>);
  });

  router.post('/waivers/:id/decision', async (req, res) => {
    const { id } = parseInput(waiverParamsSchema, req.params, 'path');
    const body = parseInput(
      waiverDecisionBodySchema,
      req.body ?? {},
      'request body',
    );
    const { credentials, actor } = await userOf(req);
    if (!(await isApprover(credentials))) {
      throw new NotAllowedError(
        'Not allowed to decide waivers: only approvers (azure-openai.waiver.approve, the platform team) may',
      );
    }
    res.json(await service().decideWaiver(id, body, { actor, request: req }));
  });

  router.post('/waivers/:id/revoke', async (req, res) => {
    const { id } = parseInput(waiverParamsSchema, req.params, 'path');
    const body = parseInput(
      waiverRevokeBodySchema,
      req.body ?? {},
      'request body',
    );
    const { credentials, actor } = await userOf(req);
    const waiver = await service().getWaiver(id);
    const requester = waiver.requestedBy.toLowerCase() === actor.toLowerCase();
    if (!requester && !(await isApprover(credentials))) {
      throw new NotAllowedError(
        `Not allowed to revoke waiver ${id}: only its requester or an approver may`,
      );
    }
    res.json(
      await service().revokeWaiver(id, body.comment, { actor, request: req }),
    );
  });

  router.post('/attestations', async (req, res) => {
    const { body, scope, by } = await scopedBody(
      req,
      attestationRequestBodySchema,
      azureOpenAIAttestationCreatePermission,
      'attest controls',
    );
    const attestation = await service().attest(
      {
        controlId: body.controlId,
        scope,
        statement: body.statement,
        evidenceUrl: body.evidenceUrl,
        expiresAt: body.expiresAt,
      },
      by,
    );
    res.status(201).json(attestation);
  });

  router.get('/attestations', async (req, res) => {
    const { filter } = await listQuery(req, attestationQuerySchema);
    const items = await service().listAttestations(filter);
    res.json({ items } satisfies GovernanceList<unknown>);
  });

  router.get('/governance/history', async (req, res) => {
    const { query, filter } = await listQuery(req, historyQuerySchema);
    const items = await service().listEvents({ ...filter, limit: query.limit });
    res.json({ items } satisfies GovernanceList<unknown>);
  });
}
