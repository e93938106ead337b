import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AttestationRecord,
  GovernanceEvent,
  WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { GovernanceQuery } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { controlTitle } from '../../utils/presentation';
import { exactTime } from '../../utils/time';
import { PostureLoadError } from '../PostureLoadError';
import { newestFirst } from './data';
import { GovernanceDialog, type GovernanceTarget } from './dialogParts';
import { displayRef, scopeLabel } from './format';

/** Props of {@link GovernanceHistoryDialog}. */
export interface GovernanceHistoryDialogProps {
  target: GovernanceTarget;
  open: boolean;
  onClose: () => void;
}

const EVENT_VERBS: Record<GovernanceEvent['kind'], string> = {
  'waiver.requested': 'requested a waiver',
  'waiver.approved': 'approved a waiver',
  'waiver.rejected': 'rejected a waiver',
  'waiver.revoked': 'revoked a waiver',
  'waiver.expired': 'a waiver expired',
  'attestation.created': 'attested',
  'attestation.expired': 'an attestation expired',
};

const WAIVER_STATUS: Record<WaiverRecord['status'], string> = {
  requested: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  revoked: 'Revoked',
};

const DECISION_VERBS: Partial<Record<WaiverRecord['status'], string>> = {
  approved: 'approved',
  rejected: 'rejected',
};

function eventSentence(event: GovernanceEvent): string {
  const verb = EVENT_VERBS[event.kind];
  const scope = scopeLabel(event.scope);
  const who =
    event.actor === 'system'
      ? verb.charAt(0).toUpperCase() + verb.slice(1)
      : `${displayRef(event.actor)} ${verb}`;
  const comment = event.details?.comment;
  return `${who} (${scope})${comment ? `: “${comment}”` : ''}`;
}

function WaiverItem(props: { waiver: WaiverRecord }) {
  const { waiver } = props;
  return (
    <li>
      <Typography variant="body2">
        <strong>{WAIVER_STATUS[waiver.status]}</strong>,{' '}
        {scopeLabel(waiver.scope)}, until {exactTime(waiver.expiresAt)}.
        Requested by {displayRef(waiver.requestedBy)} on{' '}
        {exactTime(waiver.requestedAt)}
        {waiver.decidedBy &&
          `; ${DECISION_VERBS[waiver.status] ?? 'decided'} by ${displayRef(
            waiver.decidedBy,
          )}${waiver.decidedAt ? ` on ${exactTime(waiver.decidedAt)}` : ''}`}
        {waiver.decisionComment && ` (“${waiver.decisionComment}”)`}.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Reason: {waiver.reason} · Risk accepted: {waiver.riskAccepted} ·
        Compensating control: {waiver.compensatingControl}
      </Typography>
    </li>
  );
}

function AttestationItem(props: { attestation: AttestationRecord }) {
  const { attestation } = props;
  return (
    <li>
      <Typography variant="body2">
        <strong>
          {attestation.status.charAt(0).toUpperCase() +
            attestation.status.slice(1)}
        </strong>
        , {scopeLabel(attestation.scope)}, by {displayRef(attestation.author)}{' '}
        on {exactTime(attestation.createdAt)}, until{' '}
        {exactTime(attestation.expiresAt)}.
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {attestation.statement}{' '}
        <Link to={attestation.evidenceUrl} externalLinkIcon>
          Evidence
        </Link>
      </Typography>
    </li>
  );
}

function History(props: { target: GovernanceTarget }) {
  const { target } = props;
  const api = useApi(azureOpenAIApiRef);
  // The backend answers an account's query with the records of the account and of the entities
  // that link it (a waiver of every account of the entity included).
  const query: GovernanceQuery = {
    controlId: target.controlId,
    accountId: target.account.id,
  };
  const { value, error, retry } = useAsyncData(async () => {
    const [waivers, attestations, events] = await Promise.all([
      api.listWaivers(query),
      api.listAttestations(query),
      api.getGovernanceHistory(query),
    ]);
    return {
      waivers: newestFirst(waivers.items, w => w.requestedAt),
      attestations: newestFirst(attestations.items, a => a.createdAt),
      events: newestFirst(events.items, e => e.at),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, query.controlId, query.accountId]);

  if (error) {
    return (
      <PostureLoadError
        error={error}
        onRetry={retry}
        title="Could not load the history"
      />
    );
  }
  if (!value) return <Progress aria-label="Loading the history" />;
  const section = (title: string, count: number, children: JSX.Element) => (
    <Box component="section" mb={2}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {count === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None.
        </Typography>
      ) : (
        children
      )}
    </Box>
  );
  return (
    <>
      {section(
        'Waivers',
        value.waivers.length,
        <ul aria-label="Waivers">
          {value.waivers.map(w => (
            <WaiverItem key={w.id} waiver={w} />
          ))}
        </ul>,
      )}
      {section(
        'Attestations',
        value.attestations.length,
        <ul aria-label="Attestations">
          {value.attestations.map(a => (
            <AttestationItem key={a.id} attestation={a} />
          ))}
        </ul>,
      )}
      {section(
        'Events',
        value.events.length,
        <ul aria-label="Events">
          {value.events.map(e => (
            <li key={e.id}>
              <Typography variant="body2">
                <time dateTime={e.at}>{exactTime(e.at)}</time>:{' '}
                {eventSentence(e)}
              </Typography>
            </li>
          ))}
        </ul>,
      )}
    </>
  );
}

/** The waivers, attestations and events of one control on one account, newest first. */
export function GovernanceHistoryDialog(props: GovernanceHistoryDialogProps) {
  const { target, open, onClose } = props;
  const titleId = `aoai-history-title-${target.account.id}-${target.controlId}`;
  return (
    <GovernanceDialog
      titleId={titleId}
      title={`History of ${controlTitle(target.controlId)} (${
        target.controlId
      }) on ${target.account.name}`}
      open={open}
      onClose={onClose}
      maxWidth="md"
    >
      {open && <History target={target} />}
    </GovernanceDialog>
  );
}
