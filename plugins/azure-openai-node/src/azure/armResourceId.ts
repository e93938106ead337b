import { InputError } from '@backstage/errors';

/**
 * The parts of an Azure Resource Manager id of a resource in a resource group.
 *
 * @public
 */
export interface ArmResourceIdParts {
  /** Subscription GUID. */
  subscriptionId: string;
  /** Resource group name. */
  resourceGroup: string;
  /** Resource provider namespace, for example `Microsoft.CognitiveServices`. */
  provider: string;
  /** Resource type below the provider, for example `accounts`. */
  type: string;
  /** Resource name. */
  name: string;
}

const RESOURCE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)\/?$/i;

/**
 * Splits a top-level resource id
 * (`/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}`).
 *
 * @throws InputError when the id has another shape.
 * @public
 */
export function parseArmResourceId(id: string): ArmResourceIdParts {
  const match = RESOURCE_ID.exec(id.trim());
  if (!match) {
    throw new InputError(
      `Not an Azure resource id of the form /subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}: '${id}'`,
    );
  }
  const [, subscriptionId, resourceGroup, provider, type, name] = match;
  return { subscriptionId, resourceGroup, provider, type, name };
}

/** The key accounts are deduplicated and cached by: the id, lower-cased. */
export function armIdKey(id: string): string {
  return id.trim().replace(/\/+$/, '').toLowerCase();
}
