import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import type {
  WaiverDecisionBody,
  WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIWaiverApprovePermission } from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import type { GovernanceQuery } from '../../api/AzureOpenAIApi';
import { exactTime } from '../../utils/time';
import { displayRef } from './format';
import { WaiverDecisionDialog } from './WaiverDecisionDialog';
import {
  useWaiverList,
  waiverListPlaceholder,
  WaiverTable,
} from './waiverList';

/** Props of {@link WaiverRequestsList}. */
export interface WaiverRequestsListProps {
  /**
   * Which requests to list (`status=requested` is added). The backend answers an entity's query
   * with the requests for the entity and for each of its accounts.
   */
  query: GovernanceQuery;
  /** Called after an approval or a rejection was stored. */
  onDecided?: (waiver: WaiverRecord) => void;
  /** Render nothing when there is no pending request (the entity tab). */
  hideWhenEmpty?: boolean;
  /** Changing it reloads the list (e.g. after a new request). */
  refreshKey?: unknown;
  /** When set, the list is shown in a card of this title. */
  title?: string;
}

/**
 * Pending waiver requests with who asked, why and until when. Approvers (permission
 * `azure-openai.waiver.approve`) approve or reject them; a request of one's own only shows as
 * pending, since nobody approves their own waiver.
 */
export function WaiverRequestsList(props: WaiverRequestsListProps) {
  const { query, onDecided, hideWhenEmpty, refreshKey, title } = props;
  const approver = usePermission({
    permission: azureOpenAIWaiverApprovePermission,
  });
  const [deciding, setDeciding] = useState<{
    waiver: WaiverRecord;
    decision: WaiverDecisionBody['decision'];
  }>();
  const state = useWaiverList(
    query,
    'requested',
    refreshKey,
    w => w.requestedAt,
  );
  const placeholder = waiverListPlaceholder(state, {
    hideWhenEmpty,
    errorTitle: 'Could not load the waiver requests',
    loadingLabel: 'Loading waiver requests',
    empty: 'No waiver request waits for a decision.',
  });
  if (placeholder !== undefined || !state.value) return <>{placeholder}</>;
  const { waivers, me } = state.value;

  const actions = (waiver: WaiverRecord) => {
    if (waiver.requestedBy.toLocaleLowerCase('en-US') === me) {
      return (
        <Typography variant="body2">
          Your request: pending approval by someone else
        </Typography>
      );
    }
    if (approver.loading || !approver.allowed) {
      return <Typography variant="body2">Pending approval</Typography>;
    }
    return (
      <Box display="flex" gridGap={8}>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          onClick={() => setDeciding({ waiver, decision: 'approve' })}
        >
          Approve
        </Button>
        <Button
          size="small"
          variant="outlined"
          onClick={() => setDeciding({ waiver, decision: 'reject' })}
        >
          Reject
        </Button>
      </Box>
    );
  };

  const content = (
    <>
      <WaiverTable
        label="Waiver requests"
        waivers={waivers}
        columns={[
          {
            head: 'Requested by',
            cell: waiver => (
              <>
                {displayRef(waiver.requestedBy)}
                <Typography variant="body2" color="textSecondary">
                  {exactTime(waiver.requestedAt)}
                </Typography>
              </>
            ),
          },
          {
            head: 'Reason',
            cell: waiver => (
              <>
                {waiver.reason}
                <Typography variant="body2" color="textSecondary">
                  Risk: {waiver.riskAccepted} · Compensating control:{' '}
                  {waiver.compensatingControl}
                </Typography>
              </>
            ),
          },
          { head: 'Expires', cell: waiver => exactTime(waiver.expiresAt) },
          { head: 'Decision', cell: actions },
        ]}
      />
      {deciding && (
        <WaiverDecisionDialog
          waiver={deciding.waiver}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={decided => {
            setDeciding(undefined);
            state.retry();
            onDecided?.(decided);
          }}
        />
      )}
    </>
  );
  return title ? <InfoCard title={title}>{content}</InfoCard> : content;
}
