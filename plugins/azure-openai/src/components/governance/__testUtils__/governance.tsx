import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EvaluatePermissionRequest } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { WaiverRecord } from '@pavedai/plugin-azure-openai-common';
import type { ReactNode } from 'react';
import { azureOpenAIApiRef } from '../../../api/AzureOpenAIApi';
import type { AzureOpenAIApi } from '../../../api/AzureOpenAIApi';
import { account } from '../../../testUtils/fixtures';
import type { GovernanceTarget } from '../dialogParts';

export const SAM = 'user:default/sam.search';
export const LEAD = 'user:default/platform.lead';

export const target: GovernanceTarget = {
  entityRef: 'component:default/search-api',
  account: account('aoai-search-legacy'),
  controlId: 'AOAI-NET-002',
};

export function waiver(overrides: Partial<WaiverRecord> = {}): WaiverRecord {
  return {
    id: 'w-1',
    controlId: 'AOAI-NET-002',
    scope: { type: 'account', resourceId: target.account.resourceId },
    reason: 'The VNet migration lands in March.',
    riskAccepted: 'The endpoint is reachable from the internet.',
    compensatingControl: 'IP allowlist on the account.',
    expiresAt: '2027-03-01T00:00:00.000Z',
    status: 'requested',
    requestedBy: SAM,
    requestedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * Allows exactly the named permissions (all of them when `allowed` is omitted), as the
 * backend's policy would answer.
 */
export function permissions(allowed?: readonly string[]) {
  return mockApis.permission({
    authorize: (request: EvaluatePermissionRequest) =>
      !allowed || allowed.includes(request.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
}

/** Renders with the API, the permission policy and the signed-in user. */
export function renderWithGovernance(
  children: ReactNode,
  options: {
    api: AzureOpenAIApi;
    allowed?: readonly string[];
    user?: string;
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [azureOpenAIApiRef, options.api],
        [permissionApiRef, permissions(options.allowed)],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: options.user ?? SAM }),
        ],
      ]}
    >
      {children}
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: options.routeEntries,
    },
  );
}
