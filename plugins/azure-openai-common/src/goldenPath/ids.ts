/** ARM ids and names of everything the golden path creates for one account. */

import type { ResolvedGoldenPathPolicy } from '../types';

/** The subnet of the private endpoint in a region: the region's own, else the default one. */
export function privateEndpointSubnetFor(
  policy: ResolvedGoldenPathPolicy,
  region: string,
): string {
  const byRegion = policy.privateEndpointSubnetIdsByRegion;
  // Own keys only: a region such as `constructor` or `__proto__` is not a configured one.
  return Object.prototype.hasOwnProperty.call(byRegion, region)
    ? byRegion[region]
    : policy.privateEndpointSubnetId;
}

/** Name of the private endpoint of an account (`pep-<account>-account`). */
export function privateEndpointName(accountName: string): string {
  return `pep-${accountName}-account`;
}

/** Name of the golden path's RAI policy for a content filter profile. */
export function raiPolicyName(profile: string): string {
  const safe = profile.replace(/[^A-Za-z0-9_-]/g, '-');
  return `golden-path-${safe || 'default'}`;
}

/** Name of the golden path's diagnostic setting. */
export const DIAGNOSTIC_SETTING_NAME = 'golden-path-to-log-analytics';

/** Name of the golden path's delete lock. */
export const LOCK_NAME = 'golden-path-no-delete';

/** Name of the DNS zone group of the private endpoint. */
export const DNS_ZONE_GROUP_NAME = 'default';

/** ARM id of a resource group. */
export function resourceGroupId(subscriptionId: string, rg: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${rg}`;
}

/** ARM id of an account. */
export function accountId(
  subscriptionId: string,
  rg: string,
  accountName: string,
): string {
  return `${resourceGroupId(
    subscriptionId,
    rg,
  )}/providers/Microsoft.CognitiveServices/accounts/${accountName}`;
}

/** ARM id of a private endpoint in the account's resource group. */
export function privateEndpointId(
  subscriptionId: string,
  rg: string,
  name: string,
): string {
  return `${resourceGroupId(
    subscriptionId,
    rg,
  )}/providers/Microsoft.Network/privateEndpoints/${name}`;
}

/** ARM id of a role definition. */
export function roleDefinitionId(subscriptionId: string, guid: string): string {
  return guid.startsWith('/')
    ? guid
    : `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** Last segment of an ARM id (e.g. the zone name of a private DNS zone id). */
export function lastSegment(id: string): string {
  const parts = id.split('/').filter(p => p.length > 0);
  return parts.length > 0 ? parts[parts.length - 1] : '';
}
