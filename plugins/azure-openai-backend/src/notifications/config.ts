import type { Config } from '@backstage/config';
import type { Severity } from '@pavedai/plugin-azure-openai-common';

/** Severities from the most to the least severe. */
export const SEVERITY_ORDER: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** The notification settings with defaults applied. */
export interface NotificationConfig {
  /** `azureOpenAI.governance.notifications.enabled` (default true). */
  enabled: boolean;
  /**
   * `azureOpenAI.governance.notifications.minimumSeverity` (default `high`): a newly failing
   * control below it does not notify on its own.
   */
  minimumSeverity: Severity;
  /** `azureOpenAI.governance.waivers.expiryWarningDays` (default 7). */
  expiryWarningDays: number;
}

/** Default minimum severity of a newly failing control that notifies its owner. */
export const DEFAULT_MINIMUM_SEVERITY: Severity = 'high';
/** Default days before a waiver or attestation expires that its owner is warned. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 7;

/**
 * Reads `azureOpenAI.governance.notifications` and `azureOpenAI.governance.waivers.expiryWarningDays`;
 * a malformed value throws an error naming the key and the values it accepts.
 */
export function readNotificationConfig(config: Config): NotificationConfig {
  const key = 'azureOpenAI.governance.notifications';
  const enabled = config.getOptionalBoolean(`${key}.enabled`) ?? true;
  const severity = config.getOptionalString(`${key}.minimumSeverity`);
  if (
    severity !== undefined &&
    !SEVERITY_ORDER.includes(severity as Severity)
  ) {
    throw new Error(
      `Invalid config ${key}.minimumSeverity: expected one of ${SEVERITY_ORDER.join(
        ', ',
      )}, got '${severity}'`,
    );
  }
  const daysKey = 'azureOpenAI.governance.waivers.expiryWarningDays';
  const days = config.getOptionalNumber(daysKey);
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new Error(
      `Invalid config ${daysKey}: expected a positive whole number of days, got ${days}`,
    );
  }
  return {
    enabled,
    minimumSeverity:
      (severity as Severity | undefined) ?? DEFAULT_MINIMUM_SEVERITY,
    expiryWarningDays: days ?? DEFAULT_EXPIRY_WARNING_DAYS,
  };
}

/** True when `severity` is at least as severe as `minimum`. */
export function isAtLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(minimum);
}
