import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  azureOpenAIExportReadPermission,
  azureOpenAIFleetReadPermission,
  azureOpenAIPostureReadPermission,
  type ExportFormat,
} from '@pavedai/plugin-azure-openai-common';
import type express from 'express';
import { z } from 'zod';
import type { AuditStore } from '../database/AuditStore';
import type { GovernanceReader } from '../governance/GovernanceStore';
import type { EntityLinker } from '../linking/EntityLinker';
import { entityParamsSchema } from '../service/schemas';
import { parseInput } from '../service/validation';
import { renderCsv } from './csv';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import {
  DEFAULT_EXPORT_PAGE_SIZE,
  readExportItems,
  type ExportSelection,
} from './readExportItems';
import { renderSarif } from './sarif';
import {
  EXPORT_FORMATS,
  type ExportHeader,
  type ExportRenderer,
  type ExportScope,
} from './types';

/** Options of {@link registerExportRoutes}. */
export interface ExportRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: AuditStore;
  linker: EntityLinker;
  /**
   * Waivers and attestations in force, listed in the Markdown evidence pack; without it the pack
   * lists those the latest evaluation applied (the `waiver` / `attestation` of each result).
   */
  governance?: GovernanceReader;
  /** Accounts read from the store per page (default 100). */
  pageSize?: number;
}

const FORMATS: Record<
  ExportFormat,
  { render: ExportRenderer; contentType: string; extension: string }
> = {
  json: {
    render: renderJson,
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
  },
  csv: {
    render: renderCsv,
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
  },
  sarif: {
    render: renderSarif,
    contentType: 'application/sarif+json; charset=utf-8',
    extension: 'sarif',
  },
  md: {
    render: renderMarkdown,
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
  },
};

const exportQuerySchema = z.object({
  format: z
    .enum(EXPORT_FORMATS as [ExportFormat, ...ExportFormat[]], {
      message: `expected one of ${EXPORT_FORMATS.join(', ')}`,
    })
    .default('json'),
});

/** `fleet`, `component-default-search-api`, `owner-group-default-team-a`. */
function scopeSlug(scope: ExportScope): string {
  let raw = 'fleet';
  if (scope.type === 'entity') raw = scope.entityRef;
  if (scope.type === 'owner') raw = `owner-${scope.ownerRef}`;
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `azure-openai-evidence-fleet-20261128T120000Z.csv` */
export function exportFilename(
  scope: ExportScope,
  generatedAt: string,
  format: ExportFormat,
): string {
  const stamp = generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `azure-openai-evidence-${scopeSlug(scope)}-${stamp}.${
    FORMATS[format].extension
  }`;
}

/**
 * Adds the evidence export routes to the audit plugin's router:
 * `GET /exports/fleet`, `GET /exports/entities/:kind/:namespace/:name` and
 * `GET /exports/owners/:kind/:namespace/:name`, each with `?format=json|csv|sarif|md`.
 *
 * @remarks
 * Every route needs `azure-openai.export.read`; the fleet and owner exports also need
 * `azure-openai.fleet.read`, the entity export `azure-openai.posture.read` on the entity. The
 * answer is an attachment streamed from the store one page at a time, with backpressure.
 */
export function registerExportRoutes(
  router: express.Router,
  options: ExportRoutesOptions,
): void {
  const { httpAuth, permissions, store, linker, governance } = options;
  const pageSize = options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;

  const authorizeBasic = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
    message: string,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(message);
    }
  };

  const prepare = async (req: express.Request) => {
    const { format } = parseInput(exportQuerySchema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizeBasic(
      credentials,
      azureOpenAIExportReadPermission,
      'Not allowed to export Azure OpenAI evidence',
    );
    return { format, credentials };
  };

  const send = async (
    res: express.Response,
    format: ExportFormat,
    scope: ExportScope,
    selection: ExportSelection,
  ) => {
    const header: ExportHeader = {
      scope,
      generatedAt: new Date().toISOString(),
    };
    const { render, contentType } = FORMATS[format];
    res.status(200);
    res.setHeader('Content-Type', contentType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${exportFilename(
        scope,
        header.generatedAt,
        format,
      )}"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Only the evidence pack lists the governance records in force now.
    const items = readExportItems(
      store,
      selection,
      pageSize,
      format === 'md' ? governance : undefined,
    );
    await pipeline(
      Readable.from(render(items, header), { objectMode: false }),
      res,
    );
  };

  router.get('/exports/fleet', async (req, res) => {
    const { format, credentials } = await prepare(req);
    await authorizeBasic(
      credentials,
      azureOpenAIFleetReadPermission,
      'Not allowed to read the Azure OpenAI fleet',
    );
    await send(res, format, { type: 'fleet' }, { type: 'fleet' });
  });

  router.get('/exports/entities/:kind/:namespace/:name', async (req, res) => {
    const params = parseInput(
      entityParamsSchema,
      req.params,
      'entity reference',
    );
    const { format, credentials } = await prepare(req);
    const entityRef = stringifyEntityRef(params);
    const [decision] = await permissions.authorize(
      [
        {
          permission: azureOpenAIPostureReadPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read the posture of '${entityRef}'`,
      );
    }
    const linked = await linker.resolveEntityAccounts(entityRef, credentials);
    if (!linked) throw new NotFoundError(`No entity '${entityRef}'`);
    await send(
      res,
      format,
      { type: 'entity', entityRef: linked.entityRef },
      { type: 'linked', accounts: linked.accounts },
    );
  });

  router.get('/exports/owners/:kind/:namespace/:name', async (req, res) => {
    const params = parseInput(
      entityParamsSchema,
      req.params,
      'owner reference',
    );
    const kind = params.kind.toLowerCase();
    if (kind !== 'group' && kind !== 'user') {
      throw new InputError(
        `Invalid owner reference: kind '${params.kind}' cannot own accounts; use a group or user reference such as group/default/team-a`,
      );
    }
    const { format, credentials } = await prepare(req);
    await authorizeBasic(
      credentials,
      azureOpenAIFleetReadPermission,
      'Not allowed to read the Azure OpenAI fleet',
    );
    const ownerRef = stringifyEntityRef({ ...params, kind });
    const known =
      (await linker.resolveEntityAccounts(ownerRef, credentials)) !==
        undefined ||
      (await store.listLatestPage({ owner: ownerRef, limit: 1 })).length > 0;
    if (!known) {
      throw new NotFoundError(
        `No entity '${ownerRef}' in the catalog and no Azure OpenAI account owned by it`,
      );
    }
    await send(
      res,
      format,
      { type: 'owner', ownerRef },
      { type: 'owner', ownerRef },
    );
  });
}
