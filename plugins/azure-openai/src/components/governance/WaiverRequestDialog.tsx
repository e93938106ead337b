import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type {
  WaiverRecord,
  WaiverRequestBody,
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
import { expiryError, parseLocalInputValue, toLocalInputValue } from './format';

/** Days ahead the expiry field proposes; the platform's maximum is enforced by the server. */
export const DEFAULT_WAIVER_DAYS = 30;

/** Props of {@link WaiverRequestDialog}. */
export interface WaiverRequestDialogProps {
  target: GovernanceTarget;
  open: boolean;
  onClose: () => void;
  /** Called with the stored request once the server accepted it. */
  onRequested: (waiver: WaiverRecord) => void;
}

type WaiverForm = {
  scope: ScopeChoice;
  reason: string;
  riskAccepted: string;
  compensatingControl: string;
  expiresAt: string;
};

/** Checks the form as the server would, with messages that say what to write. */
export function validateWaiverForm(
  form: WaiverForm,
  now: Date = new Date(),
): FormErrors<WaiverForm> {
  const errors: FormErrors<WaiverForm> = {};
  if (!form.reason.trim()) {
    errors.reason = 'Say why the control cannot pass now.';
  }
  if (!form.riskAccepted.trim()) {
    errors.riskAccepted =
      'Describe the risk you accept while the control fails.';
  }
  if (!form.compensatingControl.trim()) {
    errors.compensatingControl =
      'Describe what mitigates the risk meanwhile (write "none" if nothing does).';
  }
  errors.expiresAt = expiryError(form.expiresAt, {
    required: 'Choose when the waiver ends: every waiver expires.',
    now,
  });
  return errors;
}

function initialForm(): WaiverForm {
  const expiry = new Date(Date.now() + DEFAULT_WAIVER_DAYS * 24 * 3600 * 1000);
  return {
    scope: 'account',
    reason: '',
    riskAccepted: '',
    compensatingControl: '',
    expiresAt: toLocalInputValue(expiry),
  };
}

/**
 * Asks for a waiver of one control: scope, reason, accepted risk, compensating control and an
 * expiry. An approver (never the requester) decides.
 */
export function WaiverRequestDialog(props: WaiverRequestDialogProps) {
  const { target, open, onClose, onRequested } = props;
  const api = useApi(azureOpenAIApiRef);
  const { form, errors, set, check, reset } = useGovernanceForm(
    initialForm,
    validateWaiverForm,
  );
  const submission = useSubmission();
  const titleId = `aoai-waiver-title-${target.account.id}-${target.controlId}`;

  const submit = async () => {
    if (!check()) return;
    const body: WaiverRequestBody = {
      controlId: target.controlId,
      ...scopeBody(target, form.scope),
      reason: form.reason.trim(),
      riskAccepted: form.riskAccepted.trim(),
      compensatingControl: form.compensatingControl.trim(),
      expiresAt: parseLocalInputValue(form.expiresAt)!.toISOString(),
    };
    const stored = await submission.run(() => api.requestWaiver(body));
    if (stored) {
      reset();
      onRequested(stored);
    }
  };

  const field = (
    key: 'reason' | 'riskAccepted' | 'compensatingControl',
    label: string,
    helper: string,
  ) => (
    <TextField
      id={`${titleId}-${key}`}
      label={label}
      value={form[key]}
      onChange={e => set(key)(e.target.value)}
      error={!!errors[key]}
      helperText={errors[key] ?? helper}
      required
      multiline
      minRows={2}
      fullWidth
      margin="normal"
      variant="outlined"
    />
  );

  return (
    <GovernanceDialog
      titleId={titleId}
      title={`Request a waiver for ${controlTitle(target.controlId)} (${
        target.controlId
      })`}
      open={open}
      onClose={onClose}
      submit={{
        label: submission.submitting ? 'Requesting…' : 'Request waiver',
        onClick: submit,
        submission,
      }}
    >
      <Typography variant="body2" color="textSecondary">
        A waiver accepts the risk of a failing control for a limited time. A
        member of the platform team approves or rejects it; until then the
        control keeps failing.
      </Typography>
      <ScopeField target={target} value={form.scope} onChange={set('scope')} />
      {field('reason', 'Reason', 'Why the control cannot pass now.')}
      {field(
        'riskAccepted',
        'Risk accepted',
        'What could happen while the control fails.',
      )}
      {field(
        'compensatingControl',
        'Compensating control',
        'What reduces the risk meanwhile.',
      )}
      <ExpiryField
        id={`${titleId}-expires`}
        value={form.expiresAt}
        onChange={set('expiresAt')}
        error={errors.expiresAt}
        helperText="In your time zone. The platform sets the longest duration allowed."
        required
      />
    </GovernanceDialog>
  );
}
