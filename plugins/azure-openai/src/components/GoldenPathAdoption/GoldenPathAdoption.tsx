import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FleetQuery } from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { computeAdoption, loadWholeFleet } from '../../utils/adoption';
import { errorMessage } from '../../utils/errorMessage';
import { GradeBadge } from '../GradeBadge';
import { SimpleTable } from '../SimpleTable';

/** Accounts outside the golden path listed here (worst score first). */
const OUTSIDE_PAGE_SIZE = 50;

/** Props of {@link GoldenPathAdoption}. */
export interface GoldenPathAdoptionProps {
  /** Opens the fleet's accounts view with these filters (e.g. `goldenPath: false`). */
  onShowAccounts: (patch: Partial<FleetQuery>) => void;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function LoadError(props: { title: string; error: Error; retry: () => void }) {
  return (
    <Box>
      <WarningPanel
        severity="error"
        title={props.title}
        message={errorMessage(props.error)}
      />
      <Button variant="outlined" onClick={props.retry}>
        Retry
      </Button>
    </Box>
  );
}

/** Accounts made outside the golden path (`GET /fleet?goldenPath=false`), worst first. */
function OutsideAccounts(props: GoldenPathAdoptionProps) {
  const api = useApi(azureOpenAIApiRef);
  const { value, error, retry } = useAsyncData(
    () =>
      api.listFleet({
        goldenPath: false,
        sort: 'score',
        order: 'asc',
        limit: OUTSIDE_PAGE_SIZE,
      }),
    [api],
  );
  if (error) {
    return (
      <LoadError
        title="Could not load the accounts outside the golden path"
        error={error}
        retry={retry}
      />
    );
  }
  if (!value) return <Progress />;
  return (
    <Box>
      <SimpleTable
        label="Accounts outside the golden path"
        head={['Account', 'Owner', 'Grade', 'Score']}
        empty="Every account came through the golden path."
        rows={value.items.map(item => ({
          key: item.account.id,
          cells: [
            item.account.name,
            item.account.owner ?? 'No owner',
            item.latest ? (
              <GradeBadge grade={item.latest.grade} size="small" />
            ) : (
              'Not scanned yet'
            ),
            item.latest ? item.latest.score.toFixed(1) : '–',
          ],
        }))}
      />
      {value.totalCount > value.items.length && (
        <Button
          size="small"
          onClick={() => props.onShowAccounts({ goldenPath: false })}
        >
          Show all {value.totalCount} in the accounts view
        </Button>
      )}
    </Box>
  );
}

/**
 * The fleet page's "Golden path adoption" view: the share of accounts created through the
 * golden path overall, by owner and over time, the template versions in use, and the accounts
 * made outside it with their grade. Figures come from the fleet items' provenance, read through
 * the fleet API page by page.
 */
export function GoldenPathAdoption(props: GoldenPathAdoptionProps) {
  const api = useApi(azureOpenAIApiRef);
  const { value, error, retry } = useAsyncData(
    () => loadWholeFleet(q => api.listFleet(q)),
    [api],
  );
  if (error) {
    return (
      <LoadError title="Could not load the fleet" error={error} retry={retry} />
    );
  }
  if (!value) return <Progress />;
  const adoption = computeAdoption(value.items);
  const outside = adoption.total - adoption.golden;
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <InfoCard title="Golden path share">
        <Box
          role="group"
          aria-label="Share of accounts through the golden path"
        >
          <Typography variant="h4" component="p">
            {percent(adoption.share)}
          </Typography>
          <Typography>
            {`${adoption.golden} of ${adoption.total} accounts came through the golden path; ${outside} made outside it.`}
          </Typography>
        </Box>
        {value.truncated && (
          <Typography variant="body2" color="textSecondary">
            Counted over the first {value.items.length} accounts only.
          </Typography>
        )}
      </InfoCard>
      <InfoCard title="Accounts outside the golden path">
        <OutsideAccounts onShowAccounts={props.onShowAccounts} />
      </InfoCard>
      <InfoCard title="By owner">
        <SimpleTable
          label="Golden path share by owner"
          head={['Owner', 'Accounts', 'Through the golden path', 'Share']}
          empty="No accounts yet."
          rows={adoption.byOwner.map(o => ({
            key: o.owner ?? '(none)',
            cells: [o.owner ?? 'No owner', o.total, o.golden, percent(o.share)],
          }))}
        />
      </InfoCard>
      <InfoCard title="Over time">
        <SimpleTable
          label="Golden path accounts over time"
          head={['Month', 'Created through the golden path', 'Cumulative']}
          empty="No account has come through the golden path yet."
          rows={adoption.overTime.map(m => ({
            key: m.month,
            cells: [m.month, m.added, m.cumulative],
          }))}
        />
      </InfoCard>
      <InfoCard title="Template versions in use">
        <SimpleTable
          label="Template versions in use"
          head={['Template', 'Version', 'Accounts', 'Last provisioned']}
          empty="No account has come through the golden path yet."
          rows={adoption.templates.map(t => ({
            key: `${t.templateRef}@${t.templateVersion ?? ''}`,
            cells: [
              t.templateRef,
              t.templateVersion ?? 'unversioned',
              t.accounts,
              t.lastRecordedAt.slice(0, 10),
            ],
          }))}
        />
      </InfoCard>
    </Box>
  );
}
