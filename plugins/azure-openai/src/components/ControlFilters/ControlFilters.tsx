import { makeStyles } from '@material-ui/core/styles';
import { useSearchParams } from 'react-router-dom';
import type {
  ControlResult,
  ControlStatus,
  Severity,
} from '@pavedai/plugin-azure-openai-common';
import {
  CONTROL_GROUPS,
  ControlGroupId,
  groupOf,
  groupTitle,
  SEVERITIES,
  severityLabel,
  STATUS_LABELS,
  STATUSES,
} from '../../utils/presentation';
import {
  OutlinedSelect,
  type SelectOption,
  withAllOption,
} from '../OutlinedSelect';

/** The control filters of the tab, as kept in the URL. */
export interface ControlFilterValues {
  status?: ControlStatus;
  severity?: Severity;
  area?: ControlGroupId;
}

function pick<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T | undefined {
  return allowed.find(a => a === value);
}

/** Reads and writes the filters in the URL query (`status`, `severity`, `area`). */
export function useControlFilters(): [
  ControlFilterValues,
  (key: keyof ControlFilterValues, value: string | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters: ControlFilterValues = {
    status: pick(params.get('status'), STATUSES),
    severity: pick(params.get('severity'), SEVERITIES),
    area: pick(params.get('area'), CONTROL_GROUPS),
  };
  const setFilter = (
    key: keyof ControlFilterValues,
    value: string | undefined,
  ) => {
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };
  return [filters, setFilter];
}

/** Whether a result passes the filters. */
export function matchesFilters(
  result: ControlResult,
  filters: ControlFilterValues,
): boolean {
  return (
    (!filters.status || result.status === filters.status) &&
    (!filters.severity || result.severity === filters.severity) &&
    (!filters.area || groupOf(result) === filters.area)
  );
}

/** Props of {@link ControlFilters}. */
export interface ControlFiltersProps {
  filters: ControlFilterValues;
  onChange: (key: keyof ControlFilterValues, value: string | undefined) => void;
}

const useStyles = makeStyles(theme => ({
  row: { display: 'flex', gap: theme.spacing(2), flexWrap: 'wrap' },
  control: { minWidth: 200 },
}));

function FilterSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: ReadonlyArray<SelectOption>;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, value, options, onChange } = props;
  const classes = useStyles();
  return (
    <OutlinedSelect
      id={id}
      label={label}
      value={value ?? ''}
      options={withAllOption(options)}
      onChange={v => onChange(v || undefined)}
      className={classes.control}
      displayEmpty
    />
  );
}

/** Status, severity and area filters. */
export function ControlFilters(props: ControlFiltersProps) {
  const { filters, onChange } = props;
  const classes = useStyles();
  return (
    <div className={classes.row} role="group" aria-label="Filter controls">
      <FilterSelect
        id="aoai-filter-status"
        label="Status"
        value={filters.status}
        options={STATUSES.map(s => [s, STATUS_LABELS[s]])}
        onChange={v => onChange('status', v)}
      />
      <FilterSelect
        id="aoai-filter-severity"
        label="Severity"
        value={filters.severity}
        options={SEVERITIES.map(s => [s, severityLabel(s)])}
        onChange={v => onChange('severity', v)}
      />
      <FilterSelect
        id="aoai-filter-area"
        label="Area"
        value={filters.area}
        options={CONTROL_GROUPS.map(g => [g, groupTitle(g)])}
        onChange={v => onChange('area', v)}
      />
    </div>
  );
}
