import { getControl } from '@pavedai/plugin-azure-openai-common';
import { describeAttestation, describeWaiver } from './text';
import type { ExportItem, ExportRenderer } from './types';

/** Column names of the CSV export, in order. */
export const CSV_COLUMNS = [
  'account_id',
  'resource_id',
  'account_name',
  'subscription_id',
  'owner',
  'system',
  'control_id',
  'control_title',
  'area',
  'severity',
  'status',
  'evidence_status',
  'message',
  'evaluated_at',
  'waiver',
  'attestation',
] as const;

/** Status of the single row of an account that has no stored evaluation. */
export const NOT_SCANNED = 'not-scanned';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: guarded against formula injection (a cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'`, so spreadsheets show it as text instead of running it) and
 * quoted as RFC 4180 asks (in double quotes, inner quotes doubled) when it holds a quote, comma
 * or line break.
 */
export function csvCell(value: string | undefined): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record ending with CRLF (RFC 4180). */
export function csvRow(cells: ReadonlyArray<string | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function accountRows(item: ExportItem): string {
  const { account, posture } = item;
  const base = [
    account?.id,
    item.resourceId,
    account?.name,
    account?.subscriptionId,
    account?.owner,
    account?.system,
  ];
  if (!posture) {
    return csvRow([
      ...base,
      '',
      '',
      '',
      '',
      NOT_SCANNED,
      '',
      'The account has not been evaluated yet.',
      '',
      '',
      '',
    ]);
  }
  return posture.results
    .map(result =>
      csvRow([
        ...base,
        result.controlId,
        getControl(result.controlId)?.title ?? '',
        result.area,
        result.severity,
        result.status,
        result.evidenceStatus,
        result.message,
        posture.evaluatedAt,
        describeWaiver(result),
        describeAttestation(result),
      ]),
    )
    .join('');
}

/** CSV: a header row, then one row per account × control (one row for an unscanned account). */
export const renderCsv: ExportRenderer = async function* renderCsv(items) {
  yield csvRow(CSV_COLUMNS);
  for await (const item of items) {
    yield accountRows(item);
  }
};
