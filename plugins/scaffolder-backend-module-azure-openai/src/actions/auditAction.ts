import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  type Grade,
  type GoldenPathPolicy,
  worseGrade,
} from '@pavedai/plugin-azure-openai-common';
import { z } from 'zod/v3';
import type { ProvisioningArm } from '../arm/provisioningArm';
import { auditAccount } from '../audit/auditAccount';
import { formatZodIssues } from './formatProblems';

type Z = typeof z;

const ARM_ACCOUNT_ID =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.CognitiveServices\/accounts\/[A-Za-z0-9-]{2,64}$/i;

const auditInputSchema = (zod: Z) =>
  zod.object({
    accountId: zod
      .string()
      .describe(
        'ARM id of the Azure OpenAI account, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<name>.',
      ),
    minimumGrade: zod
      .enum(['A', 'B', 'C', 'D', 'F'])
      .optional()
      .describe('Fail when the grade is worse than this. Default C.'),
    failOnControls: zod
      .array(zod.string())
      .optional()
      .describe('Fail when any of these control ids fails (or is unknown).'),
  });

const auditOutputSchema = (zod: Z) =>
  zod.object({
    grade: zod.string().describe('Posture grade A–F.'),
    score: zod.number().describe('Posture score 0–100.'),
    failingControls: zod
      .array(
        zod.object({
          id: zod.string(),
          title: zod.string(),
          severity: zod.string(),
          status: zod.string(),
          message: zod.string(),
        }),
      )
      .describe('Controls that fail or could not be evaluated.'),
  });

/**
 * `azure:openai:audit`: audits an existing account now and fails below a grade or on given
 * controls; a posture gate for any template. Read-only, so it also runs in dry runs.
 *
 * @public
 */
export function createAuditAction(options: {
  arm: ProvisioningArm;
  policy: GoldenPathPolicy;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: 'azure:openai:audit',
    description:
      'Audits an Azure OpenAI account against the control catalog now and fails below a minimum grade or when given controls fail.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Fail the template unless the account grades B or better and has no public network access',
        example: [
          'steps:',
          '  - id: gate',
          '    action: azure:openai:audit',
          '    input:',
          '      accountId: ${{ parameters.accountId }}',
          '      minimumGrade: B',
          '      failOnControls: [AOAI-NET-002]',
        ].join('\n'),
      },
    ],
    schema: { input: auditInputSchema, output: auditOutputSchema },
    async handler(ctx) {
      const parsed = auditInputSchema(z).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(
          `Invalid input to azure:openai:audit:\n${formatZodIssues(
            parsed.error.issues,
          )}`,
        );
      }
      const { accountId, failOnControls = [] } = parsed.data;
      const minimumGrade: Grade = parsed.data.minimumGrade ?? 'C';
      if (!ARM_ACCOUNT_ID.test(accountId)) {
        throw new InputError(
          `Invalid input to azure:openai:audit:\n- accountId: "${accountId}" is not the ARM id of an account. Fix: use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.CognitiveServices/accounts/<name>.`,
        );
      }
      const audit = await auditAccount({
        collector: options.arm.collector,
        accountId,
        policy: options.policy,
        now: now(),
        signal: ctx.signal,
      });
      ctx.output('grade', audit.grade);
      ctx.output('score', audit.score);
      ctx.output('failingControls', audit.failing);
      ctx.logger.info(
        `${accountId}: grade ${audit.grade} (score ${audit.score}); ${audit.failing.length} control(s) fail or are unknown`,
      );
      const reasons: string[] = [];
      if (worseGrade(audit.grade as Grade, minimumGrade) !== minimumGrade) {
        reasons.push(
          `grade ${audit.grade} is below the minimum ${minimumGrade}`,
        );
      }
      const gated = audit.failing.filter(f => failOnControls.includes(f.id));
      for (const f of gated) {
        reasons.push(`${f.id} ${f.title}: ${f.status}: ${f.message}`);
      }
      if (reasons.length > 0) {
        throw new InputError(
          `Posture gate failed for ${accountId}:\n${reasons
            .map(r => `- ${r}`)
            .join('\n')}`,
        );
      }
    },
  });
}
