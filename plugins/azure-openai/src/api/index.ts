export { azureOpenAIApiRef } from './AzureOpenAIApi';
export type { ExportDownload, ExportScope } from './AzureOpenAIApi';
export type { AzureOpenAIApi } from './AzureOpenAIApi';
export { AzureOpenAIClient } from './AzureOpenAIClient';
// The API's wire model lives in `@pavedai/plugin-azure-openai-common`; re-exported so existing
// imports from this package keep working.
export type {
  AccountHistory,
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
  LinkedAccountPosture,
  PostureChange,
  PostureDiff,
  PostureRecord,
  PostureSummary,
  Scan,
  ScanRequest,
  ScanStatus,
} from '@pavedai/plugin-azure-openai-common';
