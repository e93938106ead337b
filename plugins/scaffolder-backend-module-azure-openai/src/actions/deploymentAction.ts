import { InputError, NotFoundError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  buildDesiredState,
  defaultPreflightControls,
  evaluateAccount,
  GOLDEN_PATH_API_VERSIONS,
  present,
  resolvePolicy,
  validateProvisionInputs,
  type Evidence,
  type GoldenPathPolicy,
  type ProvisionInputs,
} from '@pavedai/plugin-azure-openai-common';
import { parseArmResourceId } from '@pavedai/plugin-azure-openai-node';
import { z } from 'zod/v3';
import type { ProvisioningArm } from '../arm/provisioningArm';
import {
  Provisioner,
  type ProvisionerSettings,
} from '../provision/Provisioner';
import { provisionSteps } from '../provision/steps';
import { formatProblems, formatZodIssues } from './formatProblems';
import { deploymentSchema } from './provisionSchema';
import {
  announceProvisioned,
  changesOutput,
  formatResults,
  postflightAudit,
  requiredNotPassing,
} from './postflight';
import { accountEntityRef, portalUrl } from './provisionAction';

type Z = typeof z;

const inputSchema = (zod: Z) =>
  zod.object({
    accountId: zod
      .string()
      .describe('ARM id of a golden-path Azure OpenAI account.'),
    deployments: zod
      .array(deploymentSchema(zod))
      .min(1)
      .describe('The model deployments to add (or bring to this capacity).'),
    contentFilterProfile: zod
      .string()
      .describe(
        'Content filter profile of the golden-path policy for the new deployments.',
      ),
    entityRef: zod
      .string()
      .optional()
      .describe(
        'The catalog entity of the account, echoed in the outputs for links.',
      ),
  });

const outputSchema = (zod: Z) =>
  zod.object({
    accountId: zod.string(),
    grade: zod.string(),
    score: zod.number(),
    entityRef: zod.string(),
    portalUrl: zod.string(),
    changes: zod.array(
      zod.object({
        step: zod.string(),
        resourceId: zod.string(),
        outcome: zod.string(),
      }),
    ),
  });

function listOf(evidence: Evidence | undefined): unknown[] {
  if (evidence?.state !== 'present') return [];
  const v = evidence.value as { value?: unknown[] } | unknown[];
  return Array.isArray(v) ? v : v?.value ?? [];
}

function sameId(a: unknown, b: string): boolean {
  return (
    typeof (a as { id?: unknown })?.id === 'string' &&
    (a as { id: string }).id.toLowerCase() === b.toLowerCase()
  );
}

/**
 * `azure:openai:deployment:create`: adds model deployments to an existing account, through the
 * same pre-flight (the account as it is now plus the new deployments must pass every required
 * control) and post-flight audit as `azure:openai:provision`.
 *
 * @public
 */
export function createDeploymentAction(options: {
  arm: ProvisioningArm;
  policy: GoldenPathPolicy;
  settings: Omit<ProvisionerSettings, 'onSoftDeleted'>;
  events?: EventsService;
  now?: () => Date;
}) {
  const { arm, policy, settings, events } = options;
  const now = options.now ?? (() => new Date());
  const resolved = resolvePolicy(policy);
  const required = new Set(
    resolved.requiredControls.length > 0
      ? resolved.requiredControls
      : defaultPreflightControls(),
  );

  return createTemplateAction({
    id: 'azure:openai:deployment:create',
    description:
      'Adds model deployments to an Azure OpenAI account the golden path manages, refusing before any write when the account would then fail a required control, and audits it afterwards.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Add an embeddings deployment to the account of the chosen entity',
        example: [
          'steps:',
          '  - id: entity',
          '    action: catalog:fetch',
          '    input: { entityRef: ${{ parameters.account }} }',
          '  - id: deploy',
          '    action: azure:openai:deployment:create',
          '    input:',
          "      accountId: ${{ steps.entity.output.entity.metadata.annotations['management.azure.com/resourceId'] }}",
          '      contentFilterProfile: strict',
          '      deployments:',
          '        - { name: embeddings, model: text-embedding-3-large, version: "1", sku: Standard, capacity: 20 }',
        ].join('\n'),
      },
    ],
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      const parsed = inputSchema(z).safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(
          `Invalid input to azure:openai:deployment:create:\n${formatZodIssues(
            parsed.error.issues,
          )}`,
        );
      }
      const input = parsed.data;
      const parts = parseArmResourceId(input.accountId);
      if (
        !parts ||
        parts.provider?.toLowerCase() !== 'microsoft.cognitiveservices' ||
        !parts.resourceGroup
      ) {
        throw new InputError(
          `Invalid input to azure:openai:deployment:create:\n- accountId: "${input.accountId}" is not the ARM id of an account. Fix: use the entity's management.azure.com/resourceId annotation.`,
        );
      }
      const account = (await arm.client.get(
        input.accountId,
        GOLDEN_PATH_API_VERSIONS.cognitiveServices,
        ctx.signal,
      )) as
        | { location?: string; tags?: Record<string, string>; id?: string }
        | undefined;
      if (!account) {
        throw new NotFoundError(
          `Azure OpenAI account ${input.accountId} does not exist (or the provisioning identity cannot read it).`,
        );
      }
      const inputs: ProvisionInputs = {
        accountName: parts.name,
        subscriptionId: parts.subscriptionId,
        resourceGroup: parts.resourceGroup,
        region: String(account.location ?? ''),
        owner: account.tags?.['backstage.io-owner'] ?? '',
        system: account.tags?.['backstage.io-system'] ?? '',
        deployments: input.deployments,
        contentFilterProfile: input.contentFilterProfile,
      };
      const problems = validateProvisionInputs(inputs, policy).filter(
        p =>
          p.field.startsWith('deployments') ||
          p.field === 'contentFilterProfile' ||
          p.field === 'region',
      );
      if (problems.length > 0) {
        throw new InputError(
          `The deployments do not meet the golden path; nothing was written:\n${formatProblems(
            problems,
          )}`,
        );
      }
      const desired = buildDesiredState(inputs, policy);

      // Pre-flight: the account as ARM has it now, with the new content filter and deployments.
      const before = await arm.collector.collectAccount(input.accountId, {
        signal: ctx.signal,
      });
      const withNew = (
        evidence: Evidence | undefined,
        added: { id: string; name: string; type: string; body: object }[],
      ) =>
        present({
          value: [
            ...listOf(evidence).filter(x => !added.some(a => sameId(x, a.id))),
            ...added.map(a => ({
              ...a.body,
              id: a.id,
              name: a.name,
              type: a.type,
              properties: {
                ...(a.body as { properties?: object }).properties,
                provisioningState: 'Succeeded',
              },
            })),
          ],
        });
      const after = evaluateAccount(
        {
          account: {
            ...before,
            deployments: withNew(before.deployments, [...desired.deployments]),
            raiPolicies: withNew(before.raiPolicies, [desired.raiPolicy]),
          },
        },
        { policy, now: now() },
      );
      const blocking = requiredNotPassing(after.results, required);
      if (blocking.length > 0) {
        throw new InputError(
          `With these deployments ${
            parts.name
          } would fail controls the golden path requires; nothing was written. Bring the account back to the golden path first:\n${formatResults(
            blocking,
          )}`,
        );
      }

      const steps = provisionSteps(desired).filter(
        s => s.key === 'rai-policy' || s.key.startsWith('deployment.'),
      );
      const provisioner = new Provisioner(arm.client, settings);
      const entityRef = input.entityRef ?? accountEntityRef(parts.name);
      ctx.output('accountId', input.accountId);
      ctx.output('entityRef', entityRef);
      ctx.output('portalUrl', portalUrl(input.accountId));
      if (ctx.isDryRun) {
        const plan = await provisioner.plan(steps, ctx.signal);
        ctx.output('changes', changesOutput(plan));
        ctx.logger.info('Dry run complete: nothing was written');
        return;
      }
      const applied = await provisioner.apply(steps, ctx);
      const audit = await postflightAudit({
        arm,
        accountId: input.accountId,
        policy,
        required,
        now: now(),
        logger: ctx.logger,
        signal: ctx.signal,
      });
      ctx.output('grade', audit.grade);
      ctx.output('score', audit.score);
      ctx.output('changes', changesOutput(applied));
      await announceProvisioned(events, {
        accountId: input.accountId,
        entityRef,
        owner: inputs.owner,
        system: inputs.system,
        taskId: ctx.task.id,
        ...(ctx.user?.ref ? { requestedBy: ctx.user.ref } : {}),
      });
    },
  });
}
