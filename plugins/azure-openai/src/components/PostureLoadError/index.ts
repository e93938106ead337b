export { PostureLoadError } from './PostureLoadError';
export type { PostureLoadErrorProps } from './PostureLoadError';
