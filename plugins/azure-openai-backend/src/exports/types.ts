import type {
  AzureOpenAIAccount,
  ExportFormat,
  PostureRecord,
} from '@pavedai/plugin-azure-openai-common';
import type { GovernanceRecords } from '../governance/GovernanceStore';

/** What an export covers. */
export type ExportScope =
  | { type: 'fleet' }
  | { type: 'entity'; entityRef: string }
  | { type: 'owner'; ownerRef: string };

/** One account of an export. */
export interface ExportItem {
  /** ARM id of the account. */
  resourceId: string;
  /** The stored account; missing when an entity names an account no scan has seen yet. */
  account?: AzureOpenAIAccount;
  /** Entity refs through which the account is linked (entity exports only). */
  linkedBy?: string[];
  /** Latest posture with evidence; missing when the account has never been evaluated. */
  posture?: PostureRecord;
  /**
   * Approved waivers and active attestations in force now for the account (its own, and for
   * entity exports those of the entities that link it), when the governance store is available.
   */
  governance?: GovernanceRecords;
}

/** What every format writes in its header. */
export interface ExportHeader {
  scope: ExportScope;
  /** ISO 8601 instant the export started. */
  generatedAt: string;
}

/** Renders a stream of accounts as chunks of text in one format. */
export type ExportRenderer = (
  items: AsyncIterable<ExportItem>,
  header: ExportHeader,
) => AsyncIterable<string>;

/** Every export format, in the order the API and the UI list them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'json',
  'csv',
  'sarif',
  'md',
];
