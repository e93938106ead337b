import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { ControlStatus } from '@pavedai/plugin-azure-openai-common';
import { STATUS_LABELS } from '../../utils/presentation';

/** Props of {@link StatusChip}. */
export interface StatusChipProps {
  status: ControlStatus;
}

const useStyles = makeStyles(theme => ({
  chip: { minWidth: 96 },
  bad: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warn: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  // A waived control is an accepted risk, not a pass: its own colour, and dashed.
  waived: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
    border: `2px dashed ${theme.palette.info.dark}`,
  },
  good: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  neutral: {},
}));

const TONES: Record<
  ControlStatus,
  'bad' | 'warn' | 'waived' | 'good' | 'neutral'
> = {
  fail: 'bad',
  unknown: 'warn',
  'attestation-required': 'warn',
  waived: 'waived',
  pass: 'good',
  attested: 'good',
  'not-applicable': 'neutral',
};

/** A control result's status. */
export function StatusChip(props: StatusChipProps) {
  const { status } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={`${classes.chip} ${classes[TONES[status]]}`}
      label={STATUS_LABELS[status]}
    />
  );
}
