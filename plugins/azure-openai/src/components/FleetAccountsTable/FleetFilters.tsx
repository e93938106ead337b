import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import type {
  FleetQuery,
  FleetSortField,
  Grade,
} from '@pavedai/plugin-azure-openai-common';
import { listControls } from '@pavedai/plugin-azure-openai-common';
import { SEVERITIES, severityLabel } from '../../utils/presentation';
import {
  OutlinedSelect,
  type SelectOption,
  withAllOption,
} from '../OutlinedSelect';

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'F'];
const SORTS: Array<[FleetSortField, string]> = [
  ['score', 'Score'],
  ['grade', 'Grade'],
  ['name', 'Name'],
  ['evaluatedAt', 'Last scan'],
];

/** Props of {@link FleetFilters}. */
export interface FleetFiltersProps {
  query: FleetQuery;
  onChange: (patch: Partial<FleetQuery>) => void;
}

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  control: { minWidth: 160 },
}));

/** A free-text entity ref filter; an empty field means no filter. */
function RefFilter(props: {
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const { label, placeholder, value, onChange } = props;
  return (
    <TextField
      variant="outlined"
      size="small"
      label={label}
      placeholder={placeholder}
      value={value ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
    />
  );
}

/** Filters and sorting of the fleet list; the backend applies them. */
export function FleetFilters(props: FleetFiltersProps) {
  const { query, onChange } = props;
  const classes = useStyles();
  return (
    <div className={classes.row} role="group" aria-label="Filter accounts">
      <OutlinedSelect
        className={classes.control}
        id="aoai-fleet-grade"
        label="Grade"
        value={query.grade?.[0] ?? ''}
        options={withAllOption(GRADES.map((g): SelectOption => [g, g]))}
        onChange={v => onChange({ grade: v ? [v as Grade] : undefined })}
      />
      <OutlinedSelect
        className={classes.control}
        id="aoai-fleet-golden-path"
        label="Golden path"
        value={query.goldenPath === undefined ? '' : String(query.goldenPath)}
        options={withAllOption([
          ['true', 'Through the golden path'],
          ['false', 'Outside the golden path'],
        ])}
        onChange={v =>
          onChange({ goldenPath: v === '' ? undefined : v === 'true' })
        }
      />
      <OutlinedSelect
        className={classes.control}
        id="aoai-fleet-severity"
        label="Failing severity"
        value={query.severity ?? ''}
        options={withAllOption(
          SEVERITIES.map((s): SelectOption => [s, severityLabel(s)]),
        )}
        onChange={v =>
          onChange({ severity: (v as FleetQuery['severity']) || undefined })
        }
      />
      <RefFilter
        label="Owner"
        placeholder="group:default/team-chat"
        value={query.owner}
        onChange={owner => onChange({ owner })}
      />
      <RefFilter
        label="System"
        placeholder="system:default/knowledge-search"
        value={query.system}
        onChange={system => onChange({ system })}
      />
      <OutlinedSelect
        className={classes.control}
        id="aoai-fleet-control"
        label="Failing control"
        value={query.failingControl ?? ''}
        options={withAllOption(
          listControls().map((c): SelectOption => [c.id, `${c.id} ${c.title}`]),
        )}
        onChange={v => onChange({ failingControl: (v as string) || undefined })}
      />
      <OutlinedSelect
        className={classes.control}
        id="aoai-fleet-sort"
        label="Sort by"
        value={query.sort ?? 'score'}
        options={SORTS}
        onChange={v => onChange({ sort: v as FleetSortField })}
      />
      <OutlinedSelect
        className={classes.control}
        id="aoai-fleet-order"
        label="Order"
        value={query.order ?? 'asc'}
        options={[
          ['asc', 'Ascending'],
          ['desc', 'Descending'],
        ]}
        onChange={v => onChange({ order: v as 'asc' | 'desc' })}
      />
    </div>
  );
}
