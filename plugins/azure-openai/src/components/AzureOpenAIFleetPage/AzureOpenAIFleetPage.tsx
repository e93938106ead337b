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
import { useState } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { FleetQuery } from '../../api/types';
import { useAsyncData } from '../../hooks/useAsyncData';
import { errorMessage } from '../../utils/errorMessage';
import { FleetAccountsTable } from '../FleetAccountsTable';
import { FleetControlRollup } from '../FleetControlRollup';
import { FleetOwnerRollup } from '../FleetOwnerRollup';

type View = 'accounts' | 'owners' | 'controls';

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
 * The fleet page: every Azure OpenAI account with its grade, and roll-ups by owner and control.
 *
 * @public
 */
export function AzureOpenAIFleetPage() {
  const [view, setView] = useState<View>('accounts');
  const [query, setQuery] = useState<FleetQuery>({
    sort: 'score',
    order: 'asc',
  });
  const showAccounts = (patch: Partial<FleetQuery>) => {
    setQuery({ sort: query.sort, order: query.order, ...patch });
    setView('accounts');
  };
  return (
    <Page themeId="tool">
      <Header
        title="Azure OpenAI fleet"
        subtitle="Posture of every Azure OpenAI account against the golden path"
      />
      <Content>
        <Tabs
          value={view}
          onChange={(_, v) => setView(v)}
          indicatorColor="primary"
          aria-label="Fleet views"
        >
          <Tab value="accounts" label="Accounts" />
          <Tab value="owners" label="By owner" />
          <Tab value="controls" label="By control" />
        </Tabs>
        <Box mt={2} role="tabpanel">
          {view === 'accounts' && (
            <FleetAccountsTable
              query={query}
              onQueryChange={patch => setQuery(q => ({ ...q, ...patch }))}
            />
          )}
          {view !== 'accounts' && (
            <Rollups view={view} onShowAccounts={showAccounts} />
          )}
        </Box>
      </Content>
    </Page>
  );
}
