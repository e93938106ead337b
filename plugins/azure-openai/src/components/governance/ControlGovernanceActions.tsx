import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { usePermission } from '@backstage/plugin-permission-react';
import type { ControlResult } from '@pavedai/plugin-azure-openai-common';
import {
  azureOpenAIAttestationCreatePermission,
  azureOpenAIWaiverRequestPermission,
} from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import { AttestationDialog } from './AttestationDialog';
import type { GovernanceTarget } from './dialogParts';
import { isAttestable, isWaivable } from './format';
import { GovernanceHistoryDialog } from './GovernanceHistoryDialog';
import { WaiverRequestDialog } from './WaiverRequestDialog';

/** What changed through {@link ControlGovernanceActions}. */
export type GovernanceChange = 'waiver-requested' | 'attested';

/** Props of {@link ControlGovernanceActions}. */
export interface ControlGovernanceActionsProps {
  target: GovernanceTarget;
  result: ControlResult;
  onChanged: (change: GovernanceChange) => void;
}

type Open = 'waiver' | 'attest' | 'history' | undefined;

/**
 * "Request waiver" (failing or unknown waivable controls), "Attest" (manual and partly manual
 * controls) for those the permission policy allows on this entity, and "History" for everyone.
 */
export function ControlGovernanceActions(props: ControlGovernanceActionsProps) {
  const { target, result, onChanged } = props;
  const [open, setOpen] = useState<Open>();
  const [notice, setNotice] = useState<string>();
  const canRequest = usePermission({
    permission: azureOpenAIWaiverRequestPermission,
    resourceRef: target.entityRef,
  });
  const canAttest = usePermission({
    permission: azureOpenAIAttestationCreatePermission,
    resourceRef: target.entityRef,
  });
  const showWaiver = isWaivable(result) && canRequest.allowed;
  const showAttest = isAttestable(result) && canAttest.allowed;
  const close = () => setOpen(undefined);

  return (
    <Box>
      <Box display="flex" gridGap={8} flexWrap="wrap">
        {showWaiver && (
          <Button
            variant="outlined"
            size="small"
            onClick={() => setOpen('waiver')}
          >
            Request waiver
          </Button>
        )}
        {showAttest && (
          <Button
            variant="outlined"
            size="small"
            onClick={() => setOpen('attest')}
          >
            Attest
          </Button>
        )}
        <Button size="small" onClick={() => setOpen('history')}>
          History
        </Button>
      </Box>
      {notice && (
        <Typography role="status" variant="body2">
          {notice}
        </Typography>
      )}
      {showWaiver && (
        <WaiverRequestDialog
          target={target}
          open={open === 'waiver'}
          onClose={close}
          onRequested={() => {
            close();
            setNotice(
              'Waiver requested. It applies once a member of the platform team approves it.',
            );
            onChanged('waiver-requested');
          }}
        />
      )}
      {showAttest && (
        <AttestationDialog
          target={target}
          open={open === 'attest'}
          onClose={close}
          onAttested={() => {
            close();
            setNotice('Attestation recorded. The account is scanned again.');
            onChanged('attested');
          }}
        />
      )}
      <GovernanceHistoryDialog
        target={target}
        open={open === 'history'}
        onClose={close}
      />
    </Box>
  );
}
