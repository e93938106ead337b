export { GradeBadge } from './GradeBadge';
export type { GradeBadgeProps } from './GradeBadge';
