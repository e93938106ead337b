import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { errorMessage } from '../../utils/errorMessage';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { ControlFilters, useControlFilters } from '../ControlFilters';
import { NoLinkedAccounts } from '../EntityAzureOpenAICard/EmptyStates';
import { AccountSection } from './AccountSection';

/**
 * The "Azure OpenAI" tab of an entity: every linked account with its controls, evidence and
 * remediation, filterable, and its score over time.
 *
 * @public
 */
export function EntityAzureOpenAIContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(azureOpenAIApiRef);
  const [filters, setFilter] = useControlFilters();
  const { value, error, retry } = useAsyncData(
    () => api.getEntityPosture(entityRef),
    [api, entityRef],
  );

  if (error) {
    return (
      <Box>
        <WarningPanel
          severity="error"
          title="Could not load the Azure OpenAI posture"
          message={errorMessage(error)}
        />
        <Box mt={2}>
          <Button variant="outlined" onClick={retry}>
            Retry
          </Button>
        </Box>
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
      <ControlFilters filters={filters} onChange={setFilter} />
      {value.accounts.map(linked => (
        <AccountSection
          key={linked.account.id}
          linked={linked}
          filters={filters}
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
