import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { FleetQuery } from '@pavedai/plugin-azure-openai-common';
import { z } from 'zod';
import { isAccountResourceId, isOpaqueAccountId } from '../database/armId';

const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** A value that names an account: opaque id or ARM id. */
export const accountIdSchema = z
  .string()
  .trim()
  .refine(v => isOpaqueAccountId(v) || isAccountResourceId(v), {
    message:
      'expected an opaque account id (32 hex characters) or the URL-encoded ARM id of a Microsoft.CognitiveServices/accounts resource',
  });

export const entityParamsSchema = z.object({
  kind: z.string().regex(NAME_PART, 'expected an entity kind'),
  namespace: z.string().regex(NAME_PART, 'expected an entity namespace'),
  name: z.string().regex(NAME_PART, 'expected an entity name'),
});

export const accountParamsSchema = z.object({ accountId: accountIdSchema });

export const scanParamsSchema = z.object({
  scanId: z.string().uuid('expected a scan id (uuid)'),
});

const booleanString = z
  .enum(['true', 'false'], { message: "expected 'true' or 'false'" })
  .transform(v => v === 'true');

const listOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : v.split(',')).map(s => s.trim()).filter(Boolean),
    )
    .pipe(z.array(z.enum(values)));

export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.iso
    .datetime({ offset: true, message: 'expected an ISO 8601 date-time' })
    .optional(),
});

export const fleetQuerySchema = z.object({
  owner: z.string().min(1).optional(),
  system: z.string().min(1).optional(),
  grade: listOf(GRADES).optional(),
  failingControl: z
    .string()
    .regex(
      /^[A-Z]+(-[A-Z0-9]+)+$/,
      'expected a control id such as AOAI-NET-001',
    )
    .optional(),
  severity: z.enum(SEVERITIES).optional(),
  subscription: z.string().uuid('expected a subscription id (uuid)').optional(),
  includeDeleted: booleanString.optional(),
  scanState: z.enum(['scanned', 'never-scanned']).optional(),
  goldenPath: booleanString.optional(),
  sort: z.enum(['score', 'grade', 'name', 'evaluatedAt']).default('score'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
}) satisfies z.ZodType<FleetQuery>; // the parsed query is the shared wire type

/** An entity ref (`kind:namespace/name`, namespace defaults to `default`), normalised. */
export const entityRefSchema = z.string().transform((value, ctx) => {
  try {
    const ref = parseEntityRef(value.trim(), { defaultNamespace: 'default' });
    if ([ref.kind, ref.namespace, ref.name].every(p => NAME_PART.test(p))) {
      return stringifyEntityRef(ref);
    }
  } catch {
    // reported below
  }
  ctx.addIssue({
    code: 'custom',
    message: `'${value}' is not an entity ref such as component:default/payments`,
  });
  return z.NEVER;
});

export const createScanBodySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    accountId: accountIdSchema.optional(),
  })
  .strict()
  .refine(b => (b.entityRef === undefined) !== (b.accountId === undefined), {
    message: "give exactly one of 'entityRef' or 'accountId'",
  });
