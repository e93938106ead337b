import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { errorMessage } from '../../utils/errorMessage';
import { useEntityPosture } from '../../hooks/useEntityPosture';
import { useScanNow } from '../../hooks/useScanNow';
import { PostureLoadError } from '../PostureLoadError';
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
  const { entity, entityRef, value, loading, error, retry } =
    useEntityPosture();
  const entityRoute = useRouteRef(entityRouteRef);
  const scanNow = useScanNow({ entityRef }, retry, pollIntervalMs);

  const tabLink = `${entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  })}/${tabPath}`;

  if (error && !value) {
    return (
      <InfoCard title={TITLE}>
        <PostureLoadError error={error} onRetry={retry} />
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
