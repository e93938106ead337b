import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  WaiverRecord,
  WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';
import type { ReactNode } from 'react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { GovernanceQuery } from '../../api/AzureOpenAIApi';
import { useAsyncData, type AsyncData } from '../../hooks/useAsyncData';
import { controlTitle } from '../../utils/presentation';
import { PostureLoadError } from '../PostureLoadError';
import { newestFirst } from './data';
import { scopeLabel } from './format';

/** The waivers of one status, newest first, and who is signed in (lower case). */
export interface WaiverListData {
  waivers: WaiverRecord[];
  me: string;
}

/**
 * Loads the waivers of `status` matching `query` (again when `refreshKey` changes), newest first
 * by `at`, with the signed-in user's ref.
 */
export function useWaiverList(
  query: GovernanceQuery,
  status: WaiverStatus,
  refreshKey: unknown,
  at: (waiver: WaiverRecord) => string,
): AsyncData<WaiverListData> {
  const api = useApi(azureOpenAIApiRef);
  const identityApi = useApi(identityApiRef);
  const key = JSON.stringify(query);
  return useAsyncData(async () => {
    const [waivers, identity] = await Promise.all([
      api.listWaivers({ ...(JSON.parse(key) as GovernanceQuery), status }),
      identityApi.getBackstageIdentity(),
    ]);
    return {
      waivers: newestFirst(
        waivers.items.filter(w => w.status === status),
        at,
      ),
      me: identity.userEntityRef.toLocaleLowerCase('en-US'),
    };
    // `at` is a pure ordering: a new function at each render must not reload
  }, [api, identityApi, key, status, refreshKey]);
}

/**
 * What a waiver list shows instead of its table: the error (with retry), the progress, or the
 * empty text; nothing at all with `hideWhenEmpty` while loading or when empty. `undefined` when
 * there are waivers to show.
 */
export function waiverListPlaceholder(
  state: AsyncData<WaiverListData>,
  options: {
    hideWhenEmpty?: boolean;
    errorTitle: string;
    loadingLabel: string;
    empty: string;
  },
): ReactNode | undefined {
  const { value, error, retry } = state;
  if (error) {
    return (
      <PostureLoadError
        error={error}
        onRetry={retry}
        title={options.errorTitle}
      />
    );
  }
  if (!value) {
    return options.hideWhenEmpty ? null : (
      <Progress aria-label={options.loadingLabel} />
    );
  }
  if (value.waivers.length === 0) {
    return options.hideWhenEmpty ? null : (
      <Typography variant="body1">{options.empty}</Typography>
    );
  }
  return undefined;
}

/** The entity (a link, "every account") or the account a waiver covers. */
export function ScopeCell(props: { waiver: WaiverRecord }) {
  const { scope } = props.waiver;
  if (scope.type === 'entity') {
    return (
      <>
        <EntityRefLink entityRef={scope.entityRef} />
        <Typography variant="body2" color="textSecondary">
          every account
        </Typography>
      </>
    );
  }
  return (
    <Typography variant="body2" title={scope.resourceId}>
      {scopeLabel(scope)}
    </Typography>
  );
}

/** A column of a {@link WaiverTable} after the scope and the control. */
export interface WaiverColumn {
  head: string;
  cell: (waiver: WaiverRecord) => ReactNode;
}

/** Waivers as a table: entity or account, control, then the given columns. */
export function WaiverTable(props: {
  label: string;
  waivers: WaiverRecord[];
  columns: WaiverColumn[];
}) {
  const { label, waivers, columns } = props;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Entity / account</TableCell>
          <TableCell>Control</TableCell>
          {columns.map(c => (
            <TableCell key={c.head}>{c.head}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {waivers.map(waiver => (
          <TableRow key={waiver.id}>
            <TableCell>
              <ScopeCell waiver={waiver} />
            </TableCell>
            <TableCell>
              {controlTitle(waiver.controlId)} ({waiver.controlId})
            </TableCell>
            {columns.map(c => (
              <TableCell key={c.head}>{c.cell(waiver)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
