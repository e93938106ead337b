import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  FleetItem,
  FleetQuery,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { fleetItem, mockApi } from '../../testUtils/fixtures';
import { GoldenPathAdoption } from './GoldenPathAdoption';

function item(name: string, golden: boolean, score = 90): FleetItem {
  return {
    ...fleetItem(name, score < 50 ? 'F' : 'A', score),
    goldenPath: golden
      ? {
          source: 'event',
          templateRef: 'template:default/secure-azure-openai-account',
          templateVersion: '1.2.0',
          taskId: `task-${name}`,
          policyVersion: '0123456789abcdef',
          recordedAt: '2026-11-27T09:00:00.000Z',
        }
      : undefined,
  };
}

const fleet = [
  item('aoai-chat-prod', true),
  item('aoai-chat-dev', true),
  item('aoai-search-legacy', false, 31.2),
];

function api(outside: FleetItem[], outsideTotal = outside.length) {
  return mockApi({
    listFleet: jest.fn(async (query: FleetQuery = {}) => {
      if (query.goldenPath === false) {
        return { items: outside, totalCount: outsideTotal };
      }
      return query.cursor
        ? { items: fleet.slice(2), totalCount: 3 }
        : { items: fleet.slice(0, 2), totalCount: 3, nextCursor: 'next' };
    }),
  });
}

describe('GoldenPathAdoption', () => {
  it('shows the share of the whole fleet (every page), by owner, over time and per template version', async () => {
    const theApi = api([fleet[2]]);
    await renderInTestApp(
      <TestApiProvider apis={[[azureOpenAIApiRef, theApi]]}>
        <GoldenPathAdoption onShowAccounts={jest.fn()} />
      </TestApiProvider>,
    );
    const share = await screen.findByRole('group', {
      name: 'Share of accounts through the golden path',
    });
    expect(share).toHaveTextContent(
      '66.7%2 of 3 accounts came through the golden path; 1 made outside it.',
    );
    const byOwner = screen.getByRole('table', {
      name: 'Golden path share by owner',
    });
    expect(
      within(byOwner).getByText('group:default/team-search').closest('tr'),
    ).toHaveTextContent('group:default/team-search3266.7%');
    const overTime = screen.getByRole('table', {
      name: 'Golden path accounts over time',
    });
    expect(
      within(overTime).getByText('2026-11').closest('tr'),
    ).toHaveTextContent('2026-1122');
    const templates = screen.getByRole('table', {
      name: 'Template versions in use',
    });
    expect(
      within(templates).getByText('1.2.0').closest('tr'),
    ).toHaveTextContent(
      'template:default/secure-azure-openai-account1.2.022026-11-27',
    );
  });

  it('lists the accounts outside the golden path with their grade, read with goldenPath=false', async () => {
    const onShowAccounts = jest.fn();
    const theApi = api([fleet[2]], 12);
    await renderInTestApp(
      <TestApiProvider apis={[[azureOpenAIApiRef, theApi]]}>
        <GoldenPathAdoption onShowAccounts={onShowAccounts} />
      </TestApiProvider>,
    );
    const outside = await screen.findByRole('table', {
      name: 'Accounts outside the golden path',
    });
    const row = within(outside).getByText('aoai-search-legacy').closest('tr')!;
    expect(within(row).getByRole('img', { name: 'Grade F' })).toBeVisible();
    expect(row).toHaveTextContent('31.2');
    expect(within(outside).queryByText('aoai-chat-prod')).toBeNull();
    expect(theApi.listFleet).toHaveBeenCalledWith(
      expect.objectContaining({
        goldenPath: false,
        sort: 'score',
        order: 'asc',
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 12 in the accounts view' }),
    );
    expect(onShowAccounts).toHaveBeenCalledWith({ goldenPath: false });
  });

  it('says so when every account came through the golden path', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[azureOpenAIApiRef, api([])]]}>
        <GoldenPathAdoption onShowAccounts={jest.fn()} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Every account came through the golden path.'),
    ).toBeVisible();
  });
});
