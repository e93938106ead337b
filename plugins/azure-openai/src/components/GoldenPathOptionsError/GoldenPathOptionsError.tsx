import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { WarningPanel } from '@backstage/core-components';
import { errorMessage } from '../../utils/errorMessage';

/** Props of {@link GoldenPathOptionsError}. */
export interface GoldenPathOptionsErrorProps {
  /** What the field is for, e.g. `region`. */
  subject: string;
  error: Error;
  onRetry: () => void;
}

/** Why a template field could not load the golden-path options, and a Retry button. */
export function GoldenPathOptionsError(props: GoldenPathOptionsErrorProps) {
  const { subject, error, onRetry } = props;
  return (
    <Box mb={2}>
      <WarningPanel
        severity="error"
        title={`Could not load the golden-path choices for ${subject}`}
        message={errorMessage(error)}
      />
      <Box mt={1}>
        <Button variant="outlined" size="small" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
