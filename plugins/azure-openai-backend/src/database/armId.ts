import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';

const ACCOUNT_ID_PATTERN =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)$/i;

/** The parts of an account's ARM resource id. */
export interface ParsedAccountId {
  /** The id with a leading slash and no trailing slash. */
  resourceId: string;
  /** Lower-cased id, the key accounts are stored under. */
  resourceKey: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** True when the value looks like a `Microsoft.CognitiveServices/accounts` ARM id. */
export function isAccountResourceId(value: string): boolean {
  return ACCOUNT_ID_PATTERN.test(value.trim().replace(/\/+$/, ''));
}

/**
 * Parses the ARM id of a `Microsoft.CognitiveServices/accounts` resource.
 *
 * @throws InputError naming `field` when the id is not such an ARM id
 */
export function parseAccountResourceId(
  value: string,
  field = 'resourceId',
): ParsedAccountId {
  const resourceId = value.trim().replace(/\/+$/, '');
  const match = ACCOUNT_ID_PATTERN.exec(resourceId);
  if (!match) {
    throw new InputError(
      `Invalid ${field}: '${value}' is not the ARM id of a Microsoft.CognitiveServices/accounts resource`,
    );
  }
  return {
    resourceId,
    resourceKey: resourceId.toLowerCase(),
    subscriptionId: match[1].toLowerCase(),
    resourceGroup: match[2],
    name: match[3],
  };
}

/** The opaque account id used in URLs: 32 hex characters derived from the lower-cased ARM id. */
export function accountIdFor(resourceId: string): string {
  return createHash('sha256')
    .update(resourceId.trim().replace(/\/+$/, '').toLowerCase())
    .digest('hex')
    .slice(0, 32);
}

/** True when the value is an opaque account id. */
export function isOpaqueAccountId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}
