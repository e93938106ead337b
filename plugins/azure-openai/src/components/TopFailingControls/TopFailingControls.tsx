import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ControlResult } from '@pavedai/plugin-azure-openai-common';
import { SeverityChip } from '../SeverityChip';
import { controlTitle, failingBySeverity } from '../../utils/presentation';

const useStyles = makeStyles({
  // Lets long messages wrap inside the card instead of overflowing it.
  text: { minWidth: 0, whiteSpace: 'normal', overflowWrap: 'anywhere' },
  // One line of message on the card; the tab has the full text.
  message: {
    display: '-webkit-box',
    WebkitLineClamp: 1,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
});

/** A result with the name of the account it belongs to. */
export interface AccountResult {
  accountName: string;
  result: ControlResult;
}

/** Props of {@link TopFailingControls}. */
export interface TopFailingControlsProps {
  results: readonly AccountResult[];
  /** How many to show. */
  limit?: number;
  /** Whether to name the account on each line (entities with several accounts). */
  showAccount?: boolean;
}

/** The failing controls, most severe first, each with its one-line message. */
export function TopFailingControls(props: TopFailingControlsProps) {
  const { results, limit = 5, showAccount = false } = props;
  const classes = useStyles();
  const byResult = new Map(results.map(r => [r.result, r.accountName]));
  const failing = failingBySeverity(results.map(r => r.result));
  if (failing.length === 0) {
    return <Typography variant="body2">No failing controls.</Typography>;
  }
  return (
    <List dense disablePadding aria-label="Top failing controls">
      {failing.slice(0, limit).map(result => (
        <ListItem
          key={`${byResult.get(result)}:${result.controlId}`}
          disableGutters
          alignItems="flex-start"
        >
          <SeverityChip severity={result.severity} />
          <ListItemText
            className={classes.text}
            primary={`${controlTitle(result.controlId)} (${result.controlId})${
              showAccount ? ` on ${byResult.get(result)}` : ''
            }`}
            secondary={result.message}
            secondaryTypographyProps={{
              className: classes.message,
              title: result.message,
            }}
          />
        </ListItem>
      ))}
    </List>
  );
}
