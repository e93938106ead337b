export { StatusCounts } from './StatusCounts';
export type { StatusCountsProps } from './StatusCounts';
