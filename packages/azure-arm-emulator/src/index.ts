export { startEmulator } from './startEmulator';
export type { EmulatorOptions, RunningEmulator } from './startEmulator';
export type { RequestLogEntry } from './server';
export { emulatorPipelinePolicy, staticTokenCredential } from './clientPolicy';
export type { EmulatorPipelinePolicy } from './clientPolicy';
export { createManualClock, systemClock } from './clock';
export type { EmulatorClock, ManualClock } from './clock';
export { ArmError } from './errors';
export { FaultRegistry } from './faults';
export type { FaultKind, FaultRule, FaultTarget } from './faults';
export type { Random } from './random';
export { EmulatorState } from './state';
export type {
  ArmResource,
  DeletedAccountRecord,
  EmulatorStateSnapshot,
  SubscriptionRecord,
} from './state';
export type { EmulatorStats, OperationStats } from './stats';
export type {
  BucketLimits,
  ThrottleKind,
  ThrottlingOptions,
} from './throttling';
export type { LroOptions } from './lro';
export type { PresetName } from './presets';
export { generateFleet } from './presets/fleet';
export type { FleetOptions } from './presets/fleet';
export {
  DEMO_ACCOUNT_IDS,
  DEMO_GOLDEN_PATH,
  DEMO_SUBSCRIPTIONS,
  demoPreset,
} from './presets/demo';
export { main as cliMain } from './cli';
