export { ApprovedWaiversList } from './ApprovedWaiversList';
export type { ApprovedWaiversListProps } from './ApprovedWaiversList';
export { ControlGovernanceActions } from './ControlGovernanceActions';
export type {
  ControlGovernanceActionsProps,
  GovernanceChange,
} from './ControlGovernanceActions';
export type { GovernanceTarget } from './dialogParts';
export { usePostureRefresh } from './usePostureRefresh';
export { WaivedNote } from './WaivedNote';
export { WaiverRequestsList } from './WaiverRequestsList';
