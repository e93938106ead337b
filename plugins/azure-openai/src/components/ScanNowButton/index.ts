export { ScanNowButton } from './ScanNowButton';
export type { ScanNowButtonProps } from './ScanNowButton';
