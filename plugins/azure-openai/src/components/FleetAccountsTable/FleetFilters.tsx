import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import type {
  FleetQuery,
  FleetSortField,
  Grade,
} from '@pavedai/plugin-azure-openai-common';
import { listControls } from '@pavedai/plugin-azure-openai-common';
import { SEVERITIES, severityLabel } from '../../utils/presentation';

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

function SelectFilter(props: {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<[string, string]>;
  onChange: (value: string) => void;
}) {
  const { id, label, value, options, onChange } = props;
  const classes = useStyles();
  return (
    <FormControl variant="outlined" size="small" className={classes.control}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={value}
        onChange={e => onChange(e.target.value as string)}
      >
        {options.map(([optionValue, text]) => (
          <MenuItem key={optionValue} value={optionValue}>
            {text}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Filters and sorting of the fleet list; the backend applies them. */
export function FleetFilters(props: FleetFiltersProps) {
  const { query, onChange } = props;
  const classes = useStyles();
  return (
    <div className={classes.row} role="group" aria-label="Filter accounts">
      <SelectFilter
        id="aoai-fleet-grade"
        label="Grade"
        value={query.grade?.[0] ?? ''}
        options={[['', 'All'], ...GRADES.map(g => [g, g] as [string, string])]}
        onChange={v => onChange({ grade: v ? [v as Grade] : undefined })}
      />
      <SelectFilter
        id="aoai-fleet-severity"
        label="Failing severity"
        value={query.severity ?? ''}
        options={[
          ['', 'All'],
          ...SEVERITIES.map(s => [s, severityLabel(s)] as [string, string]),
        ]}
        onChange={v =>
          onChange({ severity: (v as FleetQuery['severity']) || undefined })
        }
      />
      <TextField
        variant="outlined"
        size="small"
        label="Owner"
        placeholder="group:default/team-chat"
        value={query.owner ?? ''}
        onChange={e => onChange({ owner: e.target.value || undefined })}
      />
      <TextField
        variant="outlined"
        size="small"
        label="System"
        placeholder="system:default/knowledge-search"
        value={query.system ?? ''}
        onChange={e => onChange({ system: e.target.value || undefined })}
      />
      <SelectFilter
        id="aoai-fleet-control"
        label="Failing control"
        value={query.failingControl ?? ''}
        options={[
          ['', 'All'],
          ...listControls().map(
            c => [c.id, `${c.id} ${c.title}`] as [string, string],
          ),
        ]}
        onChange={v => onChange({ failingControl: (v as string) || undefined })}
      />
      <SelectFilter
        id="aoai-fleet-sort"
        label="Sort by"
        value={query.sort ?? 'score'}
        options={SORTS}
        onChange={v => onChange({ sort: v as FleetSortField })}
      />
      <SelectFilter
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
