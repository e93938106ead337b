import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { AzureOpenAIApi } from '../../api/AzureOpenAIApi';
import type {
  FleetItem,
  FleetSummary,
} from '@pavedai/plugin-azure-openai-common';
import { account, fleetItem as item, mockApi } from '../../testUtils/fixtures';
import {
  LEAD,
  renderWithGovernance,
  waiver,
} from '../governance/__testUtils__/governance';
import { AzureOpenAIFleetPage } from './AzureOpenAIFleetPage';

function neverScanned(name: string): FleetItem {
  return { account: account(name), scanState: 'never-scanned' };
}

/** A `listFleet` mock that answers one page of `items`. */
function listFleetOf(items: FleetItem[], totalCount = items.length) {
  return jest.fn().mockResolvedValue({ items, totalCount });
}

const summary: FleetSummary = {
  total: {
    accountCount: 2,
    score: 60,
    worstGrade: 'F',
    grades: { A: 1, B: 0, C: 0, D: 0, F: 1 },
    earnedWeight: 60,
    scoredWeight: 100,
  },
  byOwner: [],
  bySystem: [],
  byOwnerNested: [
    {
      owner: 'group:default/engineering',
      descendantOwners: ['group:default/team-search'],
      accountCount: 2,
      score: 60,
      worstGrade: 'F',
      grades: { A: 1, B: 0, C: 0, D: 0, F: 1 },
      earnedWeight: 60,
      scoredWeight: 100,
    },
  ],
  byControl: [
    { controlId: 'AOAI-IAM-001', severity: 'critical', failing: 1, unknown: 0 },
    { controlId: 'AOAI-NET-002', severity: 'critical', failing: 2, unknown: 0 },
    { controlId: 'AOAI-LOG-001', severity: 'high', failing: 0, unknown: 0 },
  ],
};

/** An API whose fleet list is `listFleet` and whose fleet summary is {@link summary}. */
function summaryApi(listFleet: jest.Mock) {
  return mockApi({
    listFleet,
    getFleetSummary: jest.fn().mockResolvedValue(summary),
  });
}

function renderPage(api: AzureOpenAIApi, path = '/') {
  return renderPageWithCatalog(api, path).rendered;
}

function renderPageWithCatalog(api: AzureOpenAIApi, path = '/') {
  const catalogApi = catalogApiMock.mock({
    getEntities: jest.fn().mockResolvedValue({
      items: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'aoai-search-legacy',
            namespace: 'default',
            annotations: {
              // the catalog matches annotation values case-insensitively
              'management.azure.com/resourceId':
                account('aoai-search-legacy').resourceId.toUpperCase(),
            },
          },
          spec: { type: 'azure-openai-account' },
        },
      ],
    }),
  });
  const rendered = renderInTestApp(
    <TestApiProvider
      apis={[
        [azureOpenAIApiRef, api],
        [catalogApiRef, catalogApi],
      ]}
    >
      <AzureOpenAIFleetPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { rendered, catalogApi };
}

const filters = () =>
  within(screen.getByRole('group', { name: 'Filter accounts' }));

describe('AzureOpenAIFleetPage', () => {
  it('lists accounts with grade, owner and a link to the catalog entity', async () => {
    const api = mockApi({
      listFleet: listFleetOf([
        item('aoai-search-legacy', 'F', 31.2),
        item('aoai-chat-prod', 'A', 97),
      ]),
    });
    const { rendered, catalogApi } = renderPageWithCatalog(api);
    await rendered;

    expect(await screen.findByText('Accounts (2)')).toBeInTheDocument();
    await waitFor(() =>
      expect(catalogApi.getEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: [
            {
              'metadata.annotations.management.azure.com/resourceId':
                account('aoai-search-legacy').resourceId,
            },
            {
              'metadata.annotations.management.azure.com/resourceId':
                account('aoai-chat-prod').resourceId,
            },
          ],
        }),
      ),
    );
    expect(api.listFleet).toHaveBeenCalledWith({
      sort: 'score',
      order: 'asc',
      limit: 20,
      cursor: undefined,
    });
    const legacyRow = screen.getByText('31.2').closest('tr')!;
    expect(
      within(legacyRow).getByRole('img', { name: 'Grade F' }),
    ).toBeVisible();
    expect(
      await within(legacyRow).findByRole('link', {
        name: /aoai-search-legacy/,
      }),
    ).toHaveAttribute('href', '/catalog/default/resource/aoai-search-legacy');
    const chatRow = screen.getByText('97.0').closest('tr')!;
    expect(within(chatRow).getByText('aoai-chat-prod')).toBeInTheDocument();
    expect(
      within(chatRow).queryByRole('link', { name: 'aoai-chat-prod' }),
    ).toBeNull();
  });

  it('shows the failing critical and high counts of each account in their own columns', async () => {
    await renderPage(
      mockApi({
        listFleet: listFleetOf([
          item('aoai-search-legacy', 'F', 31.2),
          item('aoai-chat-prod', 'A', 97),
          neverScanned('aoai-new'),
        ]),
      }),
    );
    expect(await screen.findByText('Accounts (3)')).toBeInTheDocument();

    const headers = screen.getAllByRole('columnheader');
    const column = (name: string) => {
      const header = screen.getByRole('columnheader', { name });
      return headers.indexOf(header);
    };
    const critical = column('Critical failing controls');
    const high = column('High failing controls');
    const failing = column('Failing');
    const unknown = column('Unknown');
    expect(critical).toBeGreaterThan(failing);
    expect(high).toBe(critical + 1);
    expect(unknown).toBe(high + 1);

    const cells = (name: string) =>
      within(screen.getByText(name).closest('tr')!)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    const legacy = cells('aoai-search-legacy');
    expect(legacy[failing]).toBe('7');
    expect(legacy[critical]).toBe('2');
    expect(legacy[high]).toBe('3');
    expect(legacy[unknown]).toBe('1');
    const prod = cells('aoai-chat-prod');
    expect(prod[critical]).toBe('0');
    expect(prod[high]).toBe('0');
    const unscanned = cells('aoai-new');
    expect(unscanned[critical]).toBe('–');
    expect(unscanned[high]).toBe('–');
  });

  it('takes the view and the filters from the URL, so views can be shared', async () => {
    const listFleet = listFleetOf([]);
    await renderPage(
      mockApi({ listFleet }),
      '/?grade=D,F,X&sort=name&order=desc&failingControl=AOAI-NET-002',
    );
    await waitFor(() =>
      expect(listFleet).toHaveBeenCalledWith(
        expect.objectContaining({
          grade: ['D', 'F'],
          sort: 'name',
          order: 'desc',
          failingControl: 'AOAI-NET-002',
        }),
      ),
    );
  });

  it('opens the view named in the URL', async () => {
    await renderPage(
      mockApi({ getFleetSummary: jest.fn().mockResolvedValue(summary) }),
      '/?view=controls',
    );
    expect(screen.getByRole('tab', { name: 'By control' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByText('By control: what fails most across the fleet'),
    ).toBeInTheDocument();
  });

  it('lists discovered accounts that were never scanned', async () => {
    await renderPage(
      mockApi({ listFleet: listFleetOf([neverScanned('aoai-new')]) }),
    );
    const row = (await screen.findByText('Never scanned')).closest('tr')!;
    expect(within(row).getByText('aoai-new')).toBeInTheDocument();
    expect(within(row).queryByRole('img', { name: /^Grade/ })).toBeNull();
  });

  it('sends filters and sorting to the backend and pages with the cursor', async () => {
    const listFleet = jest
      .fn()
      .mockResolvedValueOnce({
        items: [item('a', 'F', 10)],
        totalCount: 3,
        nextCursor: 'page-2',
      })
      .mockResolvedValue({ items: [item('b', 'F', 20)], totalCount: 1 });
    await renderPage(mockApi({ listFleet }));

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: 'page-2' }),
      ),
    );
    expect(await screen.findByText('Page 2')).toBeInTheDocument();

    await userEvent.click(filters().getByRole('button', { name: /Grade/ }));
    await userEvent.click(screen.getByRole('option', { name: 'F' }));
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith({
        sort: 'score',
        order: 'asc',
        grade: ['F'],
        limit: 20,
        cursor: undefined,
      }),
    );
    expect(await screen.findByText('Accounts (1)')).toBeInTheDocument();
    expect(screen.getByText('Page 1')).toBeInTheDocument();

    await userEvent.click(filters().getByRole('button', { name: /Sort by/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Name' }));
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'name', grade: ['F'] }),
      ),
    );
  });

  it('shows which controls fail most and filters the accounts by one', async () => {
    const listFleet = listFleetOf([]);
    await renderPage(summaryApi(listFleet));
    await userEvent.click(screen.getByRole('tab', { name: 'By control' }));

    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual([
      'Public network access disabled (AOAI-NET-002)',
      'API keys disabled; Microsoft Entra ID only (AOAI-IAM-001)',
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show accounts failing AOAI-NET-002',
      }),
    );
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ failingControl: 'AOAI-NET-002' }),
      ),
    );
    expect(screen.getByRole('tab', { name: 'Accounts' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('rolls the fleet up by owner including sub-teams', async () => {
    const listFleet = listFleetOf([]);
    await renderPage(summaryApi(listFleet));
    await userEvent.click(screen.getByRole('tab', { name: 'By owner' }));

    const row = (await screen.findByText('60.0')).closest('tr')!;
    expect(within(row).getByText(/engineering/)).toBeInTheDocument();
    expect(within(row).getByText(/team-search/)).toBeInTheDocument();
    expect(within(row).getByText('A: 1, F: 1')).toBeInTheDocument();
    await userEvent.click(
      within(row).getByRole('button', { name: /Show accounts of/ }),
    );
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ owner: 'group:default/engineering' }),
      ),
    );
  });

  it('shows a backend error with a retry', async () => {
    const listFleet = jest
      .fn()
      .mockRejectedValueOnce(new Error('fleet is down'))
      .mockResolvedValue({ items: [], totalCount: 0 });
    await renderPage(mockApi({ listFleet }));
    expect(await screen.findByText('fleet is down')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('No account matches these filters.'),
    ).toBeInTheDocument();
  });

  it('lists every pending waiver request for approvers in its own view', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({
        items: [
          waiver(),
          waiver({
            id: 'w-2',
            controlId: 'AOAI-IAM-001',
            scope: {
              type: 'entity',
              entityRef: 'component:default/support-chatbot',
            },
            requestedBy: 'user:default/alex.chat',
          }),
        ],
      }),
    });
    await renderWithGovernance(<AzureOpenAIFleetPage />, {
      api,
      user: LEAD,
      routeEntries: ['/?view=waivers'],
    });
    expect(
      screen.getByRole('tab', { name: 'Waiver requests' }),
    ).toHaveAttribute('aria-selected', 'true');

    const table = await screen.findByRole('table', { name: 'Waiver requests' });
    expect(api.listWaivers).toHaveBeenCalledWith({ status: 'requested' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('aoai-search-legacy');
    expect(rows[0]).toHaveTextContent('sam.search');
    expect(rows[0]).toHaveTextContent('The VNet migration lands in March.');
    expect(rows[0]).toHaveTextContent('1 Mar 2027');
    expect(rows[1]).toHaveTextContent('support-chatbot');
    expect(
      within(table).getAllByRole('button', { name: 'Approve' }),
    ).toHaveLength(2);
  });

  it('filters on the golden path from the filter row and from the URL', async () => {
    const listFleet = listFleetOf([item('aoai-search-legacy', 'F', 31.2)]);
    await renderPage(mockApi({ listFleet }), '/?goldenPath=false');
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ goldenPath: false }),
      ),
    );

    await userEvent.click(
      filters().getByRole('button', { name: /Golden path/ }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: 'Through the golden path' }),
    );
    await waitFor(() =>
      expect(listFleet).toHaveBeenLastCalledWith(
        expect.objectContaining({ goldenPath: true }),
      ),
    );
  });

  it('shows golden-path adoption in its own view', async () => {
    const golden = {
      ...item('aoai-chat-prod', 'A', 97),
      goldenPath: {
        source: 'event' as const,
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.2.0',
        taskId: 'task-1',
        recordedAt: '2026-11-27T09:00:00.000Z',
      },
    };
    const outside = item('aoai-search-legacy', 'F', 31.2);
    const listFleet = jest.fn(async (query: { goldenPath?: boolean }) =>
      query.goldenPath === false
        ? { items: [outside], totalCount: 1 }
        : { items: [golden, outside], totalCount: 2 },
    );
    await renderPage(mockApi({ listFleet }));
    await userEvent.click(
      screen.getByRole('tab', { name: 'Golden path adoption' }),
    );
    expect(
      await screen.findByRole('group', {
        name: 'Share of accounts through the golden path',
      }),
    ).toHaveTextContent('50%1 of 2 accounts came through the golden path');
    const table = await screen.findByRole('table', {
      name: 'Accounts outside the golden path',
    });
    expect(table).toHaveTextContent('aoai-search-legacy');
  });

  it('opens the policy impact preview from the header', async () => {
    await renderPage(mockApi({ listFleet: listFleetOf([]) }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Policy impact' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Golden-path policy impact' }),
    ).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Preview impact' }),
    ).toBeEnabled();
    await userEvent.click(
      screen.getByRole('link', { name: 'Back to the fleet' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Azure OpenAI fleet' }),
    ).toBeVisible();
  });
});
