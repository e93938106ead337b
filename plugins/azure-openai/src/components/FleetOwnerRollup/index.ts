export { FleetOwnerRollup } from './FleetOwnerRollup';
export type { FleetOwnerRollupProps } from './FleetOwnerRollup';
