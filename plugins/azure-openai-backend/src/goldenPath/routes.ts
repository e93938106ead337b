import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import type {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotImplementedError } from '@backstage/errors';
import {
  computePolicyImpact,
  type GoldenPathImpactAccount,
  type GoldenPathPolicy,
  type GoldenPathPolicyDocument,
  type PolicyImpactGovernance,
} from '@pavedai/plugin-azure-openai-common';
import {
  goldenPathPolicyVersion,
  parseGoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-node';
import type express from 'express';
import { stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { csvRow } from '../exports/csv';
import { accountIdFor } from '../database/armId';
import type { PostureAccess } from '../service/access';
import { accountParamsSchema } from '../service/schemas';
import { parseInput } from '../service/validation';
import { parseCandidatePolicyYaml } from './candidate';
import type { DatabaseGoldenPathStore } from './DatabaseGoldenPathStore';
import { readAccountDrift, readRecordedInputs } from './drift';
import { PolicyImpactCache } from './impactCache';

/** Most characters of `policyYaml`. */
const MAX_POLICY_YAML = 200_000;

export const impactBodySchema = z
  .object({
    policy: z
      .record(z.string(), z.unknown(), {
        message: 'expected the candidate policy as an object',
      })
      .optional(),
    policyYaml: z
      .string({ message: 'expected the candidate policy as YAML text' })
      .max(MAX_POLICY_YAML, `at most ${MAX_POLICY_YAML} characters`)
      .optional(),
  })
  .strict()
  .refine(b => (b.policy === undefined) !== (b.policyYaml === undefined), {
    message:
      'give exactly one of policy (an object shaped like azureOpenAI.goldenPath) and policyYaml (the same as YAML text)',
  });

export const impactQuerySchema = z.object({
  format: z
    .enum(['json', 'csv'], { message: "expected 'json' or 'csv'" })
    .default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(1024).optional(),
});

/** Columns of the CSV download: one row per changed account and control. */
export const IMPACT_CSV_COLUMNS = [
  'account_id',
  'resource_id',
  'account_name',
  'owner',
  'system',
  'current_grade',
  'candidate_grade',
  'grade_change',
  'control_id',
  'control_title',
  'severity',
  'from',
  'to',
  'direction',
] as const;

function csvRows(a: GoldenPathImpactAccount): string {
  const base = [
    a.accountId,
    a.resourceId,
    a.name,
    a.owner,
    a.system,
    a.current.grade,
    a.candidate.grade,
    a.grade,
  ];
  if (a.changes.length === 0) return csvRow(base);
  return a.changes
    .map(c =>
      csvRow([
        ...base,
        c.controlId,
        c.title,
        c.severity,
        c.from,
        c.to,
        c.direction,
      ]),
    )
    .join('');
}

/** Reads the candidate of a request body (object or YAML) with the config reader's rules. */
export function candidateOf(
  body: z.infer<typeof impactBodySchema>,
): GoldenPathPolicy {
  return body.policy !== undefined
    ? parseGoldenPathPolicy(body.policy, 'policy')
    : parseCandidatePolicyYaml(body.policyYaml!, 'policyYaml');
}

/** What the golden-path maintenance routes need. */
export interface GoldenPathRoutesOptions {
  store: Pick<
    DatabaseGoldenPathStore,
    | 'listEvidencePage'
    | 'countAccountsWithoutEvidence'
    | 'evidenceVersion'
    | 'saveEvidence'
    | 'getEvidence'
    | 'getProvenance'
    | 'updateDrift'
    | 'driftSince'
  >;
  /** The golden-path policy in force (before the audit's own overrides). */
  currentPolicy: () => Promise<GoldenPathPolicy>;
  /** Adds the audit's disabled and non-waivable controls, as scans do. */
  withAuditOverrides: (policy: GoldenPathPolicy) => GoldenPathPolicy;
  /**
   * Waivers and attestations in force, applied alike to both policies. With a `version` (a
   * content hash of what applies), impact previews are cached; without one, every page
   * evaluates the fleet again.
   */
  governance?: () => Promise<
    (PolicyImpactGovernance & { version?: string }) | undefined
  >;
  /**
   * Where JSON pages of impact previews come from: one evaluation per candidate, current
   * policy, stored evidence and governance, reused by the following pages (default: a cache of
   * this replica, 8 evaluations for 5 minutes).
   */
  impactCache?: PolicyImpactCache;
  now?: () => Date;
}

/**
 * `GET /golden-path/policy`: the policy in force (object, version, YAML); `POST
 * /golden-path/impact`: the candidate policy evaluated on every account's stored evidence
 * next to the current one, without any ARM call. Needs fleet read.
 */
export function registerGoldenPathRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    access: Pick<PostureAccess, 'requireFleetRead'> & {
      /** Fleet read, or posture read on an entity that claims the account. */
      requireAccountRead(
        credentials: BackstageCredentials,
        accountId: string,
      ): Promise<void>;
      /** The ARM id an account parameter (opaque or ARM id) stands for. */
      resourceIdOf(accountId: string): Promise<string>;
    };
    /** Undefined when the plugin runs without the golden-path store: the routes answer 501. */
    goldenPath?: GoldenPathRoutesOptions;
  },
): void {
  const { httpAuth, access } = options;
  const impactCache =
    options.goldenPath?.impactCache ?? new PolicyImpactCache();
  const notKept = () =>
    new NotImplementedError(
      'Golden-path maintenance needs the stored evidence, which this backend does not keep',
    );

  router.get('/accounts/:accountId/drift', async (req, res) => {
    const { accountId } = parseInput(accountParamsSchema, req.params, 'path');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await access.requireAccountRead(credentials, accountId);
    const goldenPath = options.goldenPath;
    if (!goldenPath) throw notKept();
    const resourceId = await access.resourceIdOf(accountId);
    res.json(
      await readAccountDrift({
        store: goldenPath.store,
        currentPolicy: goldenPath.currentPolicy,
        accountId: accountIdFor(resourceId),
        resourceId,
      }),
    );
  });

  router.get('/accounts/:accountId/golden-path/inputs', async (req, res) => {
    const { accountId } = parseInput(accountParamsSchema, req.params, 'path');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await access.requireAccountRead(credentials, accountId);
    const goldenPath = options.goldenPath;
    if (!goldenPath) throw notKept();
    const resourceId = await access.resourceIdOf(accountId);
    res.json(
      await readRecordedInputs({
        store: goldenPath.store,
        accountId: accountIdFor(resourceId),
        resourceId,
      }),
    );
  });

  router.get('/golden-path/policy', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await access.requireFleetRead(credentials);
    const goldenPath = options.goldenPath;
    if (!goldenPath) {
      throw new NotImplementedError(
        'This backend runs the audit without golden-path maintenance, so it does not serve the policy',
      );
    }
    const policy = await goldenPath.currentPolicy();
    const document: GoldenPathPolicyDocument = {
      policy,
      version: goldenPathPolicyVersion(policy),
      yaml: stringifyYaml(policy),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(document);
  });

  router.post('/golden-path/impact', async (req, res) => {
    const query = parseInput(impactQuerySchema, req.query, 'query');
    const body = parseInput(impactBodySchema, req.body ?? {}, 'request body');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await access.requireFleetRead(credentials);
    const goldenPath = options.goldenPath;
    if (!goldenPath) throw notKept();
    const now = goldenPath.now ?? (() => new Date());
    const candidate = candidateOf(body);
    const current = await goldenPath.currentPolicy();
    const governance = await goldenPath.governance?.();
    const currentPolicy = goldenPath.withAuditOverrides(current);
    const candidatePolicy = goldenPath.withAuditOverrides(candidate);
    const common = {
      evidence: goldenPath.store,
      currentPolicy,
      candidatePolicy,
      currentPolicyVersion: goldenPathPolicyVersion(current),
      candidatePolicyVersion: goldenPathPolicyVersion(candidate),
      ...(governance ? { governance } : {}),
      now: now(),
    };

    if (query.format === 'json') {
      const page = { after: query.cursor, limit: query.limit };
      if (governance && governance.version === undefined) {
        // Governance without a version: nothing tells when a cached answer is stale.
        res.json(await computePolicyImpact({ ...common, ...page }));
        return;
      }
      // Everything the answer depends on; the policies as evaluated (with the overrides).
      const key = createHash('sha256')
        .update(
          [
            goldenPathPolicyVersion(currentPolicy),
            goldenPathPolicyVersion(candidatePolicy),
            common.currentPolicyVersion,
            common.candidatePolicyVersion,
            await goldenPath.store.evidenceVersion(),
            governance?.version ?? '',
          ].join('\n'),
        )
        .digest('hex');
      res.json(await impactCache.page(key, common, page));
      return;
    }

    // CSV: every changed account of the fleet, streamed while it is evaluated.
    const out = new PassThrough();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="golden-path-impact-${common.candidatePolicyVersion}.csv"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const sent = pipeline(out, res);
    const write = async (chunk: string) => {
      if (!out.write(chunk)) {
        await new Promise(resolve => out.once('drain', resolve));
      }
    };
    try {
      await write(csvRow([...IMPACT_CSV_COLUMNS]));
      await computePolicyImpact({
        ...common,
        limit: 0,
        onChanged: account => write(csvRows(account)),
      });
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
    await sent;
  });
}
