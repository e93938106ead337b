import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { WarningPanel } from '@backstage/core-components';
import { errorMessage } from '../../utils/errorMessage';

/** Props of {@link PostureLoadError}. */
export interface PostureLoadErrorProps {
  error: Error;
  onRetry: () => void;
}

/** Why the entity's Azure OpenAI posture did not load, and a Retry button. */
export function PostureLoadError(props: PostureLoadErrorProps) {
  const { error, onRetry } = props;
  return (
    <>
      <WarningPanel
        severity="error"
        title="Could not load the Azure OpenAI posture"
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
