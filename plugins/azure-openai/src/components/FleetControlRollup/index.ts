export { FleetControlRollup } from './FleetControlRollup';
export type { FleetControlRollupProps } from './FleetControlRollup';
