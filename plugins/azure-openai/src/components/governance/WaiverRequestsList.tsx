import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import type {
  WaiverDecisionBody,
  WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIWaiverApprovePermission } from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { GovernanceQuery } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { controlTitle } from '../../utils/presentation';
import { exactTime } from '../../utils/time';
import { PostureLoadError } from '../PostureLoadError';
import { newestFirst } from './data';
import { displayRef, scopeLabel } from './format';
import { WaiverDecisionDialog } from './WaiverDecisionDialog';

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

/** The entity (a link, "every account") or the account a waiver covers. */
export function ScopeCell(props: { waiver: WaiverRecord }) {
  const { scope } = props.waiver;
  if (scope.type === 'entity') {
    return (
      <>
        <EntityRefLink entityRef={scope.entityRef} />
        <Typography variant="body2" color="textSecondary">
          every account
        </Typography>
      </>
    );
  }
  return (
    <Typography variant="body2" title={scope.resourceId}>
      {scopeLabel(scope)}
    </Typography>
  );
}

/**
 * Pending waiver requests with who asked, why and until when. Approvers (permission
 * `azure-openai.waiver.approve`) approve or reject them; a request of one's own only shows as
 * pending, since nobody approves their own waiver.
 */
export function WaiverRequestsList(props: WaiverRequestsListProps) {
  const { query, onDecided, hideWhenEmpty, refreshKey, title } = props;
  const api = useApi(azureOpenAIApiRef);
  const identityApi = useApi(identityApiRef);
  const approver = usePermission({
    permission: azureOpenAIWaiverApprovePermission,
  });
  const [deciding, setDeciding] = useState<{
    waiver: WaiverRecord;
    decision: WaiverDecisionBody['decision'];
  }>();
  const key = JSON.stringify(query);
  const { value, error, retry } = useAsyncData(async () => {
    const [waivers, identity] = await Promise.all([
      api.listWaivers({
        ...(JSON.parse(key) as GovernanceQuery),
        status: 'requested',
      }),
      identityApi.getBackstageIdentity(),
    ]);
    return {
      waivers: newestFirst(
        waivers.items.filter(w => w.status === 'requested'),
        w => w.requestedAt,
      ),
      me: identity.userEntityRef.toLocaleLowerCase('en-US'),
    };
  }, [api, identityApi, key, refreshKey]);

  if (error) {
    return (
      <PostureLoadError
        error={error}
        onRetry={retry}
        title="Could not load the waiver requests"
      />
    );
  }
  if (!value) {
    return hideWhenEmpty ? null : (
      <Progress aria-label="Loading waiver requests" />
    );
  }
  if (value.waivers.length === 0) {
    return hideWhenEmpty ? null : (
      <Typography variant="body1">
        No waiver request waits for a decision.
      </Typography>
    );
  }

  const actions = (waiver: WaiverRecord) => {
    if (waiver.requestedBy.toLocaleLowerCase('en-US') === value.me) {
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
      <Table size="small" aria-label="Waiver requests">
        <TableHead>
          <TableRow>
            <TableCell>Entity / account</TableCell>
            <TableCell>Control</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Decision</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.waivers.map(waiver => (
            <TableRow key={waiver.id}>
              <TableCell>
                <ScopeCell waiver={waiver} />
              </TableCell>
              <TableCell>
                {controlTitle(waiver.controlId)} ({waiver.controlId})
              </TableCell>
              <TableCell>
                {displayRef(waiver.requestedBy)}
                <Typography variant="body2" color="textSecondary">
                  {exactTime(waiver.requestedAt)}
                </Typography>
              </TableCell>
              <TableCell>
                {waiver.reason}
                <Typography variant="body2" color="textSecondary">
                  Risk: {waiver.riskAccepted} · Compensating control:{' '}
                  {waiver.compensatingControl}
                </Typography>
              </TableCell>
              <TableCell>{exactTime(waiver.expiresAt)}</TableCell>
              <TableCell>{actions(waiver)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {deciding && (
        <WaiverDecisionDialog
          waiver={deciding.waiver}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={decided => {
            setDeciding(undefined);
            retry();
            onDecided?.(decided);
          }}
        />
      )}
    </>
  );
  return title ? <InfoCard title={title}>{content}</InfoCard> : content;
}
