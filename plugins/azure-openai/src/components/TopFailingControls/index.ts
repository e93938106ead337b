export { TopFailingControls } from './TopFailingControls';
export type {
  TopFailingControlsProps,
  AccountResult,
} from './TopFailingControls';
