import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  driftResourceLabel,
  GOLDEN_PATH_PROVENANCE_TAGS,
  type AzureOpenAIAccount,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { errorMessage } from '../../utils/errorMessage';
import { formatValue } from '../../utils/presentation';
import { RelativeTime } from '../RelativeTime';
import { SimpleTable } from '../SimpleTable';

/** Props of {@link GoldenPathDriftSection}. */
export interface GoldenPathDriftSectionProps {
  account: Pick<AzureOpenAIAccount, 'id' | 'name' | 'resourceId' | 'tags'>;
}

/** Whether the account carries the golden path's `backstage.io-template` tag (any case). */
export function hasGoldenPathTag(
  account: Pick<AzureOpenAIAccount, 'tags'>,
): boolean {
  const name = GOLDEN_PATH_PROVENANCE_TAGS.template.toLowerCase();
  return Object.entries(account.tags ?? {}).some(
    ([key, value]) => key.toLowerCase() === name && value.trim() !== '',
  );
}

/** The resource a drift item is about: `account` for the account itself, else its child path. */
/**
 * "Drift from the golden path" of one account: each field where the account differs from what
 * the golden path would build for it today (desired, actual, since when). Renders nothing for
 * accounts made outside the golden path (the audit answers 404: no recorded golden-path inputs,
 * and the account has no golden-path tag).
 */
export function GoldenPathDriftSection(props: GoldenPathDriftSectionProps) {
  const { account } = props;
  const api = useApi(azureOpenAIApiRef);
  const tagged = hasGoldenPathTag(account);
  const { value, error, retry } = useAsyncData(
    () => api.getAccountDrift(account.id),
    [api, account.id],
  );
  const notRecorded =
    error instanceof ResponseError && error.statusCode === 404;
  // Nothing for accounts outside the golden path, nor while it is not known yet.
  if (!tagged && (notRecorded || !value)) return null;

  let body;
  if (error) {
    body = (
      <Box>
        <Typography
          variant="body2"
          color={notRecorded ? 'textSecondary' : 'error'}
        >
          {notRecorded
            ? `No drift report yet: ${errorMessage(error)}`
            : `Could not load the drift: ${errorMessage(error)}`}
        </Typography>
        {!notRecorded && (
          <Button size="small" variant="outlined" onClick={retry}>
            Retry
          </Button>
        )}
      </Box>
    );
  } else if (!value) {
    body = <Progress />;
  } else {
    body = (
      <Box>
        {value.items.length === 0 ? (
          <Typography>
            Matches the golden path: every field is as the template and the
            current policy would build it.
          </Typography>
        ) : (
          <SimpleTable
            label={`Drift of ${account.name} from the golden path`}
            head={['Resource', 'Field', 'Desired', 'Actual', 'Since']}
            empty=""
            rows={value.items.map(item => ({
              key: `${item.resource}|${item.field}`,
              cells: [
                driftResourceLabel(item.resource, account.resourceId),
                <code>{item.field}</code>,
                <code>{formatValue(item.desired)}</code>,
                <code>{formatValue(item.actual)}</code>,
                <RelativeTime timestamp={item.since} />,
              ],
            }))}
          />
        )}
        <Typography variant="body2" color="textSecondary">
          {`Built from ${value.goldenPath.templateRef}${
            value.goldenPath.templateVersion
              ? ` ${value.goldenPath.templateVersion}`
              : ''
          } (task ${value.goldenPath.taskId}) and policy ${
            value.policyVersion
          }; compared with the evidence collected ${
            value.evidenceCollectedAt
          }.`}
        </Typography>
      </Box>
    );
  }
  return <InfoCard title="Drift from the golden path">{body}</InfoCard>;
}
