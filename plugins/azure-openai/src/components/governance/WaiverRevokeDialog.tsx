import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type { WaiverRecord } from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { controlTitle } from '../../utils/presentation';
import { exactTime } from '../../utils/time';
import { GovernanceDialog, useSubmission } from './dialogParts';
import { displayRef, scopeLabel } from './format';

/** Props of {@link WaiverRevokeDialog}. */
export interface WaiverRevokeDialogProps {
  waiver: WaiverRecord;
  onClose: () => void;
  /** Called with the revoked waiver once the server accepted the revocation. */
  onRevoked: (waiver: WaiverRecord) => void;
}

/**
 * Confirms the revocation of an approved waiver, with the reason (kept in the history as the
 * revocation's comment): from then on the control counts as it really is.
 */
export function WaiverRevokeDialog(props: WaiverRevokeDialogProps) {
  const { waiver, onClose, onRevoked } = props;
  const api = useApi(azureOpenAIApiRef);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const submission = useSubmission();
  const titleId = `aoai-revoke-title-${waiver.id}`;

  const submit = async () => {
    if (!reason.trim()) {
      setReasonError(
        'Say why you revoke the waiver; the requester and the history see it.',
      );
      return;
    }
    const revoked = await submission.run(() =>
      api.revokeWaiver(waiver.id, { comment: reason.trim() }),
    );
    if (revoked) onRevoked(revoked);
  };

  return (
    <GovernanceDialog
      titleId={titleId}
      title={`Revoke the waiver of ${controlTitle(waiver.controlId)} (${
        waiver.controlId
      })?`}
      open
      onClose={onClose}
      submit={{ label: 'Revoke waiver', onClick: submit, submission }}
    >
      <Typography variant="body2">
        Approved by {displayRef(waiver.decidedBy ?? waiver.requestedBy)} for{' '}
        {scopeLabel(waiver.scope)}, until {exactTime(waiver.expiresAt)}.
        Requested by {displayRef(waiver.requestedBy)}: {waiver.reason}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The waiver stops applying at once and the accounts are scanned again, so
        the control counts as it really is. This cannot be undone: a new waiver
        needs a new request and approval.
      </Typography>
      <TextField
        id={`${titleId}-reason`}
        label="Reason"
        value={reason}
        onChange={e => {
          setReason(e.target.value);
          setReasonError(undefined);
        }}
        error={!!reasonError}
        helperText={reasonError ?? 'Required; kept in the history.'}
        required
        multiline
        minRows={2}
        fullWidth
        margin="normal"
        variant="outlined"
        inputProps={{ maxLength: 2000 }}
      />
    </GovernanceDialog>
  );
}
