import type {
  AttestationRequestBody,
  WaiverDecisionBody,
  WaiverRequestBody,
  WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';
import { z } from 'zod';
import { accountIdSchema, entityRefSchema } from '../service/schemas';

const CONTROL_ID = /^[A-Z]+(-[A-Z0-9]+)+$/;

const controlIdSchema = z
  .string()
  .trim()
  .regex(CONTROL_ID, 'expected a control id such as AOAI-NET-001');

const text = (what: string, max = 4000) =>
  z
    .string({ message: `expected ${what} (text)` })
    .trim()
    .min(1, `expected ${what}; it cannot be empty`)
    .max(max, `keep ${what} under ${max} characters`);

const dateTime = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date-time such as 2027-01-31T00:00:00Z',
});

const ONE_SCOPE = {
  message:
    "give exactly one of 'entityRef' (e.g. component:default/checkout) or 'accountId' (opaque id or ARM id)",
};
const hasOneScope = (b: { entityRef?: string; accountId?: string }) =>
  (b.entityRef === undefined) !== (b.accountId === undefined);

export const waiverRequestBodySchema = z
  .object({
    controlId: controlIdSchema,
    entityRef: entityRefSchema.optional(),
    accountId: accountIdSchema.optional(),
    reason: text('the reason'),
    riskAccepted: text('the risk accepted'),
    compensatingControl: text('the compensating control'),
    expiresAt: dateTime,
  })
  .strict()
  .refine(hasOneScope, ONE_SCOPE) satisfies z.ZodType<WaiverRequestBody>;

export const waiverDecisionBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject'], {
      message: "expected 'approve' or 'reject'",
    }),
    comment: text('the comment', 2000).optional(),
  })
  .strict() satisfies z.ZodType<WaiverDecisionBody>;

export const waiverRevokeBodySchema = z
  .object({ comment: text('the comment', 2000).optional() })
  .strict();

export const attestationRequestBodySchema = z
  .object({
    controlId: controlIdSchema,
    entityRef: entityRefSchema.optional(),
    accountId: accountIdSchema.optional(),
    statement: text('the statement'),
    evidenceUrl: z
      .url({
        protocol: /^https?$/,
        message: 'expected an http(s) link to the evidence',
      })
      .max(2000, 'keep evidenceUrl under 2000 characters'),
    expiresAt: dateTime.optional(),
  })
  .strict()
  .refine(hasOneScope, ONE_SCOPE) satisfies z.ZodType<AttestationRequestBody>;

export const waiverParamsSchema = z.object({
  id: z.string().uuid('expected a waiver id (uuid)'),
});

const WAIVER_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'expired',
  'revoked',
] as const satisfies readonly WaiverStatus[];

const scopeQuery = {
  entityRef: entityRefSchema.optional(),
  accountId: accountIdSchema.optional(),
  controlId: controlIdSchema.optional(),
};
const atMostOneScope = {
  message: "give at most one of 'entityRef' and 'accountId'",
};
const notBoth = (q: { entityRef?: string; accountId?: string }) =>
  q.entityRef === undefined || q.accountId === undefined;

export const waiverQuerySchema = z
  .object({ ...scopeQuery, status: z.enum(WAIVER_STATUSES).optional() })
  .refine(notBoth, atMostOneScope);

export const attestationQuerySchema = z
  .object(scopeQuery)
  .refine(notBoth, atMostOneScope);

export const historyQuerySchema = z
  .object({
    ...scopeQuery,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine(notBoth, atMostOneScope);
