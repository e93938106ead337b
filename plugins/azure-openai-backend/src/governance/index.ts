export {
  DatabaseGovernanceStore,
  scopeKey,
  SYSTEM_ACTOR,
} from './DatabaseGovernanceStore';
export type {
  ExpiredRecords,
  GovernanceFilter,
  GovernanceReader,
  GovernanceRecords,
  GovernanceStore,
  WaiverChange,
} from './GovernanceStore';
