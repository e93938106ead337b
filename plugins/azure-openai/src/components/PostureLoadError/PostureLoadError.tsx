import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { WarningPanel } from '@backstage/core-components';
import { errorMessage } from '../../utils/errorMessage';

/** Props of {@link PostureLoadError}. */
export interface PostureLoadErrorProps {
  error: Error;
  onRetry: () => void;
  /** What did not load. Default "Could not load the Azure OpenAI posture". */
  title?: string;
}

/** Why the entity's Azure OpenAI posture (or other data) did not load, and a Retry button. */
export function PostureLoadError(props: PostureLoadErrorProps) {
  const {
    error,
    onRetry,
    title = 'Could not load the Azure OpenAI posture',
  } = props;
  return (
    <>
      <WarningPanel
        severity="error"
        title={title}
        message={errorMessage(error)}
      />
      <Box mt={2}>
        <Button variant="outlined" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </>
  );
}
