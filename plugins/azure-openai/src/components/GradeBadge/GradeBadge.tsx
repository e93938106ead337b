import { makeStyles } from '@material-ui/core/styles';
import type { Grade } from '@pavedai/plugin-azure-openai-common';
import { gradeTone } from '../../utils/presentation';

/** Props of {@link GradeBadge}. */
export interface GradeBadgeProps {
  grade: Grade;
  /** `large` on cards, `small` in tables. */
  size?: 'large' | 'small';
}

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontWeight: theme.typography.fontWeightBold as number,
    borderRadius: theme.shape.borderRadius,
    lineHeight: 1,
  },
  large: { width: 72, height: 72, fontSize: 44 },
  small: { width: 28, height: 28, fontSize: 16 },
  success: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** The posture grade as a coloured letter with an accessible label. */
export function GradeBadge(props: GradeBadgeProps) {
  const { grade, size = 'large' } = props;
  const classes = useStyles();
  return (
    <span
      role="img"
      aria-label={`Grade ${grade}`}
      className={`${classes.badge} ${classes[size]} ${
        classes[gradeTone(grade)]
      }`}
    >
      <span aria-hidden="true">{grade}</span>
    </span>
  );
}
