import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  FleetQuery,
  Grade,
  Severity,
} from '@pavedai/plugin-azure-openai-common';
import {
  Link as RouterLink,
  Route,
  Routes,
  useSearchParams,
} from 'react-router-dom';
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { useAsyncData } from '../../hooks/useAsyncData';
import { errorMessage } from '../../utils/errorMessage';
import { ExportButton } from '../ExportButton';
import { FleetAccountsTable } from '../FleetAccountsTable';
import { FleetControlRollup } from '../FleetControlRollup';
import { FleetOwnerRollup } from '../FleetOwnerRollup';
import { GoldenPathAdoption } from '../GoldenPathAdoption';
import { PolicyImpactPage } from '../PolicyImpactPage';
import { ApprovedWaiversList, WaiverRequestsList } from '../governance';

type View = 'accounts' | 'owners' | 'controls' | 'waivers' | 'adoption';

const VIEWS: readonly View[] = [
  'accounts',
  'owners',
  'controls',
  'waivers',
  'adoption',
];
const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const SORTS: ReadonlyArray<NonNullable<FleetQuery['sort']>> = [
  'score',
  'grade',
  'name',
  'evaluatedAt',
];

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T | undefined {
  return allowed.find(a => a === value);
}

function readBoolean(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Reads the view and the filters from the URL, so a fleet view can be shared. */
function readState(params: URLSearchParams): { view: View; query: FleetQuery } {
  const grade = (params.get('grade') ?? '')
    .split(',')
    .map(g => oneOf(g, GRADES))
    .filter((g): g is Grade => g !== undefined);
  return {
    view: oneOf(params.get('view'), VIEWS) ?? 'accounts',
    query: {
      owner: params.get('owner') || undefined,
      system: params.get('system') || undefined,
      failingControl: params.get('failingControl') || undefined,
      severity: oneOf(params.get('severity'), SEVERITIES),
      grade: grade.length > 0 ? grade : undefined,
      goldenPath: readBoolean(params.get('goldenPath')),
      sort: oneOf(params.get('sort'), SORTS) ?? 'score',
      order: params.get('order') === 'desc' ? 'desc' : 'asc',
    },
  };
}

function writeState(view: View, query: FleetQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (view !== 'accounts') params.set('view', view);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (key === 'sort' && value === 'score') continue;
    if (key === 'order' && value === 'asc') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

function Rollups(props: {
  view: 'owners' | 'controls';
  onShowAccounts: (patch: Partial<FleetQuery>) => void;
}) {
  const { view, onShowAccounts } = props;
  const api = useApi(azureOpenAIApiRef);
  const { value, error, retry } = useAsyncData(
    () => api.getFleetSummary(),
    [api],
  );
  if (error) {
    return (
      <Box>
        <WarningPanel
          severity="error"
          title="Could not load the fleet summary"
          message={errorMessage(error)}
        />
        <Button variant="outlined" onClick={retry}>
          Retry
        </Button>
      </Box>
    );
  }
  if (!value) return <Progress />;
  return view === 'owners' ? (
    <FleetOwnerRollup
      summary={value}
      onShowAccounts={owner => onShowAccounts({ owner })}
    />
  ) : (
    <FleetControlRollup
      summary={value}
      onShowAccounts={failingControl => onShowAccounts({ failingControl })}
    />
  );
}

/**
 * The fleet page: every Azure OpenAI account with its grade, roll-ups by owner and control, and
 * golden-path adoption; the policy impact preview at its sub-path `policy-impact`.
 *
 * @public
 */
export function AzureOpenAIFleetPage() {
  return (
    <Routes>
      <Route path="/" element={<FleetOverview />} />
      <Route path="/policy-impact" element={<PolicyImpactPage />} />
    </Routes>
  );
}

function FleetOverview() {
  const [params, setParams] = useSearchParams();
  // Each approval adds a waiver in force: the list below the requests reloads.
  const [decisions, setDecisions] = useState(0);
  const { view, query } = readState(params);
  const update = (nextView: View, nextQuery: FleetQuery) =>
    setParams(writeState(nextView, nextQuery), { replace: true });
  const showAccounts = (patch: Partial<FleetQuery>) =>
    update('accounts', { sort: query.sort, order: query.order, ...patch });
  return (
    <Page themeId="tool">
      <Header
        title="Azure OpenAI fleet"
        subtitle="Posture of every Azure OpenAI account against the golden path"
      >
        <Box display="flex" alignItems="center" gridGap={8}>
          <Button
            component={RouterLink}
            to="policy-impact"
            variant="outlined"
            color="inherit"
            size="small"
          >
            Policy impact
          </Button>
          <ExportButton
            color="inherit"
            scope={
              query.owner
                ? { type: 'owner', ownerRef: query.owner }
                : { type: 'fleet' }
            }
          />
        </Box>
      </Header>
      <Content>
        <Tabs
          value={view}
          onChange={(_, v: View) => update(v, query)}
          indicatorColor="primary"
          aria-label="Fleet views"
        >
          <Tab value="accounts" label="Accounts" />
          <Tab value="owners" label="By owner" />
          <Tab value="controls" label="By control" />
          <Tab value="waivers" label="Waiver requests" />
          <Tab value="adoption" label="Golden path adoption" />
        </Tabs>
        <Box mt={2} role="tabpanel">
          {view === 'accounts' && (
            <FleetAccountsTable
              query={query}
              onQueryChange={patch => update(view, { ...query, ...patch })}
            />
          )}
          {(view === 'owners' || view === 'controls') && (
            <Rollups view={view} onShowAccounts={showAccounts} />
          )}
          {view === 'waivers' && (
            <Box display="flex" flexDirection="column" gridGap={24}>
              <WaiverRequestsList
                query={{}}
                title="Waiting for a decision"
                onDecided={() => setDecisions(n => n + 1)}
              />
              <ApprovedWaiversList
                query={{}}
                title="Waivers in force"
                refreshKey={decisions}
              />
            </Box>
          )}
          {view === 'adoption' && (
            <GoldenPathAdoption onShowAccounts={showAccounts} />
          )}
        </Box>
      </Content>
    </Page>
  );
}
