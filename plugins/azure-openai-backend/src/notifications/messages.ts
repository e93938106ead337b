import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  driftResourceLabel,
  getControl,
  type GoldenPathDriftItem,
  type Severity,
} from '@pavedai/plugin-azure-openai-common';
import { SEVERITY_ORDER } from './config';

/** Topic of the posture regression notifications. */
export const POSTURE_TOPIC = 'azure-openai-posture';
/** Topic of the golden-path drift notifications. */
export const DRIFT_TOPIC = 'azure-openai-drift';
/** Topic of the waiver and attestation expiry notifications. */
export const GOVERNANCE_TOPIC = 'azure-openai-governance';

/** Backstage notification severity. */
export type NotificationSeverity = NonNullable<
  NotificationSendOptions['payload']['severity']
>;

/** Path of the fleet page, for accounts no catalog entity claims. */
export const FLEET_PAGE_PATH = '/azure-openai';

/**
 * Path of an entity's "Azure OpenAI" tab: `/catalog/<namespace>/<kind>/<name>/azure-openai`
 * (the catalog lower-cases the kind in its routes).
 */
export function entityTabPath(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/catalog/${[ref.namespace, ref.kind.toLowerCase(), ref.name]
    .map(encodeURIComponent)
    .join('/')}/azure-openai`;
}

/** The name part of an entity ref. */
export function entityName(entityRef: string): string {
  return parseEntityRef(entityRef).name;
}

/**
 * Notification severity of the worst control: critical → critical, high → high,
 * medium → normal, low → low; `normal` without controls.
 */
export function notificationSeverity(
  severities: readonly Severity[],
): NotificationSeverity {
  const worst = [...severities].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b),
  )[0];
  switch (worst) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'low':
      return 'low';
    default:
      return 'normal';
  }
}

/** `AOAI-NET-001 "Disable public network access" (critical)`. */
export function describeControl(controlId: string, severity: Severity): string {
  const title = getControl(controlId)?.title;
  return title
    ? `${controlId} "${title}" (${severity})`
    : `${controlId} (${severity})`;
}

/** Sorts controls worst severity first, then by id. */
export function bySeverity<T extends { controlId: string; severity: Severity }>(
  controls: readonly T[],
): T[] {
  return [...controls].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.controlId.localeCompare(b.controlId),
  );
}

/** Drift items listed in a drift notification; the rest are counted. */
export const DRIFT_ITEMS_LISTED = 5;

function driftValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * `account properties.publicNetworkAccess: Disabled → Enabled; deployments/gpt-4o sku.capacity:
 * 50 → 120; and 3 more.`: the first {@link DRIFT_ITEMS_LISTED} items, desired → actual.
 */
export function describeDrift(
  items: readonly GoldenPathDriftItem[],
  accountResourceId: string,
): string {
  const listed = items
    .slice(0, DRIFT_ITEMS_LISTED)
    .map(
      item =>
        `${driftResourceLabel(item.resource, accountResourceId)} ${
          item.field
        }: ${driftValue(item.desired)} → ${driftValue(item.actual)}`,
    );
  const more = items.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}
