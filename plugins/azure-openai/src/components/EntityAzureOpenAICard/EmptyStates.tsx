import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { AZURE_RESOURCE_ID_ANNOTATION } from '@pavedai/plugin-azure-openai-common';
import type { Scan } from '@pavedai/plugin-azure-openai-common';

/** Explains how an entity gets linked to an Azure OpenAI account. */
export function NoLinkedAccounts() {
  return (
    <Box>
      <Typography variant="body1" gutterBottom>
        No Azure OpenAI account is linked to this entity.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Give a Resource entity of type <code>azure-openai-account</code> the
        annotation <code>{AZURE_RESOURCE_ID_ANNOTATION}</code> with the ARM id
        of the account, and let this entity <code>dependsOn</code> it (systems
        also pick up the accounts of their components). The{' '}
        <Link to="/create">golden-path template</Link> creates a hardened
        account with the annotation already in place.
      </Typography>
    </Box>
  );
}

/** Props of {@link NeverScanned}. */
export interface NeverScannedProps {
  count: number;
}

/** Linked accounts that have no evaluation yet. */
export function NeverScanned(props: NeverScannedProps) {
  const { count } = props;
  return (
    <Typography variant="body1">
      {count === 1
        ? 'The linked account has not been scanned yet.'
        : `${count} linked accounts have not been scanned yet.`}
    </Typography>
  );
}

/** Props of {@link ScanProgress}. */
export interface ScanProgressProps {
  scan?: Scan;
}

/** A running scan. */
export function ScanProgress(props: ScanProgressProps) {
  const { scan } = props;
  const total = scan?.accountsTotal ?? 0;
  const done = scan?.accountsDone ?? 0;
  const label =
    total > 0
      ? `Scan in progress: ${done} of ${total} accounts`
      : 'Scan in progress';
  return (
    <Box role="status" mb={2}>
      <Typography variant="body2">{label}</Typography>
      <LinearProgress
        aria-label={label}
        variant={total > 0 ? 'determinate' : 'indeterminate'}
        value={total > 0 ? (100 * done) / total : undefined}
      />
    </Box>
  );
}
