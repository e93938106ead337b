import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  azureOpenAIWaiverApprovePermission,
  type WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import type { GovernanceQuery } from '../../api/AzureOpenAIApi';
import { exactTime } from '../../utils/time';
import { displayRef } from './format';
import {
  useWaiverList,
  waiverListPlaceholder,
  WaiverTable,
} from './waiverList';
import { WaiverRevokeDialog } from './WaiverRevokeDialog';

/** Props of {@link ApprovedWaiversList}. */
export interface ApprovedWaiversListProps {
  /**
   * Which waivers to list (`status=approved` is added): `{}` for the fleet, `{ entityRef }` for
   * an entity (its waivers and those of its accounts and resources).
   */
  query: GovernanceQuery;
  /** Called after a revocation was stored (the backend rescans the accounts). */
  onRevoked?: (waiver: WaiverRecord) => void;
  /** Render nothing when no waiver is in force (the entity tab). */
  hideWhenEmpty?: boolean;
  /** Changing it reloads the list (e.g. after an approval). */
  refreshKey?: unknown;
  /** When set, the list is shown in a card of this title. */
  title?: string;
}

/**
 * Approved waivers in force, with who approved them and until when. Whoever may revoke one (an
 * approver, `azure-openai.waiver.approve`, or its requester) gets **Revoke**, which asks for
 * confirmation and a reason before `POST /waivers/{id}/revoke`.
 */
export function ApprovedWaiversList(props: ApprovedWaiversListProps) {
  const { query, onRevoked, hideWhenEmpty, refreshKey, title } = props;
  const approver = usePermission({
    permission: azureOpenAIWaiverApprovePermission,
  });
  const [revoking, setRevoking] = useState<WaiverRecord>();
  const state = useWaiverList(
    query,
    'approved',
    refreshKey,
    w => w.decidedAt ?? w.requestedAt,
  );
  const placeholder = waiverListPlaceholder(state, {
    hideWhenEmpty,
    errorTitle: 'Could not load the waivers in force',
    loadingLabel: 'Loading the waivers in force',
    empty: 'No waiver is in force.',
  });
  if (placeholder !== undefined || !state.value) return <>{placeholder}</>;
  const { waivers, me } = state.value;

  const mayRevoke = (waiver: WaiverRecord) =>
    (!approver.loading && approver.allowed) ||
    waiver.requestedBy.toLocaleLowerCase('en-US') === me;

  const content = (
    <>
      <WaiverTable
        label="Waivers in force"
        waivers={waivers}
        columns={[
          {
            head: 'Approved by',
            cell: waiver => (
              <>
                {displayRef(waiver.decidedBy ?? waiver.requestedBy)}
                {waiver.decidedAt && (
                  <Typography variant="body2" color="textSecondary">
                    {exactTime(waiver.decidedAt)}
                  </Typography>
                )}
              </>
            ),
          },
          {
            head: 'Reason',
            cell: waiver => (
              <>
                {waiver.reason}
                <Typography variant="body2" color="textSecondary">
                  Requested by {displayRef(waiver.requestedBy)}
                </Typography>
              </>
            ),
          },
          { head: 'Expires', cell: waiver => exactTime(waiver.expiresAt) },
          {
            head: 'Action',
            cell: waiver =>
              mayRevoke(waiver) && (
                <Button
                  size="small"
                  variant="outlined"
                  aria-label={`Revoke the waiver of ${waiver.controlId}`}
                  onClick={() => setRevoking(waiver)}
                >
                  Revoke
                </Button>
              ),
          },
        ]}
      />
      {revoking && (
        <WaiverRevokeDialog
          waiver={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={revoked => {
            setRevoking(undefined);
            state.retry();
            onRevoked?.(revoked);
          }}
        />
      )}
    </>
  );
  return title ? <InfoCard title={title}>{content}</InfoCard> : content;
}
