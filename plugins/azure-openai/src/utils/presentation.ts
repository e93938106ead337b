import type {
  ControlArea,
  ControlResult,
  ControlStatus,
  Grade,
  Severity,
} from '@pavedai/plugin-azure-openai-common';
import {
  AREA_TITLES,
  CONTROL_AREAS,
  getControl,
} from '@pavedai/plugin-azure-openai-common';

/** Display names of the statuses, in the order the card lists them. */
export const STATUS_LABELS: Readonly<Record<ControlStatus, string>> = {
  fail: 'Fail',
  unknown: 'Unknown',
  'attestation-required': 'Attestation needed',
  waived: 'Waived',
  pass: 'Pass',
  attested: 'Attested',
  'not-applicable': 'Not applicable',
};

/** Every status, worst first. */
export const STATUSES = Object.keys(STATUS_LABELS) as ControlStatus[];

/** Statuses the card counts. */
export const CARD_STATUSES: readonly ControlStatus[] = [
  'fail',
  'unknown',
  'attestation-required',
  'waived',
  'pass',
];

/** Severities, worst first. */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** Title of the group of controls that go beyond the seed article. */
export const BEYOND_BASELINE = 'beyond';

/** A group of controls on the tab: one of the seven areas or "Beyond the baseline". */
export type ControlGroupId = ControlArea | typeof BEYOND_BASELINE;

/** Group ids in display order. */
export const CONTROL_GROUPS: readonly ControlGroupId[] = [
  ...CONTROL_AREAS,
  BEYOND_BASELINE,
];

/** Display title of a group. */
export function groupTitle(group: ControlGroupId): string {
  return group === BEYOND_BASELINE ? 'Beyond the baseline' : AREA_TITLES[group];
}

/** The group a result belongs to: extras go to "Beyond the baseline". */
export function groupOf(result: ControlResult): ControlGroupId {
  const control = getControl(result.controlId);
  return control?.origin === 'extra' ? BEYOND_BASELINE : result.area;
}

/** Title of a control, or its id when the catalog does not know it. */
export function controlTitle(controlId: string): string {
  return getControl(controlId)?.title ?? controlId;
}

/** Capitalised severity. */
export function severityLabel(severity: Severity): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

/** Sorts failing results, most severe first (stable within a severity). */
export function failingBySeverity(
  results: readonly ControlResult[],
): ControlResult[] {
  return results
    .filter(r => r.status === 'fail')
    .map((r, index) => ({ r, index }))
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.r.severity) - SEVERITIES.indexOf(b.r.severity) ||
        a.index - b.index,
    )
    .map(({ r }) => r);
}

/** Palette role of a grade. */
export function gradeTone(grade: Grade): 'success' | 'warning' | 'error' {
  if (grade === 'A' || grade === 'B') return 'success';
  if (grade === 'C') return 'warning';
  return 'error';
}

/** Azure portal link of an ARM resource. */
export function portalUrl(resourceId: string): string {
  return `https://portal.azure.com/#resource${resourceId}/overview`;
}

/** Formats an evidence value for display. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
