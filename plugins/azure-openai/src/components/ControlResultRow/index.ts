export { ControlResultRow } from './ControlResultRow';
export type { ControlResultRowProps } from './ControlResultRow';
