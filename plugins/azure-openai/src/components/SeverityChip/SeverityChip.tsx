import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { Severity } from '@pavedai/plugin-azure-openai-common';
import { severityLabel } from '../../utils/presentation';

/** Props of {@link SeverityChip}. */
export interface SeverityChipProps {
  severity: Severity;
}

const useStyles = makeStyles(theme => ({
  chip: { marginRight: theme.spacing(1), minWidth: 72 },
  critical: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  high: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  medium: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  low: {},
}));

/** A control's severity. */
export function SeverityChip(props: SeverityChipProps) {
  const { severity } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={`${classes.chip} ${classes[severity]}`}
      label={severityLabel(severity)}
    />
  );
}
