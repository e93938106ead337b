import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  azureOpenAIGoldenPathReadPermission,
  azureOpenAIPostureReadPermission,
  azureOpenAIScanCreatePermission,
  listControls,
  type GoldenPathOptions,
  type Scan,
} from '@pavedai/plugin-azure-openai-common';
import express from 'express';
import Router from 'express-promise-router';
import type { AuditStore } from '../database/AuditStore';
import { isOpaqueAccountId, parseAccountResourceId } from '../database/armId';
import type { GovernanceService } from '../governance/GovernanceService';
import { registerGovernanceRoutes } from '../governance/routes';
import { registerExportRoutes } from '../exports/routes';
import type { GovernanceReader } from '../governance/GovernanceStore';
import {
  registerGoldenPathRoutes,
  type GoldenPathRoutesOptions,
} from '../goldenPath/routes';
import type { EntityLinker } from '../linking/EntityLinker';
import type { ScanService } from '../scan/ScanService';
import { createPostureAccess } from './access';
import type { PostureService } from './PostureService';
import {
  accountParamsSchema,
  createScanBodySchema,
  entityParamsSchema,
  fleetQuerySchema,
  historyQuerySchema,
  scanParamsSchema,
} from './schemas';
import { parseInput } from './validation';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: AuditStore;
  postures: PostureService;
  scans: ScanService;
  linker: EntityLinker;
  /** The golden-path choices of the effective policy (`GET /golden-path/options`). */
  goldenPathOptions: () => Promise<GoldenPathOptions>;
  /**
   * Waivers and attestations in force, for the Markdown evidence pack of the exports (without
   * it the pack lists those each result's evaluation applied).
   */
  governanceReader?: GovernanceReader;
  /** Waivers and attestations; without it their routes answer 501. */
  governance?: GovernanceService;
  /** Golden-path maintenance (impact preview); without it its routes answer 501. */
  goldenPath?: GoldenPathRoutesOptions;
}

function principalRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return principal.subject;
  return undefined;
}

/** Creates the REST API of the audit plugin (mounted at `/api/azure-openai`). */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store, postures, scans, linker } = options;
  const { goldenPathOptions } = options;
  const router = Router();
  router.use(express.json());

  // Shared with the actions registry actions (src/actions), so both decide alike.
  const access = createPostureAccess(permissions);
  const { isAllowed, hasFleetRead, requireFleetRead } = access;

  /** Fleet read, or the permission on any visible entity that claims the account. */
  const canUseAccount = async (
    credentials: BackstageCredentials,
    resourceId: string,
    permission: ResourcePermission<'catalog-entity'>,
  ) => {
    if (
      permission === azureOpenAIPostureReadPermission &&
      (await hasFleetRead(credentials))
    ) {
      return true;
    }
    const claims = await linker.findClaimingEntities(resourceId, credentials);
    for (const ref of claims) {
      if (await isAllowed(credentials, permission, ref)) return true;
    }
    if (claims.length === 0) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission }],
        { credentials },
      );
      return decision.result === AuthorizeResult.ALLOW;
    }
    return false;
  };

  /** Resolves the ARM id an account parameter stands for (opaque ids need the store). */
  const resourceIdOf = async (accountId: string) => {
    if (!isOpaqueAccountId(accountId)) {
      return parseAccountResourceId(accountId, 'accountId').resourceId;
    }
    const account = await store.getAccount(accountId);
    if (!account)
      throw new NotFoundError(`No Azure OpenAI account '${accountId}'`);
    return account.resourceId;
  };

  const requireAccountRead = async (
    credentials: BackstageCredentials,
    accountId: string,
  ) => {
    if (await hasFleetRead(credentials)) return;
    const resourceId = await resourceIdOf(accountId);
    if (
      !(await canUseAccount(
        credentials,
        resourceId,
        azureOpenAIPostureReadPermission,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed to read the posture of '${accountId}'`,
      );
    }
  };

  router.get('/controls', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await access.requireControlsRead(credentials);
    res.json({
      items: listControls().map(
        ({ evaluate: _evaluate, ...control }) => control,
      ),
    });
  });

  router.get('/entities/:kind/:namespace/:name/posture', async (req, res) => {
    const params = parseInput(
      entityParamsSchema,
      req.params,
      'entity reference',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef(params);
    await access.requireEntityPostureRead(credentials, entityRef);
    res.json(await postures.getEntityPosture(entityRef, credentials));
  });

  router.get('/accounts/:accountId/posture', async (req, res) => {
    const { accountId } = parseInput(accountParamsSchema, req.params, 'path');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requireAccountRead(credentials, accountId);
    res.json(await postures.getAccountPosture(accountId));
  });

  router.get('/accounts/:accountId/history', async (req, res) => {
    const { accountId } = parseInput(accountParamsSchema, req.params, 'path');
    const query = parseInput(historyQuerySchema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requireAccountRead(credentials, accountId);
    res.json(
      await postures.getAccountHistory(accountId, {
        limit: query.limit,
        before: query.before ? new Date(query.before) : undefined,
      }),
    );
  });

  router.get('/fleet', async (req, res) => {
    const query = parseInput(fleetQuerySchema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requireFleetRead(credentials);
    res.json(
      await store.listFleet({
        owner: query.owner,
        system: query.system,
        grades: query.grade,
        failingControl: query.failingControl,
        severity: query.severity,
        subscriptionId: query.subscription,
        includeDeleted: query.includeDeleted,
        scanState: query.scanState,
        goldenPath: query.goldenPath,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/fleet/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requireFleetRead(credentials);
    res.json(await postures.getFleetSummary());
  });

  router.post('/scans', async (req, res) => {
    const body = parseInput(
      createScanBodySchema,
      req.body ?? {},
      'request body',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    let scan: Scan;
    if (body.entityRef !== undefined) {
      const entityRef = body.entityRef;
      if (
        !(await isAllowed(
          credentials,
          azureOpenAIScanCreatePermission,
          entityRef,
        ))
      ) {
        throw new NotAllowedError(`Not allowed to scan '${entityRef}'`);
      }
      const linked = await linker.resolveEntityAccounts(entityRef, credentials);
      if (!linked) throw new NotFoundError(`No entity '${entityRef}'`);
      scan = await scans.requestScan({
        trigger: 'manual',
        requestedBy: principalRef(credentials),
        request: req,
        target: {
          type: 'accounts',
          entityRef: linked.entityRef,
          resourceIds: linked.accounts.map(a => a.resourceId),
        },
      });
    } else {
      const accountId = body.accountId!;
      const resourceId = await resourceIdOf(accountId);
      if (
        !(await canUseAccount(
          credentials,
          resourceId,
          azureOpenAIScanCreatePermission,
        ))
      ) {
        throw new NotAllowedError(`Not allowed to scan '${accountId}'`);
      }
      scan = await scans.requestScan({
        trigger: 'manual',
        requestedBy: principalRef(credentials),
        request: req,
        target: { type: 'accounts', resourceIds: [resourceId] },
      });
    }
    res.status(202).location(`scans/${scan.id}`).json(scan);
  });

  router.get('/scans/:scanId', async (req, res) => {
    const { scanId } = parseInput(scanParamsSchema, req.params, 'path');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const scan = await store.getScan(scanId);
    const allowed =
      (await hasFleetRead(credentials)) ||
      (scan !== undefined &&
        scan.requestedBy !== undefined &&
        scan.requestedBy === principalRef(credentials)) ||
      (scan?.target.type === 'accounts' &&
        scan.target.entityRef !== undefined &&
        (await isAllowed(
          credentials,
          azureOpenAIPostureReadPermission,
          scan.target.entityRef,
        )));
    if (!allowed)
      throw new NotAllowedError(`Not allowed to read scan '${scanId}'`);
    if (!scan) throw new NotFoundError(`No scan with id '${scanId}'`);
    res.json({ ...scan, regressions: await scans.getRegressions(scanId) });
  });

  router.get('/golden-path/options', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: azureOpenAIGoldenPathReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to read the golden-path options');
    }
    res.json(await goldenPathOptions());
  });

  registerGovernanceRoutes(router, {
    httpAuth,
    permissions,
    linker,
    governance: options.governance,
    access: { isAllowed, hasFleetRead, canUseAccount, resourceIdOf },
  });

  registerGoldenPathRoutes(router, {
    httpAuth,
    access: { ...access, requireAccountRead, resourceIdOf },
    goldenPath: options.goldenPath,
  });

  registerExportRoutes(router, {
    httpAuth,
    permissions,
    store,
    linker,
    governance: options.governanceReader,
  });

  // Unknown paths of this API answer a JSON error too (Backstage's own endpoints under
  // /.backstage are served by the framework and never reach this router's end).
  router.use((req, _res, next) => {
    if (req.path.startsWith('/.backstage')) {
      next();
      return;
    }
    throw new NotFoundError(
      `No route ${req.method} ${req.path}; see the OpenAPI document of the azure-openai plugin`,
    );
  });

  return router;
}
