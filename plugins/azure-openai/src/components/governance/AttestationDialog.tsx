import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AttestationRecord,
  AttestationRequestBody,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { controlTitle } from '../../utils/presentation';
import {
  ExpiryField,
  FormErrors,
  GovernanceDialog,
  GovernanceTarget,
  ScopeChoice,
  ScopeField,
  scopeBody,
  useGovernanceForm,
  useSubmission,
} from './dialogParts';
import { expiryError, isHttpUrl, parseLocalInputValue } from './format';

/** Props of {@link AttestationDialog}. */
export interface AttestationDialogProps {
  target: GovernanceTarget;
  open: boolean;
  onClose: () => void;
  /** Called with the stored attestation once the server accepted it. */
  onAttested: (attestation: AttestationRecord) => void;
}

type AttestationForm = {
  scope: ScopeChoice;
  statement: string;
  evidenceUrl: string;
  /** Empty: the control's default duration from the platform's config. */
  expiresAt: string;
};

/** Checks the form as the server would, with messages that say what to write. */
export function validateAttestationForm(
  form: AttestationForm,
  now: Date = new Date(),
): FormErrors<AttestationForm> {
  const errors: FormErrors<AttestationForm> = {};
  if (!form.statement.trim()) {
    errors.statement = 'State what is in place and how you checked it.';
  }
  if (!form.evidenceUrl.trim()) {
    errors.evidenceUrl =
      'Link the evidence (runbook, review, test record) so an auditor can check it.';
  } else if (!isHttpUrl(form.evidenceUrl.trim())) {
    errors.evidenceUrl =
      'Enter a full http(s) link, e.g. https://wiki.example.com/dr-test-2026.';
  }
  errors.expiresAt = expiryError(form.expiresAt, { required: false, now });
  return errors;
}

const empty = (): AttestationForm => ({
  scope: 'account',
  statement: '',
  evidenceUrl: '',
  expiresAt: '',
});

/** Records that a manual (or partly manual) control is met, with a link to the evidence. */
export function AttestationDialog(props: AttestationDialogProps) {
  const { target, open, onClose, onAttested } = props;
  const api = useApi(azureOpenAIApiRef);
  const { form, errors, set, check, reset } = useGovernanceForm(
    empty,
    validateAttestationForm,
  );
  const submission = useSubmission();
  const titleId = `aoai-attest-title-${target.account.id}-${target.controlId}`;

  const submit = async () => {
    if (!check()) return;
    const expiry = parseLocalInputValue(form.expiresAt);
    const body: AttestationRequestBody = {
      controlId: target.controlId,
      ...scopeBody(target, form.scope),
      statement: form.statement.trim(),
      evidenceUrl: form.evidenceUrl.trim(),
      ...(expiry ? { expiresAt: expiry.toISOString() } : {}),
    };
    const stored = await submission.run(() => api.createAttestation(body));
    if (stored) {
      reset();
      onAttested(stored);
    }
  };

  return (
    <GovernanceDialog
      titleId={titleId}
      title={`Attest ${controlTitle(target.controlId)} (${target.controlId})`}
      open={open}
      onClose={onClose}
      submit={{
        label: submission.submitting ? 'Attesting…' : 'Attest',
        onClick: submit,
        submission,
      }}
    >
      <Typography variant="body2" color="textSecondary">
        Part of this control cannot be read from Azure. Your statement counts
        until it expires, and is kept with your name in the control's history.
      </Typography>
      <ScopeField target={target} value={form.scope} onChange={set('scope')} />
      <TextField
        id={`${titleId}-statement`}
        label="Statement"
        value={form.statement}
        onChange={e => set('statement')(e.target.value)}
        error={!!errors.statement}
        helperText={
          errors.statement ?? 'What is in place, and how you checked it.'
        }
        required
        multiline
        minRows={3}
        fullWidth
        margin="normal"
        variant="outlined"
      />
      <TextField
        id={`${titleId}-evidence`}
        label="Evidence link"
        type="url"
        value={form.evidenceUrl}
        onChange={e => set('evidenceUrl')(e.target.value)}
        error={!!errors.evidenceUrl}
        helperText={
          errors.evidenceUrl ?? 'Runbook, review or test record (https://…).'
        }
        required
        fullWidth
        margin="normal"
        variant="outlined"
      />
      <ExpiryField
        id={`${titleId}-expires`}
        value={form.expiresAt}
        onChange={set('expiresAt')}
        error={errors.expiresAt}
        helperText="Optional. Empty: the control's default duration set by the platform."
      />
    </GovernanceDialog>
  );
}
