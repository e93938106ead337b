// The source interfaces live in `@pavedai/plugin-azure-openai-node` (with the extension point),
// so modules can provide sources without depending on this package; re-exported here.
// The wire model of the API (accounts, postures, fleet, scans) lives in
// `@pavedai/plugin-azure-openai-common`.
export type {
  AccountSource,
  AuditSourceAccount as DiscoveredAccount,
  EvidenceCollection,
  EvidenceSource,
  ListAccountsOptions,
  PolicySource,
  SourceCallOptions,
} from '@pavedai/plugin-azure-openai-node';
