export { GoldenPathAdoption } from './GoldenPathAdoption';
export type { GoldenPathAdoptionProps } from './GoldenPathAdoption';
