import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { ArmResourceClient } from '../arm/ArmResourceClient';
import {
  armDifferences,
  type ArmFieldDifference,
} from '@pavedai/plugin-azure-openai-common';
import { resumePut, startPut } from '../arm/longRunningPut';
import { describeArmFailure, isConflict } from './provisioningErrors';
import type { ProvisionStep } from './steps';

/** The part of the scaffolder's action context a provisioning run uses. */
export interface StepContext {
  checkpoint<T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
  logger: LoggerService;
  signal?: AbortSignal;
}

/** What a step did. */
export type StepOutcome = 'created' | 'updated' | 'unchanged';

/** The result of one applied step. */
export interface AppliedStep {
  key: string;
  title: string;
  resourceId: string;
  outcome: StepOutcome;
}

/** What a step would do (dry run). */
export interface PlannedStep {
  key: string;
  title: string;
  resourceId: string;
  action: 'create' | 'update' | 'unchanged';
  /** For `update`: the fields that differ. */
  differences: ArmFieldDifference[];
}

/**
 * ARM id of the soft-deleted account with the same name, location and resource group as the
 * account a request creates.
 */
export function deletedAccountId(account: {
  id: string;
  body: unknown;
}): string {
  const m =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)$/i.exec(
      account.id,
    );
  const location = String((account.body as { location?: unknown }).location);
  return m
    ? `/subscriptions/${m[1]}/providers/Microsoft.CognitiveServices/locations/${location}/resourceGroups/${m[2]}/deletedAccounts/${m[3]}`
    : account.id;
}

/**
 * Timing and retry settings of a run.
 *
 * @public
 */
export interface ProvisionerSettings {
  /** What to do when the account name is soft-deleted: fail with the fix, or restore it. */
  onSoftDeleted?: 'fail' | 'restore';
  /** How often long-running operations are polled without `Retry-After`. */
  pollIntervalMs: number;
  /** How long one step may take before the run fails naming it. */
  stepTimeoutMs: number;
  /** Retries of a write answered with 409 Conflict. */
  conflictRetries: number;
  /** First wait before such a retry, growing 1.5 times per retry. */
  conflictRetryDelayMs: number;
}

const TRANSIENT_STATES = new Set([
  'accepted',
  'creating',
  'updating',
  'deleting',
  'moving',
  'provisioning',
  'running',
]);

function plannedAction(
  actual: unknown,
  differences: readonly ArmFieldDifference[],
): PlannedStep['action'] {
  if (!actual) return 'create';
  return differences.length > 0 ? 'update' : 'unchanged';
}

/** How many failed operations of earlier attempts a step skips before it gives up. */
const MAX_ATTEMPTS = 20;

function provisioningState(resource: unknown): string | undefined {
  const state = (resource as { properties?: { provisioningState?: unknown } })
    ?.properties?.provisioningState;
  return typeof state === 'string' ? state : undefined;
}

/** The desired body with the tags someone else put on the resource kept (ours win). */
function keepForeignTags(body: unknown, actual: unknown): unknown {
  const desiredTags = (body as { tags?: Record<string, string> }).tags;
  const actualTags = (actual as { tags?: Record<string, string> } | undefined)
    ?.tags;
  if (!desiredTags || !actualTags) return body;
  return {
    ...(body as object),
    tags: { ...actualTags, ...desiredTags },
  };
}

function isAbort(error: unknown): boolean {
  return (error as Error)?.name === 'AbortError';
}

/**
 * Applies the golden path's writes one after another, idempotently: each step reads the
 * resource first and writes only when it differs from the desired state; each step and each
 * long-running operation is kept in a scaffolder checkpoint, so a retried or recovered task skips
 * finished steps and resumes polling an operation instead of starting it twice.
 */
export class Provisioner {
  readonly #client: ArmResourceClient;
  readonly #settings: ProvisionerSettings;

  constructor(client: ArmResourceClient, settings: ProvisionerSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  /** Reads every resource and reports what a run would change, without writing. */
  async plan(
    steps: readonly ProvisionStep[],
    signal?: AbortSignal,
  ): Promise<PlannedStep[]> {
    const planned: PlannedStep[] = [];
    for (const step of steps) {
      const { request } = step;
      const actual = await this.#client.get(
        request.id,
        request.apiVersion,
        signal,
      );
      const differences = actual ? armDifferences(request.body, actual) : [];
      planned.push({
        key: step.key,
        title: step.title,
        resourceId: request.id,
        action: plannedAction(actual, differences),
        differences,
      });
    }
    return planned;
  }

  /** Applies the steps in order; stops at the first failure with an error naming the step. */
  async apply(
    steps: readonly ProvisionStep[],
    ctx: StepContext,
  ): Promise<AppliedStep[]> {
    const applied: AppliedStep[] = [];
    for (const [index, step] of steps.entries()) {
      ctx.signal?.throwIfAborted();
      ctx.logger.info(
        `[${index + 1}/${steps.length}] ${step.title}: ${step.request.id}`,
      );
      const outcome = await this.#applyStep(step, ctx);
      ctx.logger.info(
        `[${index + 1}/${steps.length}] ${step.title}: ${outcome}`,
      );
      applied.push({
        key: step.key,
        title: step.title,
        resourceId: step.request.id,
        outcome,
      });
    }
    return applied;
  }

  async #applyStep(
    step: ProvisionStep,
    ctx: StepContext,
  ): Promise<StepOutcome> {
    const timeout = AbortSignal.timeout(this.#settings.stepTimeoutMs);
    const signal = ctx.signal
      ? AbortSignal.any([ctx.signal, timeout])
      : timeout;
    const where = { step: step.title, resourceId: step.request.id };
    try {
      const done = await ctx.checkpoint({
        key: `${step.key}.v1`,
        fn: async () => ({ outcome: await this.#converge(step, ctx, signal) }),
      });
      return done.outcome;
    } catch (error) {
      if (timeout.aborted && !ctx.signal?.aborted) {
        throw describeArmFailure(
          new Error(
            `did not finish within ${Math.round(
              this.#settings.stepTimeoutMs / 1000,
            )} s (azureOpenAI.provisioning.stepTimeout)`,
          ),
          where,
        );
      }
      if (isAbort(error) || ctx.signal?.aborted) throw error;
      throw describeArmFailure(error, where);
    }
  }

  /**
   * Brings one resource to the desired state. The start of a long-running write (its serialized
   * poller) is a checkpoint of its own; an operation a previous attempt started is resumed, and
   * when it had failed the step starts over with a fresh read and write.
   */
  async #converge(
    step: ProvisionStep,
    ctx: StepContext,
    signal: AbortSignal,
  ): Promise<StepOutcome> {
    const { request } = step;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let startedNow = false;
      const started = await ctx.checkpoint({
        key: `${step.key}.write.${attempt}`,
        fn: async () => {
          startedNow = true;
          const actual = await this.#settledResource(step, signal);
          const differences = actual
            ? armDifferences(request.body, actual)
            : [];
          if (actual && differences.length === 0) {
            return { outcome: 'unchanged' as StepOutcome };
          }
          if (actual) {
            ctx.logger.info(
              `${step.title}: differs from the golden path in ${differences
                .map(d => d.field)
                .join(', ')}; updating`,
            );
          }
          const outcome: StepOutcome = actual ? 'updated' : 'created';
          const body = actual
            ? keepForeignTags(request.body, actual)
            : await this.#bodyForNewResource(step, signal);
          const restore =
            (body as { properties?: { restore?: unknown } }).properties
              ?.restore === true;
          const start = await this.#withConflictRetries(step, ctx, signal, () =>
            startPut(
              this.#client,
              {
                id: request.id,
                apiVersion: request.apiVersion,
                body,
              },
              { signal, intervalInMs: this.#settings.pollIntervalMs },
            ),
          );
          return {
            outcome,
            ...(start.done ? {} : { poller: start.poller }),
            ...(restore ? { restored: true } : {}),
          };
        },
      });
      if (!('poller' in started) || !started.poller) {
        if ('restored' in started && started.restored) continue;
        return started.outcome;
      }
      try {
        await resumePut(
          this.#client,
          {
            id: request.id,
            apiVersion: request.apiVersion,
            body: request.body,
          },
          started.poller,
          {
            signal,
            intervalInMs: this.#settings.pollIntervalMs,
            onProgress: status => ctx.logger.info(`${step.title}: ${status}`),
          },
        );
        // A restored account comes back as it was deleted: converge it again.
        if ('restored' in started && started.restored) {
          ctx.logger.info(`${step.title}: restored the soft-deleted account`);
          continue;
        }
        return started.outcome;
      } catch (error) {
        if (startedNow || isAbort(error) || signal.aborted) throw error;
        ctx.logger.warn(
          `${
            step.title
          }: the operation a previous attempt started did not succeed (${
            (error as Error).message
          }); starting over`,
        );
      }
    }
    throw new Error(
      `gave up after ${MAX_ATTEMPTS} failed attempts recorded for this task`,
    );
  }

  /**
   * The body that creates a resource. An account whose name is soft-deleted is restored when the
   * run says so (`onSoftDeleted: restore`); otherwise the write fails with
   * `FlagMustBeSetForRestore` and its fix.
   */
  async #bodyForNewResource(
    step: ProvisionStep,
    signal: AbortSignal,
  ): Promise<unknown> {
    const { request } = step;
    if (
      request.type !== 'Microsoft.CognitiveServices/accounts' ||
      this.#settings.onSoftDeleted !== 'restore'
    ) {
      return request.body;
    }
    const deleted = await this.#client.get(
      deletedAccountId(request),
      request.apiVersion,
      signal,
    );
    if (!deleted) return request.body;
    const body = request.body as { properties?: object };
    return { ...body, properties: { ...body.properties, restore: true } };
  }

  /** The resource as ARM has it, after any operation already running on it has ended. */
  async #settledResource(
    step: ProvisionStep,
    signal: AbortSignal,
  ): Promise<unknown | undefined> {
    const { request } = step;
    for (;;) {
      const actual = await this.#client.get(
        request.id,
        request.apiVersion,
        signal,
      );
      const state = provisioningState(actual)?.toLowerCase();
      if (!actual || !state || !TRANSIENT_STATES.has(state)) return actual;
      await sleep(this.#settings.pollIntervalMs, undefined, { signal });
    }
  }

  async #withConflictRetries<T>(
    step: ProvisionStep,
    ctx: StepContext,
    signal: AbortSignal,
    write: () => Promise<T>,
  ): Promise<T> {
    let delay = this.#settings.conflictRetryDelayMs;
    for (let retry = 0; ; retry++) {
      try {
        return await write();
      } catch (error) {
        if (!isConflict(error) || retry >= this.#settings.conflictRetries) {
          throw error;
        }
        const wait = Math.round(delay * (0.7 + Math.random() * 0.6));
        ctx.logger.warn(
          `${step.title}: ARM reports a conflicting operation (${
            (error as Error).message
          }); retry ${retry + 1} of ${
            this.#settings.conflictRetries
          } in ${wait} ms`,
        );
        await sleep(wait, undefined, { signal });
        delay *= 1.5;
      }
    }
  }
}
