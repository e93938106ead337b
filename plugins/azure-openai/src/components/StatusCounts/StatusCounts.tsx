import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { ControlStatus } from '@pavedai/plugin-azure-openai-common';
import { CARD_STATUSES, STATUS_LABELS } from '../../utils/presentation';

/** Props of {@link StatusCounts}. */
export interface StatusCountsProps {
  counts: Partial<Record<ControlStatus, number>>;
  /** Statuses to show, in order. */
  statuses?: readonly ControlStatus[];
}

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  failing: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** Number of controls per status, as a list of chips. */
export function StatusCounts(props: StatusCountsProps) {
  const { counts, statuses = CARD_STATUSES } = props;
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label="Controls per status">
      {statuses.map(status => (
        <li key={status}>
          <Chip
            size="small"
            variant={
              status === 'fail' && counts[status] ? 'default' : 'outlined'
            }
            color={
              status === 'fail' && counts[status] ? 'secondary' : 'default'
            }
            label={`${STATUS_LABELS[status]}: ${counts[status] ?? 0}`}
          />
        </li>
      ))}
    </ul>
  );
}
