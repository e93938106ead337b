export { FleetAccountsTable } from './FleetAccountsTable';
export type { FleetAccountsTableProps } from './FleetAccountsTable';
