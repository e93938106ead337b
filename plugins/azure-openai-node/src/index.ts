/**
 * Azure access for the Azure OpenAI golden path: credentials from config,
 * Azure Resource Manager client options (sovereign clouds, local emulator),
 * throttling-aware retries and bounded concurrency.
 *
 * @packageDocumentation
 */

export { AZURE_CLOUDS } from './config/clouds';
export type { AzureCloudEndpoints, AzureCloudName } from './config/clouds';
export { isLoopbackHttpUrl } from './config/loopback';
export { readAzureAccessConfig } from './config/readAzureAccessConfig';
export {
  goldenPathPolicyVersion,
  parseGoldenPathPolicy,
  readGoldenPathPolicy,
} from './config/readGoldenPathPolicy';
export type {
  AzureAccessConfig,
  AzureCredentialConfig,
  AzureCredentialKind,
} from './config/types';
export { createAzureCredential } from './credentials/createAzureCredential';
export { StaticTokenCredential } from './credentials/StaticTokenCredential';
export { ArmThrottleTracker } from './arm/ArmThrottleTracker';
export type {
  ArmBudget,
  ArmRequestKind,
  ArmThrottleTrackerOptions,
} from './arm/ArmThrottleTracker';
export { createArmClientOptions } from './arm/createArmClientOptions';
export type {
  ArmClientOptions,
  CreateArmClientOptionsOptions,
} from './arm/createArmClientOptions';
export { createLoopbackRedirectPolicy } from './arm/loopbackRedirectPolicy';
export { ArmRequestScheduler } from './scheduling/ArmRequestScheduler';
export type {
  ArmRequestRunOptions,
  ArmRequestSchedulerOptions,
} from './scheduling/ArmRequestScheduler';
export type { SignalLike } from './util/abortableDelay';
export { parseArmResourceId } from './azure/armResourceId';
export type { ArmResourceIdParts } from './azure/armResourceId';
export type { ArmAccessFromConfigOptions } from './azure/armAccessFromConfig';
export { EvidenceCollector } from './evidence/EvidenceCollector';
export type {
  CollectAccountOptions,
  EvidenceCollectorOptions,
  EvidenceScan,
  EvidenceScanOptions,
} from './evidence/EvidenceCollector';
export { AccountDiscovery } from './discovery/AccountDiscovery';
export type { AccountDiscoveryOptions } from './discovery/AccountDiscovery';
export { readAccountDiscoveryConfig } from './discovery/readAccountDiscoveryConfig';
export type { AccountDiscoveryConfig } from './discovery/readAccountDiscoveryConfig';
export type {
  AccountDiscoveryMode,
  DiscoveredAccount,
  DiscoverOptions,
} from './discovery/types';
export {
  azureOpenAIAuditSourcesExtensionPoint,
  type AzureOpenAIAuditSourcesExtensionPoint,
} from './audit/extensionPoint';
export type {
  AccountSource,
  AuditSourceAccount,
  EvidenceCollection,
  EvidenceSource,
  ListAccountsOptions,
  PolicySource,
  SourceCallOptions,
} from './audit/sources';
