/**
 * Events topic on which the golden path announces what it provisioned (Backstage events service).
 *
 * @public
 */
export const GOLDEN_PATH_EVENTS_TOPIC = 'azure-openai.golden-path';

/**
 * Payload published on {@link GOLDEN_PATH_EVENTS_TOPIC} after `azure:openai:provision` (or a
 * deployment added to an account) succeeded. The catalog module adopts the account as a
 * `Resource` entity and the audit plugin scans it at once.
 *
 * @public
 */
export interface GoldenPathProvisionedEvent {
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
}
