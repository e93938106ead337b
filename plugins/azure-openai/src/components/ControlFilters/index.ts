export {
  ControlFilters,
  useControlFilters,
  matchesFilters,
} from './ControlFilters';
export type {
  ControlFiltersProps,
  ControlFilterValues,
} from './ControlFilters';
