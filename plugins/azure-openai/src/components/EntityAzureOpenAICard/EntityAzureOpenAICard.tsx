import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import { errorMessage } from '../../utils/errorMessage';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { useScanNow } from '../../hooks/useScanNow';
import { ScanNowButton } from '../ScanNowButton';
import { NeverScanned, NoLinkedAccounts, ScanProgress } from './EmptyStates';
import { PostureSummary } from './PostureSummary';

/**
 * Props of {@link EntityAzureOpenAICard}.
 *
 * @public
 */
export interface EntityAzureOpenAICardProps {
  /** Path of the Azure OpenAI tab below the entity page. Default `azure-openai`. */
  tabPath?: string;
  /** How often a running scan is polled, in milliseconds. Default 1000. */
  pollIntervalMs?: number;
}

const TITLE = 'Azure OpenAI posture';

/**
 * The posture of the entity's Azure OpenAI accounts at a glance.
 *
 * @public
 */
export function EntityAzureOpenAICard(props: EntityAzureOpenAICardProps) {
  const { tabPath = 'azure-openai', pollIntervalMs } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(azureOpenAIApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error, retry } = useAsyncData(
    () => api.getEntityPosture(entityRef),
    [api, entityRef],
  );
  const scanNow = useScanNow({ entityRef }, retry, pollIntervalMs);

  const tabLink = `${entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  })}/${tabPath}`;

  if (error && !value) {
    return (
      <InfoCard title={TITLE}>
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
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title={TITLE}>
        <Box minHeight={240} aria-busy="true">
          <Progress aria-label="Loading Azure OpenAI posture" />
        </Box>
      </InfoCard>
    );
  }

  const linkedCount = value.accounts.length + value.unscanned.length;
  const scanButton =
    linkedCount > 0 ? (
      <ScanNowButton
        entityRef={entityRef}
        scanning={scanNow.scanning}
        onClick={scanNow.start}
      />
    ) : undefined;

  return (
    <InfoCard
      title={TITLE}
      action={scanButton}
      deepLink={
        value.accounts.length > 0
          ? { title: 'All controls and remediation', link: tabLink }
          : undefined
      }
    >
      {scanNow.scanning && <ScanProgress scan={scanNow.scan} />}
      {scanNow.error && (
        <Box mb={2}>
          <WarningPanel
            severity="error"
            title="The scan did not complete"
            message={errorMessage(scanNow.error)}
          />
        </Box>
      )}
      {linkedCount === 0 && <NoLinkedAccounts />}
      {value.accounts.length === 0 && value.unscanned.length > 0 && (
        <NeverScanned count={value.unscanned.length} />
      )}
      {value.accounts.length > 0 && <PostureSummary posture={value} />}
      {value.accounts.length > 0 && value.unscanned.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Not scanned yet: {value.unscanned.length} linked account(s).
        </Typography>
      )}
      {loading && <span role="status" aria-label="Refreshing" />}
    </InfoCard>
  );
}
