import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntityPosture } from '../../hooks/useEntityPosture';
import { ControlFilters, useControlFilters } from '../ControlFilters';
import { ExportButton } from '../ExportButton';
import { NoLinkedAccounts } from '../EntityAzureOpenAICard/EmptyStates';
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
      <Box display="flex" justifyContent="flex-end">
        <ExportButton scope={{ type: 'entity', entityRef }} />
      </Box>
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
