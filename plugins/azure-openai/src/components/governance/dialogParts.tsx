import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { AzureOpenAIAccount } from '@pavedai/plugin-azure-openai-common';
import { errorMessage } from '../../utils/errorMessage';
import { displayRef } from './format';

/** One control of one account, seen from an entity page: what a dialog acts on. */
export interface GovernanceTarget {
  /** The entity of the page (its owners request and attest). */
  entityRef: string;
  /** The account whose control row the action came from. */
  account: AzureOpenAIAccount;
  controlId: string;
}

/** Whether a waiver or an attestation covers one account or every account of the entity. */
export type ScopeChoice = 'account' | 'entity';

/** The part of a request body that names the scope. */
export function scopeBody(
  target: GovernanceTarget,
  scope: ScopeChoice,
): { accountId: string } | { entityRef: string } {
  return scope === 'account'
    ? { accountId: target.account.id }
    : { entityRef: target.entityRef };
}

/** Radio buttons: this account, or every account of the entity. */
export function ScopeField(props: {
  target: GovernanceTarget;
  value: ScopeChoice;
  onChange: (value: ScopeChoice) => void;
}) {
  const { target, value, onChange } = props;
  return (
    <FormControl component="fieldset" margin="normal">
      <FormLabel component="legend">Applies to</FormLabel>
      <RadioGroup
        value={value}
        onChange={e => onChange(e.target.value as ScopeChoice)}
      >
        <FormControlLabel
          value="account"
          control={<Radio color="primary" />}
          label={`This account (${target.account.name})`}
        />
        <FormControlLabel
          value="entity"
          control={<Radio color="primary" />}
          label={`Every account of ${displayRef(target.entityRef)}`}
        />
      </RadioGroup>
    </FormControl>
  );
}

/** Messages per field of a form. */
export type FormErrors<F> = Partial<Record<keyof F, string>>;

/** A dialog's form: values, the messages of the last check, and a setter per field. */
export interface GovernanceForm<F> {
  form: F;
  errors: FormErrors<F>;
  set: (key: keyof F) => (value: string) => void;
  /** Validates the form and shows the messages; true when nothing is wrong. */
  check: () => boolean;
  reset: () => void;
}

/** Keeps a dialog's form; editing a field clears its message. */
export function useGovernanceForm<F extends Record<string, string>>(
  initial: () => F,
  validate: (form: F) => FormErrors<F>,
): GovernanceForm<F> {
  const [form, setForm] = useState<F>(initial);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const set = (key: keyof F) => (value: string) => {
    setForm(f => ({ ...f, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };
  const check = () => {
    const found = validate(form);
    setErrors(found);
    return Object.values(found).every(message => !message);
  };
  const reset = () => {
    setForm(initial());
    setErrors({});
  };
  return { form, errors, set, check, reset };
}

/** State of a submission to the backend. */
export interface Submission {
  submitting: boolean;
  /** The server's message when the last submission failed. */
  error?: string;
  /** Runs `send`; resolves with its answer, or undefined when it failed. */
  run: <T>(send: () => Promise<T>) => Promise<T | undefined>;
  reset: () => void;
}

/** Tracks a dialog's submission and keeps the server's error message to show. */
export function useSubmission(): Submission {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <T,>(send: () => Promise<T>) => {
    setSubmitting(true);
    setError(undefined);
    try {
      return await send();
    } catch (e) {
      if (mounted.current) {
        setError(errorMessage(e instanceof Error ? e : new Error(String(e))));
      }
      return undefined;
    } finally {
      if (mounted.current) setSubmitting(false);
    }
  }, []);
  const reset = useCallback(() => setError(undefined), []);
  return { submitting, error, run, reset };
}

/** The server's refusal, announced to screen readers. */
export function SubmissionError(props: { error?: string }) {
  if (!props.error) return null;
  return (
    <Typography role="alert" color="error" variant="body2">
      {props.error}
    </Typography>
  );
}

/** Props of {@link GovernanceDialog}. */
export interface GovernanceDialogProps {
  /** Id of the title, which names the dialog; field ids derive from it. */
  titleId: string;
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  maxWidth?: 'sm' | 'md';
  /** The submit button; without it the dialog only has "Close". */
  submit?: {
    label: string;
    onClick: () => void;
    /** The state of the submission: disables the button, shows the server's refusal. */
    submission: Submission;
  };
}

/** The frame of every governance dialog: title, content, the server's refusal, buttons. */
export function GovernanceDialog(props: GovernanceDialogProps) {
  const { titleId, title, open, onClose, children, maxWidth, submit } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth ?? 'sm'}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {children}
        <SubmissionError error={submit?.submission.error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{submit ? 'Cancel' : 'Close'}</Button>
        {submit && (
          <Button
            color="primary"
            variant="contained"
            onClick={submit.onClick}
            disabled={submit.submission.submitting}
          >
            {submit.label}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** A date and time in the browser's time zone, to the second. */
export function ExpiryField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  helperText: string;
  required?: boolean;
}) {
  const { id, value, onChange, error, helperText, required } = props;
  return (
    <TextField
      id={id}
      label="Expires"
      type="datetime-local"
      value={value}
      onChange={e => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? helperText}
      required={required}
      fullWidth
      margin="normal"
      variant="outlined"
      InputLabelProps={{ shrink: true }}
      inputProps={{ step: 1 }}
    />
  );
}
