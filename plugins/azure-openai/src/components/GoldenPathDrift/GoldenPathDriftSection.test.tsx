import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import type { GoldenPathDrift } from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { AzureOpenAIApi } from '../../api/AzureOpenAIApi';
import { account, mockApi } from '../../testUtils/fixtures';
import {
  GoldenPathDriftSection,
  type GoldenPathDriftSectionProps,
} from './GoldenPathDriftSection';

const goldenAccount = {
  ...account('aoai-chat-prod'),
  tags: {
    'backstage.io-template': 'template:default/secure-azure-openai-account',
    'backstage.io-task-id': 'task-1',
  },
};

function drift(items: GoldenPathDrift['items']): GoldenPathDrift {
  return {
    accountId: goldenAccount.id,
    resourceId: goldenAccount.resourceId,
    goldenPath: {
      source: 'event',
      templateRef: 'template:default/secure-azure-openai-account',
      templateVersion: '1.2.0',
      taskId: 'task-1',
      policyVersion: '0123456789abcdef',
      recordedAt: '2026-11-27T09:00:00.000Z',
    },
    policyVersion: '0123456789abcdef',
    evidenceCollectedAt: '2026-11-28T10:00:00.000Z',
    items,
  };
}

async function notFound(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No golden-path inputs recorded for this account',
        },
        request: { method: 'GET', url: '/accounts/x/drift' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

async function renderSection(
  api: AzureOpenAIApi,
  theAccount: GoldenPathDriftSectionProps['account'] = goldenAccount,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[azureOpenAIApiRef, api]]}>
      <GoldenPathDriftSection account={theAccount} />
    </TestApiProvider>,
  );
}

describe('GoldenPathDriftSection', () => {
  it('lists each drifted field with desired, actual and since', async () => {
    const getAccountDrift = jest.fn().mockResolvedValue(
      drift([
        {
          resource: goldenAccount.resourceId,
          field: 'properties.publicNetworkAccess',
          desired: 'Disabled',
          actual: 'Enabled',
          since: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString(),
        },
        {
          resource: `${goldenAccount.resourceId}/deployments/chat`,
          field: 'sku.capacity',
          desired: 50,
          actual: 120,
          since: new Date(Date.now() - 60 * 1000).toISOString(),
        },
      ]),
    );
    await renderSection(mockApi({ getAccountDrift }));
    const table = await screen.findByRole('table', {
      name: 'Drift of aoai-chat-prod from the golden path',
    });
    expect(getAccountDrift).toHaveBeenCalledWith(goldenAccount.id);
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = rows.map(r =>
      within(r)
        .getAllByRole('cell')
        .slice(0, 4)
        .map(c => c.textContent),
    );
    expect(cells).toEqual([
      ['account', 'properties.publicNetworkAccess', 'Disabled', 'Enabled'],
      ['deployments/chat', 'sku.capacity', '50', '120'],
    ]);
    expect(within(rows[0]).getByText('2 hours ago')).toBeVisible();
    expect(
      screen.getByText(
        /Built from template:default\/secure-azure-openai-account 1\.2\.0/,
      ),
    ).toBeVisible();
  });

  it('says the account matches when nothing drifted', async () => {
    await renderSection(
      mockApi({ getAccountDrift: jest.fn().mockResolvedValue(drift([])) }),
    );
    expect(await screen.findByText(/^Matches the golden path/)).toBeVisible();
  });

  it('shows nothing for an account made outside the golden path', async () => {
    const getAccountDrift = jest.fn().mockRejectedValue(await notFound());
    await renderSection(mockApi({ getAccountDrift }), {
      ...account('aoai-search-legacy'),
      tags: { env: 'prod' },
    });
    await waitFor(() => expect(getAccountDrift).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.queryByRole('progressbar')).not.toBeInTheDocument(),
    );
    expect(screen.queryByText('Drift from the golden path')).toBeNull();
  });

  it('explains a missing report of an account tagged as golden path', async () => {
    await renderSection(
      mockApi({
        getAccountDrift: jest.fn().mockRejectedValue(await notFound()),
      }),
    );
    expect(
      await screen.findByText(
        'No drift report yet: No golden-path inputs recorded for this account',
      ),
    ).toBeVisible();
    expect(screen.getByText('Drift from the golden path')).toBeVisible();
  });
});
