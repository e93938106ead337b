import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  GOLDEN_PATH_EVENTS_TOPIC,
  type ControlResult,
  type GoldenPathPolicy,
  type GoldenPathProvisionedEvent,
} from '@pavedai/plugin-azure-openai-common';
import type { ProvisioningArm } from '../arm/provisioningArm';
import { auditAccount, type AccountAudit } from '../audit/auditAccount';
import type { AppliedStep, PlannedStep } from '../provision/Provisioner';

/** Required controls whose status is neither pass nor not-applicable. */
export function requiredNotPassing(
  results: readonly ControlResult[],
  required: ReadonlySet<string>,
): ControlResult[] {
  return results.filter(
    r =>
      required.has(r.controlId) &&
      r.status !== 'pass' &&
      r.status !== 'not-applicable',
  );
}

/** One line per control: `- <id>: <status>: <message>`. */
export function formatResults(results: readonly ControlResult[]): string {
  return results
    .map(r => `- ${r.controlId}: ${r.status}: ${r.message}`)
    .join('\n');
}

/** The `changes` output: what each step did, or would do on a dry run. */
export function changesOutput(steps: ReadonlyArray<AppliedStep | PlannedStep>) {
  return steps.map(s => ({
    step: s.title,
    resourceId: s.resourceId,
    outcome: 'outcome' in s ? s.outcome : s.action,
  }));
}

/**
 * Post-flight: audits the account with the audit's collector, engine and policy, logs the
 * grade, and fails when a required control does not pass.
 */
export async function postflightAudit(options: {
  arm: ProvisioningArm;
  accountId: string;
  policy: GoldenPathPolicy;
  required: ReadonlySet<string>;
  now: Date;
  logger: LoggerService;
  signal?: AbortSignal;
}): Promise<AccountAudit> {
  const { accountId, logger } = options;
  const audit = await auditAccount({
    collector: options.arm.collector,
    accountId,
    policy: options.policy,
    now: options.now,
    signal: options.signal,
  });
  logger.info(
    `Post-flight audit: grade ${audit.grade} (score ${audit.score})${
      audit.failing.length
        ? `; not passing: ${audit.failing
            .map(f => `${f.id} (${f.status})`)
            .join(', ')}`
        : ''
    }`,
  );
  const notPassing = requiredNotPassing(
    audit.evaluation.results,
    options.required,
  );
  if (notPassing.length > 0) {
    throw new InputError(
      `Post-flight audit: ${
        notPassing.length
      } required control(s) do not pass on ${accountId}:\n${formatResults(
        notPassing,
      )}\nRe-run the task after fixing the cause; it converges without writing what already matches.`,
    );
  }
  return audit;
}

/** Tells the catalog module and the audit plugin about the account (no-op without events). */
export async function announceProvisioned(
  events: EventsService | undefined,
  event: Omit<GoldenPathProvisionedEvent, 'type'>,
): Promise<void> {
  if (!events) return;
  const eventPayload: GoldenPathProvisionedEvent = {
    type: 'account.provisioned',
    ...event,
  };
  await events.publish({ topic: GOLDEN_PATH_EVENTS_TOPIC, eventPayload });
}
