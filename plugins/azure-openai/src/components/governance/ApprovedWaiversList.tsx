import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  azureOpenAIWaiverApprovePermission,
  type WaiverRecord,
} from '@pavedai/plugin-azure-openai-common';
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { GovernanceQuery } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { controlTitle } from '../../utils/presentation';
import { exactTime } from '../../utils/time';
import { PostureLoadError } from '../PostureLoadError';
import { newestFirst } from './data';
import { displayRef } from './format';
import { ScopeCell } from './WaiverRequestsList';
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
  const api = useApi(azureOpenAIApiRef);
  const identityApi = useApi(identityApiRef);
  const approver = usePermission({
    permission: azureOpenAIWaiverApprovePermission,
  });
  const [revoking, setRevoking] = useState<WaiverRecord>();
  const key = JSON.stringify(query);
  const { value, error, retry } = useAsyncData(async () => {
    const [waivers, identity] = await Promise.all([
      api.listWaivers({
        ...(JSON.parse(key) as GovernanceQuery),
        status: 'approved',
      }),
      identityApi.getBackstageIdentity(),
    ]);
    return {
      waivers: newestFirst(
        waivers.items.filter(w => w.status === 'approved'),
        w => w.decidedAt ?? w.requestedAt,
      ),
      me: identity.userEntityRef.toLocaleLowerCase('en-US'),
    };
  }, [api, identityApi, key, refreshKey]);

  if (error) {
    return (
      <PostureLoadError
        error={error}
        onRetry={retry}
        title="Could not load the waivers in force"
      />
    );
  }
  if (!value) {
    return hideWhenEmpty ? null : (
      <Progress aria-label="Loading the waivers in force" />
    );
  }
  if (value.waivers.length === 0) {
    return hideWhenEmpty ? null : (
      <Typography variant="body1">No waiver is in force.</Typography>
    );
  }

  const mayRevoke = (waiver: WaiverRecord) =>
    (!approver.loading && approver.allowed) ||
    waiver.requestedBy.toLocaleLowerCase('en-US') === value.me;

  const content = (
    <>
      <Table size="small" aria-label="Waivers in force">
        <TableHead>
          <TableRow>
            <TableCell>Entity / account</TableCell>
            <TableCell>Control</TableCell>
            <TableCell>Approved by</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>Action</TableCell>
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
                {displayRef(waiver.decidedBy ?? waiver.requestedBy)}
                {waiver.decidedAt && (
                  <Typography variant="body2" color="textSecondary">
                    {exactTime(waiver.decidedAt)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {waiver.reason}
                <Typography variant="body2" color="textSecondary">
                  Requested by {displayRef(waiver.requestedBy)}
                </Typography>
              </TableCell>
              <TableCell>{exactTime(waiver.expiresAt)}</TableCell>
              <TableCell>
                {mayRevoke(waiver) && (
                  <Button
                    size="small"
                    variant="outlined"
                    aria-label={`Revoke the waiver of ${waiver.controlId}`}
                    onClick={() => setRevoking(waiver)}
                  >
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {revoking && (
        <WaiverRevokeDialog
          waiver={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={revoked => {
            setRevoking(undefined);
            retry();
            onRevoked?.(revoked);
          }}
        />
      )}
    </>
  );
  return title ? <InfoCard title={title}>{content}</InfoCard> : content;
}
