import fs from 'node:fs/promises';
import path from 'node:path';
import {
  resolveSafeChildPath,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import { goldenPathPolicyVersion } from '@pavedai/plugin-azure-openai-node';
import {
  createTemplateAction,
  type ActionContext,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  GOLDEN_PATH_API_VERSIONS,
  GOLDEN_PATH_PROVENANCE_TAGS,
  TEMPLATE_VERSION_ANNOTATION,
  desiredStateToArmTemplate,
  preflight,
  resolvePolicy,
  type GoldenPathPolicy,
  type ProvisionInputs,
} from '@pavedai/plugin-azure-openai-common';
import { z } from 'zod/v3';
import type { ProvisioningArm } from '../arm/provisioningArm';
import {
  Provisioner,
  type ProvisionerSettings,
} from '../provision/Provisioner';
import { runReadChecks } from '../provision/readChecks';
import { provisionSteps } from '../provision/steps';
import {
  announceProvisioned,
  changesOutput,
  postflightAudit,
} from './postflight';
import {
  formatBlocking,
  formatProblems,
  formatZodIssues,
} from './formatProblems';
import { provisionInputSchema, provisionOutputSchema } from './provisionSchema';
import { PROVISION_EXAMPLES } from './provisionExamples';

/**
 * Tags that record which template run created the account (kept as they were on later runs, so
 * an unchanged account stays unchanged; the audit stores the latest run's provenance from the
 * event).
 */
export const PROVENANCE_TAGS = GOLDEN_PATH_PROVENANCE_TAGS;

/**
 * Dependencies of `azure:openai:provision`.
 *
 * @public
 */
export interface ProvisionActionOptions {
  /** ARM access of the provisioning identity. */
  arm: ProvisioningArm;
  /** The golden-path policy (`azureOpenAI.goldenPath`). */
  policy: GoldenPathPolicy;
  /** Timing and retries of writes. */
  settings: Omit<ProvisionerSettings, 'onSoftDeleted'>;
  /** Announces provisioned accounts so the catalog and the audit pick them up at once. */
  events?: EventsService;
  /** Where the actions log besides the task log. */
  logger?: LoggerService;
  /** Clock of the pre-flight and post-flight evaluations. */
  now?: () => Date;
}

/** `https://portal.azure.com/#@/resource<id>` */
export function portalUrl(resourceId: string): string {
  return `https://portal.azure.com/#@/resource${resourceId}/overview`;
}

/** The entity the catalog module adopts the account as (see its README). */
export function accountEntityRef(accountName: string): string {
  return `resource:default/${accountName}`;
}

function parseInputs(raw: unknown): ProvisionActionInput {
  const parsed = provisionInputSchema(z).safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid input to azure:openai:provision:\n${formatZodIssues(
        parsed.error.issues,
      )}`,
    );
  }
  return parsed.data;
}

/** The action context a provisioning run uses. */
export type ProvisionContext = ActionContext<JsonObject, JsonObject>;

/** Options of one provisioning run. */
export interface ProvisionRunOptions {
  /**
   * The template the account belongs to, when it is not the running one (a bring-back run keeps
   * the provenance of the template that created the account).
   */
  provenance?: { templateRef?: string; templateVersion?: string };
}

/** Parsed inputs of `azure:openai:provision`. */
export type ProvisionActionInput = z.infer<
  ReturnType<typeof provisionInputSchema>
>;

/**
 * A provisioning run: pre-flight, dry run or apply, post-flight audit and the event. Shared by
 * `azure:openai:provision` and `azure:openai:golden-path:restore` (which runs it with the inputs
 * the audit recorded).
 */
export function createProvisionRun(
  options: ProvisionActionOptions,
): (
  ctx: ProvisionContext,
  input: ProvisionActionInput,
  run?: ProvisionRunOptions,
) => Promise<void> {
  const { arm, policy, settings, events } = options;
  const resolved = resolvePolicy(policy);
  const policyVersion = goldenPathPolicyVersion(policy);
  const now = options.now ?? (() => new Date());

  return async (ctx, input, runOptions = {}) => {
    const subscriptionId =
      input.subscriptionId ?? resolved.allowedSubscriptionIds[0];
    if (!subscriptionId) {
      throw new InputError(
        'Invalid input to azure:openai:provision:\n- subscriptionId: required, because the golden-path policy lists no allowedSubscriptionIds. Fix: pass subscriptionId, or set azureOpenAI.goldenPath.allowedSubscriptionIds.',
      );
    }
    const { iacPath: _iacPath, onSoftDeleted: _onSoftDeleted, ...rest } = input;
    const inputs: ProvisionInputs = {
      ...rest,
      subscriptionId,
      consumerPrincipalIds: input.consumerPrincipalIds ?? [],
      tags: { ...input.tags },
    };

    // Provenance: the template and task that created the account; kept on later runs so an
    // unchanged account stays unchanged.
    const accountPath = `/subscriptions/${subscriptionId}/resourceGroups/${inputs.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${inputs.accountName}`;
    const existing =
      /^[\w-]+$/.test(inputs.resourceGroup) &&
      /^[A-Za-z0-9-]+$/.test(inputs.accountName)
        ? ((await arm.client.get(
            accountPath,
            GOLDEN_PATH_API_VERSIONS.cognitiveServices,
            ctx.signal,
          )) as { tags?: Record<string, string> } | undefined)
        : undefined;
    const templateRef =
      runOptions.provenance?.templateRef ?? ctx.templateInfo?.entityRef;
    const rawVersion = runOptions.provenance
      ? runOptions.provenance.templateVersion
      : ctx.templateInfo?.entity?.metadata?.annotations?.[
          TEMPLATE_VERSION_ANNOTATION
        ];
    // Tag values hold at most 256 characters.
    const templateVersion =
      typeof rawVersion === 'string' && rawVersion.trim()
        ? rawVersion.trim().slice(0, 256)
        : undefined;
    const thisRun: Record<string, string | undefined> = {
      [PROVENANCE_TAGS.template]: templateRef,
      [PROVENANCE_TAGS.templateVersion]: templateVersion,
      [PROVENANCE_TAGS.task]: ctx.task.id,
      [PROVENANCE_TAGS.policyVersion]: policyVersion,
    };
    const provenance: Record<string, string> = {};
    for (const [name, value] of Object.entries(thisRun)) {
      const kept = existing?.tags?.[name] ?? value;
      if (kept) provenance[name] = kept;
    }
    inputs.tags = { ...inputs.tags, ...provenance };

    const checked = preflight(inputs, policy, { now: now() });
    if (checked.problems.length > 0) {
      throw new InputError(
        `The inputs do not meet the golden path; nothing was written:\n${formatProblems(
          checked.problems,
        )}`,
      );
    }
    if (checked.blocking.length > 0) {
      throw new InputError(
        `What these inputs would build fails controls the golden path requires; nothing was written:\n${formatBlocking(
          checked.blocking,
        )}`,
      );
    }
    ctx.logger.info(
      `Pre-flight passed: ${checked.requiredControls.length} required controls pass on the desired state`,
    );

    const desired = checked.desiredState;
    if (input.iacPath) {
      const file = resolveSafeChildPath(ctx.workspacePath, input.iacPath);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(
        file,
        `${JSON.stringify(desiredStateToArmTemplate(desired), null, 2)}\n`,
      );
      ctx.logger.info(
        `Wrote the ARM template of the account to ${input.iacPath}`,
      );
    }
    const steps = provisionSteps(desired);
    const provisioner = new Provisioner(arm.client, {
      ...settings,
      onSoftDeleted: input.onSoftDeleted ?? 'fail',
    });
    const accountId = desired.account.id;
    const subdomain = (
      desired.account.body as { properties: { customSubDomainName: string } }
    ).properties.customSubDomainName;
    const common = {
      accountId,
      endpoint: `https://${subdomain}.openai.azure.com/`,
      deployments: inputs.deployments.map(d => ({ ...d })),
      privateEndpointId: desired.privateEndpoint.id,
      portalUrl: portalUrl(accountId),
      entityRef: accountEntityRef(inputs.accountName),
    };

    if (ctx.isDryRun) {
      const plan = await provisioner.plan(steps, ctx.signal);
      for (const p of plan) {
        ctx.logger.info(
          `Plan: ${p.title}: ${p.action}${
            p.differences.length
              ? ` (${p.differences.map(d => d.field).join(', ')})`
              : ''
          }`,
        );
      }
      const checks = await runReadChecks({
        client: arm.client,
        inputs,
        desired,
        policy: resolved,
        apiVersion: GOLDEN_PATH_API_VERSIONS.cognitiveServices,
        signal: ctx.signal,
      });
      for (const c of checks) {
        ctx.logger.info(
          `Check ${c.check}: ${c.ok ? 'ok' : 'FAILED'}: ${c.message}`,
        );
      }
      for (const [k, v] of Object.entries(common)) ctx.output(k as any, v);
      ctx.output('changes', changesOutput(plan));
      const failed = checks.filter(c => !c.ok);
      if (failed.length > 0) {
        throw new InputError(
          `Dry run: ${
            failed.length
          } check(s) failed; a real run would fail:\n${failed
            .map(c => `- ${c.field}: ${c.message}`)
            .join('\n')}`,
        );
      }
      ctx.logger.info('Dry run complete: nothing was written');
      return;
    }

    const applied = await provisioner.apply(steps, ctx);

    const audit = await postflightAudit({
      arm,
      accountId,
      policy,
      required: new Set(checked.requiredControls),
      now: now(),
      logger: ctx.logger,
      signal: ctx.signal,
    });
    const account = (await arm.client.get(
      accountId,
      GOLDEN_PATH_API_VERSIONS.cognitiveServices,
      ctx.signal,
    )) as
      | {
          identity?: { principalId?: string };
          properties?: { endpoint?: string };
        }
      | undefined;
    for (const [k, v] of Object.entries(common)) ctx.output(k as any, v);
    if (account?.properties?.endpoint) {
      ctx.output('endpoint', account.properties.endpoint);
    }
    if (account?.identity?.principalId) {
      ctx.output('principalId', account.identity.principalId);
    }
    ctx.output('grade', audit.grade);
    ctx.output('score', audit.score);
    ctx.output('changes', changesOutput(applied));
    ctx.logger.info(
      `${applied.filter(a => a.outcome !== 'unchanged').length} of ${
        applied.length
      } steps changed something`,
    );
    await announceProvisioned(events, {
      accountId,
      entityRef: common.entityRef,
      owner: inputs.owner,
      system: inputs.system,
      taskId: ctx.task.id,
      ...(ctx.user?.ref ? { requestedBy: ctx.user.ref } : {}),
      // This run's provenance (the tags keep the first run's) and what it applied.
      ...(templateRef ? { templateRef } : {}),
      ...(templateVersion ? { templateVersion } : {}),
      policyVersion,
      inputs,
    });
  };
}

/**
 * `azure:openai:provision`: a hardened Azure OpenAI account with its content filter, model
 * deployments, private endpoint, diagnostics, consumer roles and delete lock, checked before any
 * write (pre-flight), applied idempotently with checkpoints, and audited afterwards
 * (post-flight).
 *
 * @public
 */
export function createProvisionAction(options: ProvisionActionOptions) {
  const run = createProvisionRun(options);
  return createTemplateAction({
    id: 'azure:openai:provision',
    description:
      'Provisions a hardened Azure OpenAI account (private, keyless, content-filtered, logged) with model deployments, as the golden-path policy allows. Refuses before any write when a required control would fail; audits the result.',
    examples: PROVISION_EXAMPLES,
    supportsDryRun: true,
    schema: { input: provisionInputSchema, output: provisionOutputSchema },
    async handler(ctx) {
      await run(ctx as ProvisionContext, parseInputs(ctx.input));
    },
  });
}
