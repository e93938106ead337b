import type { ProvisionInputs } from './goldenPath/types';

/**
 * Events topic on which the golden path announces what it provisioned (Backstage events service).
 *
 * @public
 */
export const GOLDEN_PATH_EVENTS_TOPIC = 'azure-openai.golden-path';

/**
 * Tags `azure:openai:provision` stamps on the accounts it provisions (names of letters, digits,
 * `-` and `.`, valid on every Azure resource type): the template, its version, the scaffolder
 * task and the golden-path policy version of the run that created the account.
 *
 * @public
 */
export const GOLDEN_PATH_PROVENANCE_TAGS = Object.freeze({
  template: 'backstage.io-template',
  templateVersion: 'backstage.io-template-version',
  task: 'backstage.io-task-id',
  policyVersion: 'backstage.io-golden-path-policy',
} as const);

/**
 * Annotation of a template entity whose value is its version (stamped as
 * `backstage.io-template-version`).
 *
 * @public
 */
export const TEMPLATE_VERSION_ANNOTATION = 'pavedai.dev/template-version';

/**
 * Payload published on {@link GOLDEN_PATH_EVENTS_TOPIC} after `azure:openai:provision` (or a
 * deployment added to an account) succeeded. The catalog module adopts the account as a
 * `Resource` entity and the audit plugin scans it at once.
 *
 * @public
 */
export interface GoldenPathProvisionedEvent {
  /** The event type. */
  type: 'account.provisioned';
  /** ARM id of the account. */
  accountId: string;
  /** Entity ref the account is expected under, e.g. `resource:default/aoai-payments`. */
  entityRef: string;
  /** Owner entity ref (also the `backstage.io-owner` tag). */
  owner: string;
  /** System (also the `backstage.io-system` tag). */
  system: string;
  /** Scaffolder task id, when provisioned by a template. */
  taskId?: string;
  /** Entity ref of the user who ran the template. */
  requestedBy?: string;
  /** Entity ref of the template that ran, e.g. `template:default/secure-azure-openai-account`. */
  templateRef?: string;
  /** The template's `pavedai.dev/template-version` annotation, when it has one. */
  templateVersion?: string;
  /** Content hash of the effective golden-path policy the run applied (`goldenPathPolicyVersion`). */
  policyVersion?: string;
  /**
   * The inputs the run applied (after defaults: subscription, consumers, tags), from which the
   * audit rebuilds the desired state to detect drift.
   */
  inputs?: ProvisionInputs;
}

const ACCOUNT_ID =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i;

/**
 * What {@link parseGoldenPathEvent} makes of a payload on {@link GOLDEN_PATH_EVENTS_TOPIC}: an
 * `account.provisioned` event (its `accountId` trimmed of trailing slashes), another event type
 * to ignore, or a malformed payload and why.
 *
 * @public
 */
export type ParsedGoldenPathEvent =
  | { kind: 'account.provisioned'; event: GoldenPathProvisionedEvent }
  | { kind: 'other'; type: string }
  | { kind: 'malformed'; problem: string };

/**
 * Checks a payload received on {@link GOLDEN_PATH_EVENTS_TOPIC}, so every subscriber accepts the
 * same events: `accountId` must be the ARM id of a `Microsoft.CognitiveServices/accounts`
 * resource, and the optional text fields must be strings.
 *
 * @param payload - the event payload as received
 * @public
 */
export function parseGoldenPathEvent(payload: unknown): ParsedGoldenPathEvent {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return { kind: 'malformed', problem: 'the payload is not an object' };
  }
  const p = payload as Record<string, unknown>;
  if (p.type !== 'account.provisioned') {
    return typeof p.type === 'string'
      ? { kind: 'other', type: p.type }
      : { kind: 'malformed', problem: 'type is missing' };
  }
  const accountId =
    typeof p.accountId === 'string'
      ? p.accountId.trim().replace(/\/+$/, '')
      : '';
  if (!ACCOUNT_ID.test(accountId)) {
    return {
      kind: 'malformed',
      problem: `accountId ${JSON.stringify(
        p.accountId,
      )} is not the ARM id of a Microsoft.CognitiveServices/accounts resource`,
    };
  }
  for (const field of [
    'entityRef',
    'owner',
    'system',
    'taskId',
    'requestedBy',
    'templateRef',
    'templateVersion',
    'policyVersion',
  ]) {
    if (p[field] !== undefined && typeof p[field] !== 'string') {
      return { kind: 'malformed', problem: `${field} is not a string` };
    }
  }
  if (
    p.inputs !== undefined &&
    (!p.inputs || typeof p.inputs !== 'object' || Array.isArray(p.inputs))
  ) {
    return { kind: 'malformed', problem: 'inputs is not an object' };
  }
  return {
    kind: 'account.provisioned',
    event: { ...(p as unknown as GoldenPathProvisionedEvent), accountId },
  };
}
