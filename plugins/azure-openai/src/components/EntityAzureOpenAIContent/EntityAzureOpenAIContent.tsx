import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useState } from 'react';
import { useEntityPosture } from '../../hooks/useEntityPosture';
import { ControlFilters, useControlFilters } from '../ControlFilters';
import { ExportButton } from '../ExportButton';
import { NoLinkedAccounts } from '../EntityAzureOpenAICard/EmptyStates';
import {
  usePostureRefresh,
  ApprovedWaiversList,
  WaiverRequestsList,
  type GovernanceChange,
} from '../governance';
import { PostureLoadError } from '../PostureLoadError';
import { AccountSection } from './AccountSection';

/**
 * The "Azure OpenAI" tab of an entity: every linked account with its controls, evidence and
 * remediation, filterable, and its score over time.
 *
 * @public
 */
export function EntityAzureOpenAIContent() {
  const { value, error, retry, entityRef } = useEntityPosture();
  const [filters, setFilter] = useControlFilters();
  const refresh = usePostureRefresh(value, retry);
  const [requests, setRequests] = useState(0);
  // A request shows up in the pending list; an approval or an attestation triggers a scan
  // whose result the tab waits for.
  const onGovernanceChange = (change: GovernanceChange) => {
    if (change === 'waiver-requested') setRequests(n => n + 1);
    else refresh.start();
  };

  if (error) {
    return (
      <Box>
        <PostureLoadError error={error} onRetry={retry} />
      </Box>
    );
  }
  if (!value) {
    return (
      <Box minHeight={400}>
        <Progress aria-label="Loading Azure OpenAI posture" />
      </Box>
    );
  }
  if (value.accounts.length === 0 && value.unscanned.length === 0) {
    return (
      <InfoCard title="Azure OpenAI">
        <NoLinkedAccounts />
      </InfoCard>
    );
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <WaiverRequestsList
        query={{ entityRef }}
        hideWhenEmpty
        title="Waiver requests"
        refreshKey={requests}
        onDecided={refresh.start}
      />
      <ApprovedWaiversList
        query={{ entityRef }}
        hideWhenEmpty
        title="Waivers in force"
        refreshKey={value}
        onRevoked={refresh.start}
      />
      {refresh.refreshing && (
        <Typography role="status" variant="body2">
          Waiting for the new scan of the accounts…
        </Typography>
      )}
      <Box display="flex" justifyContent="flex-end">
        <ExportButton scope={{ type: 'entity', entityRef }} />
      </Box>
      <ControlFilters filters={filters} onChange={setFilter} />
      {value.accounts.map(linked => (
        <AccountSection
          key={linked.account.id}
          linked={linked}
          filters={filters}
          entityRef={entityRef}
          onGovernanceChange={onGovernanceChange}
        />
      ))}
      {value.unscanned.length > 0 && (
        <InfoCard title="Not scanned yet">
          <ul>
            {value.unscanned.map(u => (
              <li key={u.resourceId}>
                <Typography variant="body2">
                  <code>{u.resourceId}</code>
                </Typography>
              </li>
            ))}
          </ul>
        </InfoCard>
      )}
    </Box>
  );
}
