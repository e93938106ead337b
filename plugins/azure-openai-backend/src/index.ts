/**
 * Audit plugin for the Azure OpenAI golden path: scheduled and on-demand scans, persistence of
 * posture and history, and the REST API under `/api/azure-openai`.
 *
 * @packageDocumentation
 */

export { azureOpenAIPlugin as default } from './plugin';
export {
  azureOpenAIAuditSourcesExtensionPoint,
  type AzureOpenAIAuditSourcesExtensionPoint,
} from './extensions';
export type {
  AccountSource,
  DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
  ListAccountsOptions,
  PolicySource,
  SourceCallOptions,
} from './types';
// The API's wire model moved to `@pavedai/plugin-azure-openai-common`; re-exported so existing
// imports from this package keep working.
export type {
  AzureOpenAIAccount as AuditAccount,
  FleetItem,
  FleetScanState,
  PostureDiff,
  PostureRecord,
  PostureSummary,
  Scan,
  ScanStatus,
  ScanTarget,
  ScanTrigger,
} from '@pavedai/plugin-azure-openai-common';
