import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type {
  WaiverDecisionBody,
  WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { controlTitle } from '../../utils/presentation';
import { exactTime } from '../../utils/time';
import { GovernanceDialog, useSubmission } from './dialogParts';
import { displayRef, scopeLabel } from './format';

/** Props of {@link WaiverDecisionDialog}. */
export interface WaiverDecisionDialogProps {
  waiver: WaiverRecord;
  decision: WaiverDecisionBody['decision'];
  onClose: () => void;
  /** Called with the decided waiver once the server accepted the decision. */
  onDecided: (waiver: WaiverRecord) => void;
}

/** Approves or rejects a waiver request, with a comment (required to reject). */
export function WaiverDecisionDialog(props: WaiverDecisionDialogProps) {
  const { waiver, decision, onClose, onDecided } = props;
  const api = useApi(azureOpenAIApiRef);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const submission = useSubmission();
  const approve = decision === 'approve';
  const titleId = `aoai-decision-title-${waiver.id}`;

  const submit = async () => {
    if (!approve && !comment.trim()) {
      setCommentError(
        'Say why you reject the request, so the requester knows what to change.',
      );
      return;
    }
    const body: WaiverDecisionBody = {
      decision,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const decided = await submission.run(() =>
      api.decideWaiver(waiver.id, body),
    );
    if (decided) onDecided(decided);
  };

  return (
    <GovernanceDialog
      titleId={titleId}
      title={`${approve ? 'Approve' : 'Reject'} the waiver of ${controlTitle(
        waiver.controlId,
      )} (${waiver.controlId})`}
      open
      onClose={onClose}
      submit={{
        label: approve ? 'Approve waiver' : 'Reject waiver',
        onClick: submit,
        submission,
      }}
    >
      <Typography variant="body2">
        Requested by {displayRef(waiver.requestedBy)} for{' '}
        {scopeLabel(waiver.scope)}, until {exactTime(waiver.expiresAt)}.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Reason: {waiver.reason} · Risk accepted: {waiver.riskAccepted} ·
        Compensating control: {waiver.compensatingControl}
      </Typography>
      <TextField
        id={`${titleId}-comment`}
        label="Comment"
        value={comment}
        onChange={e => {
          setComment(e.target.value);
          setCommentError(undefined);
        }}
        error={!!commentError}
        helperText={
          commentError ??
          (approve
            ? 'Optional; kept in the history.'
            : 'Required; the requester sees it.')
        }
        required={!approve}
        multiline
        minRows={2}
        fullWidth
        margin="normal"
        variant="outlined"
      />
    </GovernanceDialog>
  );
}
