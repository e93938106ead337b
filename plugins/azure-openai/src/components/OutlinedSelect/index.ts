export { OutlinedSelect, withAllOption } from './OutlinedSelect';
export type { OutlinedSelectProps, SelectOption } from './OutlinedSelect';
