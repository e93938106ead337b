import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  Entity,
} from '@backstage/catalog-model';
import {
  AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE,
  AZURE_RESOURCE_ID_ANNOTATION,
} from '@pavedai/plugin-azure-openai-common';
import { ArmAccountSummary } from './types';

/** Tag on an Azure account that names its owning Backstage entity. */
export const OWNER_TAG = 'backstage.io-owner';
/** Tag on an Azure account that names its Backstage system. */
export const SYSTEM_TAG = 'backstage.io-system';
/** Annotation with the account's subscription id. */
export const SUBSCRIPTION_ANNOTATION = 'management.azure.com/subscription-id';
/** Annotation with the account's Azure region. */
export const LOCATION_ANNOTATION = 'management.azure.com/location';

const ENTITY_NAME_MAX = 63;

/** What {@link accountToEntity} needs besides the account. */
export interface AccountToEntityOptions {
  providerName: string;
  namespace: string;
  defaultOwner: string;
  portalUrl: string;
  /** Entity name to use; {@link entityNamesFor} picks unique ones for a whole fleet. */
  name: string;
}

/** The subscription id inside an ARM id, or undefined when the id has none. */
export function subscriptionOf(armId: string): string | undefined {
  return /^\/subscriptions\/([^/]+)\//i.exec(armId)?.[1];
}

/** A valid catalog entity name made from an Azure account name. */
function toEntityName(accountName: string): string {
  const cleaned = accountName
    .replace(/[^A-Za-z0-9\-_.]/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  return (cleaned || 'account')
    .slice(0, ENTITY_NAME_MAX)
    .replace(/[-_.]+$/, '');
}

/** A short, stable suffix derived from an ARM id (FNV-1a, hex). */
function idSuffix(armId: string): string {
  let hash = 0x811c9dc5;
  for (const char of armId.toLocaleLowerCase('en-US')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, 6);
}

/**
 * Picks an entity name for each account: the account's own name, or, where two accounts in
 * different subscriptions share a name, the name plus a short suffix derived from the ARM id, so
 * names never change with the order of discovery.
 */
export function entityNamesFor(
  accounts: ArmAccountSummary[],
): Map<ArmAccountSummary, string> {
  const counts = new Map<string, number>();
  for (const account of accounts) {
    const base = toEntityName(account.name).toLocaleLowerCase('en-US');
    counts.set(base, (counts.get(base) ?? 0) + 1);
  }
  const names = new Map<ArmAccountSummary, string>();
  for (const account of accounts) {
    const base = toEntityName(account.name);
    if ((counts.get(base.toLocaleLowerCase('en-US')) ?? 0) > 1) {
      const suffix = `-${idSuffix(account.id)}`;
      names.set(
        account,
        `${base
          .slice(0, ENTITY_NAME_MAX - suffix.length)
          .replace(/[-_.]+$/, '')}${suffix}`,
      );
    } else {
      names.set(account, base);
    }
  }
  return names;
}

/** The `Resource` entity that stands for one discovered Azure OpenAI account. */
export function accountToEntity(
  account: ArmAccountSummary,
  options: AccountToEntityOptions,
): Entity {
  const tags = account.tags ?? {};
  const owner = tags[OWNER_TAG]?.trim() || options.defaultOwner;
  const system = tags[SYSTEM_TAG]?.trim();
  const location = `${options.providerName}:${account.id}`;
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [AZURE_RESOURCE_ID_ANNOTATION]: account.id,
    [ANNOTATION_VIEW_URL]: `${options.portalUrl.replace(/\/+$/, '')}/#resource${
      account.id
    }/overview`,
  };
  const subscription = subscriptionOf(account.id);
  if (subscription) annotations[SUBSCRIPTION_ANNOTATION] = subscription;
  if (account.location) annotations[LOCATION_ANNOTATION] = account.location;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      title: account.name,
      description: `Azure OpenAI account (${
        account.kind ?? 'unknown kind'
      }) in ${account.location ?? 'an unknown region'}, discovered in Azure.`,
      annotations,
    },
    spec: {
      type: AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE,
      owner,
      ...(system ? { system } : {}),
    },
  };
}
