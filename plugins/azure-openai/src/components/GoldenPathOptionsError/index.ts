export { GoldenPathOptionsError } from './GoldenPathOptionsError';
export type { GoldenPathOptionsErrorProps } from './GoldenPathOptionsError';
