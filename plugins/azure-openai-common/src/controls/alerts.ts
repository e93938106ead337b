import type { ControlInput, EvidenceRead } from '../types';
import { JsonObject, scopeCovers } from '../engine/json';
import {
  AccountAndList,
  Read,
  bool,
  get,
  isObject,
  lower,
  prop,
  readAccountAndList,
  str,
} from './helpers';

/** Metric names watched by an enabled metric alert with an action group that covers the account. */
export function alertedMetrics(
  alerts: JsonObject[],
  accountId: string | undefined,
): Map<string, JsonObject[]> {
  const result = new Map<string, JsonObject[]>();
  for (const alert of alerts) {
    if (bool(prop(alert, 'enabled')) !== true) continue;
    const actions = prop(alert, 'actions');
    if (
      !Array.isArray(actions) ||
      !actions.some(a => str(get(a, 'actionGroupId')))
    ) {
      continue;
    }
    if (!scopesCover(alert, accountId)) continue;
    const criteria = prop(alert, 'criteria.allOf');
    if (!Array.isArray(criteria)) continue;
    for (const c of criteria) {
      const metric = lower(get(c, 'metricName'));
      if (!metric) continue;
      const entry = isObject(c) ? c : {};
      result.set(metric, [...(result.get(metric) ?? []), entry]);
    }
  }
  return result;
}

/** True when one of the alert's `scopes` is the account or one of its ancestors. */
export function scopesCover(alert: JsonObject, accountId: unknown): boolean {
  const scopes = prop(alert, 'scopes');
  return Array.isArray(scopes) && scopes.some(s => scopeCovers(s, accountId));
}

/**
 * Reads the account body and the subscription's metric alerts, and returns the metrics that
 * alerts covering the account watch (see {@link alertedMetrics}).
 */
export function readAlertedMetrics(
  input: ControlInput,
): Read<Map<string, JsonObject[]>> {
  const read = readAccountAndList(
    input,
    input.subscription.metricAlerts,
    'the subscription metric alerts',
    'subscription.metricAlerts',
  );
  if (!read.ok) return read;
  return {
    ok: true,
    value: alertedMetrics(
      read.value.items,
      read.value.account.id as string | undefined,
    ),
  };
}

/** Evidence read of the alerted metric names, sorted. */
export function alertedMetricsRead(
  metrics: Map<string, JsonObject[]>,
  expected: string,
): EvidenceRead {
  return {
    path: 'subscription.metricAlerts[*].properties.criteria.allOf[*].metricName',
    observed: [...metrics.keys()].sort(),
    expected,
  };
}

/** Reads the account body and the subscription's activity log alerts. */
export function readActivityLogAlerts(
  input: ControlInput,
): Read<AccountAndList> {
  return readAccountAndList(
    input,
    input.subscription.activityLogAlerts,
    'the subscription activity log alerts',
    'subscription.activityLogAlerts',
  );
}
