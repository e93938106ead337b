import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The audit plugin's settings with defaults applied. */
export interface AuditConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  history: { days?: number; maxScansPerAccount?: number };
  concurrency: number;
  /** How long an on-demand scan may run before it is aborted (milliseconds). */
  onDemandTimeoutMs: number;
  disabledControls: string[];
  nonWaivableControls: string[];
}

/** Default schedule: every 6 hours, 30 minute timeout, first run 30 seconds after start. */
export const DEFAULT_SCAN_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 30 },
};

/** Default history retention in days. */
export const DEFAULT_HISTORY_DAYS = 90;

/** Default timeout of an on-demand scan: 10 minutes. */
export const DEFAULT_ON_DEMAND_TIMEOUT_MS = 10 * 60 * 1000;

/** Default number of accounts processed at once. */
export const DEFAULT_SCAN_CONCURRENCY = 16;

function positiveInteger(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config azureOpenAI.audit.${key}: expected a positive integer, got ${value}`,
    );
  }
  return value;
}

function onDemandTimeout(config: Config): number {
  if (!config.has('onDemandTimeout')) return DEFAULT_ON_DEMAND_TIMEOUT_MS;
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'onDemandTimeout' }),
    );
  } catch (error) {
    throw new Error(
      `Invalid config azureOpenAI.audit.onDemandTimeout: use an ISO 8601 duration ('PT10M') or an object such as { minutes: 10 } (${
        (error as Error).message
      })`,
    );
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      'Invalid config azureOpenAI.audit.onDemandTimeout: the timeout must be longer than zero',
    );
  }
  return ms;
}

/**
 * Reads `azureOpenAI.audit` from the root config.
 *
 * @throws Error naming the key when a value is out of range
 */
export function readAuditConfig(rootConfig: Config): AuditConfig {
  const config = rootConfig.getOptionalConfig('azureOpenAI.audit');
  if (!config) {
    return {
      schedule: DEFAULT_SCAN_SCHEDULE,
      history: { days: DEFAULT_HISTORY_DAYS },
      concurrency: DEFAULT_SCAN_CONCURRENCY,
      onDemandTimeoutMs: DEFAULT_ON_DEMAND_TIMEOUT_MS,
      disabledControls: [],
      nonWaivableControls: [],
    };
  }
  let schedule = DEFAULT_SCAN_SCHEDULE;
  if (config.has('schedule')) {
    const read = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig('schedule'),
    );
    schedule = {
      ...read,
      initialDelay: read.initialDelay ?? DEFAULT_SCAN_SCHEDULE.initialDelay,
    };
  }
  return {
    schedule,
    history: {
      days: positiveInteger(config, 'history.days') ?? DEFAULT_HISTORY_DAYS,
      maxScansPerAccount: positiveInteger(config, 'history.maxScansPerAccount'),
    },
    concurrency:
      positiveInteger(config, 'concurrency') ?? DEFAULT_SCAN_CONCURRENCY,
    onDemandTimeoutMs: onDemandTimeout(config),
    disabledControls: config.getOptionalStringArray('disabledControls') ?? [],
    nonWaivableControls:
      config.getOptionalStringArray('nonWaivableControls') ?? [],
  };
}
