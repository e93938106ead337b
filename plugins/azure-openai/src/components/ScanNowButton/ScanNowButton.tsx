import Button from '@material-ui/core/Button';
import { usePermission } from '@backstage/plugin-permission-react';
import { azureOpenAIScanCreatePermission } from '@pavedai/plugin-azure-openai-common';

/** Props of {@link ScanNowButton}. */
export interface ScanNowButtonProps {
  /** The entity whose accounts would be scanned. */
  entityRef: string;
  /** Whether a scan is running (the button is then disabled). */
  scanning: boolean;
  onClick: () => void;
}

/** "Scan now", rendered only when the permission policy allows a scan of this entity. */
export function ScanNowButton(props: ScanNowButtonProps) {
  const { entityRef, scanning, onClick } = props;
  const { allowed, loading } = usePermission({
    permission: azureOpenAIScanCreatePermission,
    resourceRef: entityRef,
  });
  if (loading || !allowed) return null;
  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      disabled={scanning}
      onClick={onClick}
    >
      {scanning ? 'Scanning…' : 'Scan now'}
    </Button>
  );
}
