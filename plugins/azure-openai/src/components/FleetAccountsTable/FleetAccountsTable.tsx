import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Table, TableColumn, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type {
  FleetItem,
  FleetQuery,
} from '@pavedai/plugin-azure-openai-common';
import { useAccountEntities } from '../../hooks/useAccountEntities';
import { useAsyncData } from '../../hooks/useAsyncData';
import { errorMessage } from '../../utils/errorMessage';
import { GradeBadge } from '../GradeBadge';
import { RelativeTime } from '../RelativeTime';
import { FleetFilters } from './FleetFilters';

/** Props of {@link FleetAccountsTable}. */
export interface FleetAccountsTableProps {
  /** Filters (without paging); the table keeps its own cursor. */
  query: FleetQuery;
  onQueryChange: (patch: Partial<FleetQuery>) => void;
  pageSize?: number;
}

const useStyles = makeStyles({
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * A short visible column title whose accessible name says what is counted, for example
 * "Critical" read as "Critical failing controls".
 */
function CountTitle(props: { label: string; hiddenClass: string }) {
  return (
    <span>
      <span aria-hidden="true">{props.label}</span>
      <span className={props.hiddenClass}>
        {`${props.label} failing controls`}
      </span>
    </span>
  );
}

function columns(
  entities: Map<string, string>,
  hiddenClass: string,
): TableColumn<FleetItem>[] {
  return [
    {
      title: 'Account',
      field: 'account.name',
      render: item => {
        const ref = entities.get(
          item.account.resourceId.toLocaleLowerCase('en-US'),
        );
        return ref ? (
          <EntityRefLink entityRef={ref} title={item.account.name} />
        ) : (
          item.account.name
        );
      },
    },
    {
      title: 'Grade',
      field: 'latest.grade',
      render: item =>
        item.latest ? (
          <GradeBadge grade={item.latest.grade} size="small" />
        ) : (
          'Never scanned'
        ),
    },
    {
      title: 'Score',
      field: 'latest.score',
      render: item => item.latest?.score.toFixed(1) ?? '–',
    },
    {
      title: 'Owner',
      field: 'account.owner',
      render: item =>
        item.account.owner ? (
          <EntityRefLink entityRef={item.account.owner} />
        ) : (
          '–'
        ),
    },
    {
      title: 'System',
      field: 'account.system',
      render: item =>
        item.account.system ? (
          <EntityRefLink entityRef={item.account.system} />
        ) : (
          '–'
        ),
    },
    { title: 'Subscription', field: 'account.subscriptionId' },
    { title: 'Region', field: 'account.location' },
    {
      title: 'Failing',
      field: 'latest.failingCount',
      render: item => item.latest?.failingCount ?? '–',
    },
    {
      title: <CountTitle label="Critical" hiddenClass={hiddenClass} />,
      field: 'latest.failingBySeverity.critical',
      render: item => item.latest?.failingBySeverity.critical ?? '–',
    },
    {
      title: <CountTitle label="High" hiddenClass={hiddenClass} />,
      field: 'latest.failingBySeverity.high',
      render: item => item.latest?.failingBySeverity.high ?? '–',
    },
    {
      title: 'Unknown',
      field: 'latest.unknownCount',
      render: item => item.latest?.unknownCount ?? '–',
    },
    {
      title: 'Last scan',
      field: 'latest.evaluatedAt',
      render: item =>
        item.latest ? (
          <RelativeTime timestamp={item.latest.evaluatedAt} />
        ) : (
          '–'
        ),
    },
  ];
}

/** Every account with its latest posture; the backend filters, sorts and pages. */
export function FleetAccountsTable(props: FleetAccountsTableProps) {
  const { query, onQueryChange, pageSize = 20 } = props;
  const api = useApi(azureOpenAIApiRef);
  const classes = useStyles();
  // Cursors of the pages before the current one; the last entry is the current page's cursor.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];
  const queryKey = JSON.stringify(query);
  const { value, loading, error, retry } = useAsyncData(
    () => api.listFleet({ ...query, limit: pageSize, cursor }),
    [api, queryKey, cursor, pageSize],
  );
  const entities = useAccountEntities(
    value?.items.map(i => i.account.resourceId) ?? [],
  );

  const change = (patch: Partial<FleetQuery>) => {
    setCursors([undefined]);
    onQueryChange(patch);
  };
  const page = cursors.length;

  return (
    <Box>
      <FleetFilters query={query} onChange={change} />
      {error ? (
        <Box>
          <WarningPanel
            severity="error"
            title="Could not load the fleet"
            message={errorMessage(error)}
          />
          <Button variant="outlined" onClick={retry}>
            Retry
          </Button>
        </Box>
      ) : (
        <Table<FleetItem>
          title={value ? `Accounts (${value.totalCount})` : 'Accounts'}
          isLoading={loading}
          columns={columns(entities, classes.visuallyHidden)}
          data={value?.items ?? []}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={
            <Box p={2}>
              <Typography>No account matches these filters.</Typography>
            </Box>
          }
        />
      )}
      <Box
        display="flex"
        justifyContent="flex-end"
        alignItems="center"
        gridGap={16}
        mt={1}
      >
        <Typography variant="body2" aria-live="polite">
          Page {page}
        </Typography>
        <Button
          size="small"
          disabled={page === 1 || loading}
          onClick={() => setCursors(c => c.slice(0, -1))}
        >
          Previous page
        </Button>
        <Button
          size="small"
          disabled={!value?.nextCursor || loading}
          onClick={() => setCursors(c => [...c, value?.nextCursor])}
        >
          Next page
        </Button>
      </Box>
    </Box>
  );
}
