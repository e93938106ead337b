import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { AzureOpenAIApi } from '../../api/AzureOpenAIApi';
import type { Scan } from '@pavedai/plugin-azure-openai-common';
import {
  account,
  componentEntity,
  entityPosture,
  insecurePosture,
  linked,
  mockApi,
  result,
} from '../../testUtils/fixtures';
import { EntityAzureOpenAICard } from './EntityAzureOpenAICard';

function renderCard(
  api: AzureOpenAIApi,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  entity = componentEntity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [azureOpenAIApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize })],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityAzureOpenAICard pollIntervalMs={1} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const scan = (status: Scan['status'], done = 0): Scan => ({
  id: '22222222-2222-4222-8222-222222222222',
  trigger: 'manual',
  target: {
    type: 'accounts',
    entityRef: 'component:default/search-api',
    resourceIds: [account('aoai-search-legacy').resourceId],
  },
  status,
  createdAt: '2026-01-01T00:00:00Z',
  accountsTotal: 1,
  accountsDone: done,
  accountsFailed: 0,
});

describe('EntityAzureOpenAICard', () => {
  it('shows grade, score, counts and the failing controls, most severe first', async () => {
    const api = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
    });
    await renderCard(api);

    expect(await screen.findByRole('img', { name: 'Grade F' })).toBeVisible();
    expect(api.getEntityPosture).toHaveBeenCalledWith(
      'component:default/search-api',
    );
    expect(screen.getByText('Score 41.5 / 100')).toBeInTheDocument();
    expect(screen.getByText('Fail: 4')).toBeInTheDocument();
    expect(screen.getByText('Attestation needed: 1')).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'Top failing controls' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringMatching(
        /^Critical.*Public network access disabled.*publicNetworkAccess is Enabled\./,
      ),
      expect.stringMatching(/^Critical.*API keys disabled/),
      expect.stringMatching(/^High.*Private endpoint connected/),
      expect.stringMatching(/^Low.*Alert on account configuration changes/),
    ]);
    expect(screen.getByText('3 minutes ago')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /All controls and remediation/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/search-api/azure-openai',
    );
  });

  it('shows a progress indicator while loading', async () => {
    const api = mockApi({
      getEntityPosture: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderCard(api);
    expect(screen.getByText('Azure OpenAI posture')).toBeInTheDocument();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /^Grade/ })).toBeNull();
  });

  it('shows an error with a retry that loads again', async () => {
    const api = mockApi({
      getEntityPosture: jest
        .fn()
        .mockRejectedValueOnce(new Error('backend down'))
        .mockResolvedValueOnce(insecurePosture),
    });
    await renderCard(api);

    expect(await screen.findByText('backend down')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('img', { name: 'Grade F' })).toBeVisible();
  });

  it('explains the annotation and the template when no account is linked', async () => {
    const api = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(entityPosture([])),
    });
    await renderCard(api);

    expect(
      await screen.findByText(/No Azure OpenAI account is linked/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('management.azure.com/resourceId'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'golden-path template' }),
    ).toHaveAttribute('href', '/create');
    expect(
      screen.queryByRole('button', { name: 'Scan now' }),
    ).not.toBeInTheDocument();
  });

  it('says when the linked account was never scanned', async () => {
    const posture = entityPosture([]);
    posture.unscanned = [{ resourceId: '/subscriptions/x', linkedBy: [] }];
    const api = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(posture),
    });
    await renderCard(api);

    expect(
      await screen.findByText('The linked account has not been scanned yet.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Scan now' })).toBeEnabled();
  });

  it('hides Scan now from users the policy does not allow to scan', async () => {
    const api = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
    });
    // usePermission caches decisions per resource: use an entity no other test asked about.
    await renderCard(api, AuthorizeResult.DENY, {
      ...componentEntity,
      metadata: { name: 'no-scan-for-you', namespace: 'default' },
    });

    expect(await screen.findByRole('img', { name: 'Grade F' })).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Scan now' }),
    ).not.toBeInTheDocument();
  });

  it('scans, shows progress and refreshes the grade without a reload', async () => {
    const fixed = entityPosture([
      linked('aoai-search-legacy', [result('AOAI-NET-002', 'pass')], 'B', 85),
    ]);
    let resolveScan: (s: Scan) => void = () => {};
    const api = mockApi({
      getEntityPosture: jest
        .fn()
        .mockResolvedValueOnce(insecurePosture)
        .mockResolvedValue(fixed),
      createScan: jest.fn().mockResolvedValue(scan('queued')),
      getScan: jest.fn(
        () =>
          new Promise<Scan>(resolve => {
            resolveScan = resolve;
          }),
      ),
    });
    await renderCard(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Scan now' }),
    );
    expect(api.createScan).toHaveBeenCalledWith({
      entityRef: 'component:default/search-api',
    });
    expect(
      await screen.findByText('Scan in progress: 0 of 1 accounts'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Scanning…' })).toBeDisabled();

    await waitFor(() => expect(api.getScan).toHaveBeenCalled());
    resolveScan(scan('completed', 1));

    expect(await screen.findByRole('img', { name: 'Grade B' })).toBeVisible();
    expect(api.getScan).toHaveBeenCalledWith(
      '22222222-2222-4222-8222-222222222222',
    );
    expect(screen.getByRole('button', { name: 'Scan now' })).toBeEnabled();
  });

  it('reports a failed scan', async () => {
    const api = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
      createScan: jest.fn().mockResolvedValue(scan('queued')),
      getScan: jest
        .fn()
        .mockResolvedValue({ ...scan('failed'), error: 'ARM said no' }),
    });
    await renderCard(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Scan now' }),
    );
    expect(await screen.findByText('ARM said no')).toBeInTheDocument();
  });
});
