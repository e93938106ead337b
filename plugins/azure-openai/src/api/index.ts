export { azureOpenAIApiRef } from './AzureOpenAIApi';
export type { ExportDownload, ExportScope } from './AzureOpenAIApi';
export type {
  AzureOpenAIApi,
  GovernanceQuery,
  WaiverQuery,
} from './AzureOpenAIApi';
export { AzureOpenAIClient } from './AzureOpenAIClient';
// The API's wire model lives in `@pavedai/plugin-azure-openai-common`; re-exported so existing
// imports from this package keep working.
export type {
  AccountHistory,
  AttestationRecord,
  AttestationRequestBody,
  AttestationStatus,
  AzureOpenAIAccount,
  EntityPosture,
  FleetGroupSummary,
  FleetItem,
  FleetPage,
  FleetQuery,
  FleetSortField,
  FleetSummary,
  GoldenPathContentFilterProfileOption,
  GoldenPathModelOption,
  GoldenPathOptions,
  GovernanceEvent,
  GovernanceList,
  GovernanceScope,
  LinkedAccountPosture,
  PostureChange,
  PostureDiff,
  PostureRecord,
  PostureSummary,
  Scan,
  ScanRequest,
  ScanStatus,
  WaiverDecisionBody,
  WaiverRecord,
  WaiverRequestBody,
  WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';
