import { type AuditConfig, DEFAULT_SCAN_SCHEDULE } from '../config';

/**
 * The audit config of the service tests: default schedule, no retention
 * limits, two accounts at a time, one minute per on-demand scan, no
 * disabled or non-waivable controls; `overrides` win.
 */
export function testAuditConfig(
  overrides: Partial<AuditConfig> = {},
): AuditConfig {
  return {
    schedule: DEFAULT_SCAN_SCHEDULE,
    history: {},
    concurrency: 2,
    onDemandTimeoutMs: 60_000,
    disabledControls: [],
    nonWaivableControls: [],
    ...overrides,
  };
}
