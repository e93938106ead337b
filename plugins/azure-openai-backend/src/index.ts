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
  AuditAccount,
  DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
  FleetItem,
  FleetScanState,
  ListAccountsOptions,
  PolicySource,
  PostureDiff,
  PostureRecord,
  PostureSummary,
  Scan,
  ScanStatus,
  ScanTarget,
  ScanTrigger,
  SourceCallOptions,
} from './types';
