import type { ControlResult } from '@pavedai/plugin-azure-openai-common';

/** `approved by X until Y: reason`, or empty when no waiver applied. */
export function describeWaiver(result: ControlResult): string {
  const { waiver } = result;
  if (!waiver) return '';
  return `approved by ${waiver.approvedBy} until ${waiver.expiresAt}: ${waiver.reason}`;
}

/** `by X until Y: statement (evidence URL)`, or empty when no attestation applied. */
export function describeAttestation(result: ControlResult): string {
  const { attestation } = result;
  if (!attestation) return '';
  return `by ${attestation.author} until ${attestation.expiresAt}: ${attestation.statement} (${attestation.evidenceUrl})`;
}

/** A JSON value as one line of text, cut to `max` characters. */
export function compactJson(value: unknown, max = 500): string {
  if (value === undefined) return '(missing)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
