import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z } from 'zod/v3';
import { formatZodIssues } from './formatProblems';
import {
  createProvisionRun,
  type ProvisionActionOptions,
  type ProvisionContext,
} from './provisionAction';
import { provisionInputSchema, provisionOutputSchema } from './provisionSchema';
import type { GoldenPathInputsSource } from './recordedInputs';

type Z = typeof z;

const restoreInputSchema = (zod: Z) =>
  zod.object({
    accountId: zod
      .string()
      .describe(
        'ARM id (or the audit’s opaque id) of an account the golden path provisioned.',
      ),
    planOnly: zod
      .boolean()
      .optional()
      .describe(
        'Only read and list what would change (as a dry run does); write nothing. Default false.',
      ),
    onSoftDeleted: zod
      .enum(['fail', 'restore'])
      .optional()
      .describe(
        'When the account was deleted and is soft-deleted: fail with the fix (default) or restore it.',
      ),
  });

/**
 * `azure:openai:golden-path:restore`: brings a drifted account back to the golden path by running
 * `azure:openai:provision` again with the inputs the audit recorded from its last run and the
 * current policy. A dry run shows exactly what it would change (create, or update with the
 * differing fields); a real run writes only that.
 *
 * @public
 */
export function createRestoreAction(
  options: ProvisionActionOptions & { inputs: GoldenPathInputsSource },
) {
  const run = createProvisionRun(options);
  return createTemplateAction({
    id: 'azure:openai:golden-path:restore',
    description:
      'Brings an Azure OpenAI account back to the golden path: provisions it again with the inputs its last golden-path run applied (recorded by the audit) and the current policy. Dry run shows exactly what would change.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Bring the account of the chosen entity back (dry run it first)',
        example: [
          'steps:',
          '  - id: entity',
          '    action: catalog:fetch',
          '    input: { entityRef: ${{ parameters.account }} }',
          '  - id: restore',
          '    action: azure:openai:golden-path:restore',
          '    input:',
          "      accountId: ${{ steps.entity.output.entity.metadata.annotations['management.azure.com/resourceId'] }}",
        ].join('\n'),
      },
    ],
    schema: { input: restoreInputSchema, output: provisionOutputSchema },
    async handler(ctx) {
      const parsed = restoreInputSchema(z).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(
          `Invalid input to azure:openai:golden-path:restore:\n${formatZodIssues(
            parsed.error.issues,
          )}`,
        );
      }
      const recorded = await options.inputs.getRecordedInputs(
        parsed.data.accountId,
        {
          credentials: await ctx.getInitiatorCredentials(),
          signal: ctx.signal,
        },
      );
      const input = provisionInputSchema(z).safeParse({
        ...recorded.inputs,
        ...(parsed.data.onSoftDeleted
          ? { onSoftDeleted: parsed.data.onSoftDeleted }
          : {}),
      });
      if (!input.success) {
        throw new InputError(
          `The inputs recorded for ${
            recorded.resourceId
          } no longer parse; provision it again from the template instead:\n${formatZodIssues(
            input.error.issues,
          )}`,
        );
      }
      ctx.logger.info(
        `Bringing ${recorded.resourceId} back to the golden path with the inputs of task ${recorded.goldenPath.taskId} (${recorded.goldenPath.templateRef})`,
      );
      const planOnly = parsed.data.planOnly === true && !ctx.isDryRun;
      if (planOnly) ctx.logger.info('Plan only: nothing will be written');
      await run(
        (planOnly ? { ...ctx, isDryRun: true } : ctx) as ProvisionContext,
        input.data,
        {
          provenance: {
            templateRef: recorded.goldenPath.templateRef,
            templateVersion: recorded.goldenPath.templateVersion,
          },
        },
      );
    },
  });
}
