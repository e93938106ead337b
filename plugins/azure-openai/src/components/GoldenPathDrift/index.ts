export {
  GoldenPathDriftSection,
  hasGoldenPathTag,
} from './GoldenPathDriftSection';
export type { GoldenPathDriftSectionProps } from './GoldenPathDriftSection';
