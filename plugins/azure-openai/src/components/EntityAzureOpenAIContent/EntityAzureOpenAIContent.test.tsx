import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { AzureOpenAIApi } from '../../api/AzureOpenAIApi';
import {
  componentEntity,
  entityPosture,
  insecurePosture,
  mockApi,
} from '../../testUtils/fixtures';
import { EntityAzureOpenAIContent } from './EntityAzureOpenAIContent';

const history = {
  account: insecurePosture.accounts[0].account,
  items: [
    {
      ...insecurePosture.accounts[0].posture,
      evaluatedAt: '2026-01-02T10:00:00Z',
      score: 41.5,
      grade: 'F' as const,
    },
    {
      ...insecurePosture.accounts[0].posture,
      resultId: 'older',
      evaluatedAt: '2026-01-01T10:00:00Z',
      score: 60,
      grade: 'D' as const,
    },
  ],
};

function renderTab(api: AzureOpenAIApi, path = '/') {
  return renderInTestApp(
    <TestApiProvider apis={[[azureOpenAIApiRef, api]]}>
      <EntityProvider entity={componentEntity}>
        <EntityAzureOpenAIContent />
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries: [path] },
  );
}

function headings(level: number) {
  return screen.getAllByRole('heading', { level }).map(h => h.textContent);
}

describe('EntityAzureOpenAIContent', () => {
  const api = () =>
    mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
      getAccountHistory: jest.fn().mockResolvedValue(history),
    });

  it('shows each account with identity, portal link and controls by area', async () => {
    await renderTab(api());

    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
    expect(screen.getByText('westeurope')).toBeInTheDocument();
    expect(
      screen.getByText('8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /Open aoai-search-legacy in the Azure portal/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(
        '/resourceGroups/rg-aoai-search-legacy/providers/Microsoft.CognitiveServices/accounts/aoai-search-legacy',
      ),
    );
    expect(headings(3)).toEqual([
      'Network security',
      'Identity and access management',
      'Logging and monitoring',
      'Compliance and governance',
      'Beyond the baseline',
    ]);
  });

  it('shows evidence, copyable remediation and docs of a control', async () => {
    await renderTab(api());

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Public network access disabled \(AOAI-NET-002\)/,
      }),
    );
    const evidence = screen.getByRole('table', {
      name: 'Evidence for AOAI-NET-002',
    });
    expect(within(evidence).getByText('Enabled')).toBeInTheDocument();
    expect(within(evidence).getByText('Disabled')).toBeInTheDocument();
    expect(screen.getByText('In the Azure portal')).toBeInTheDocument();
    expect(screen.getByText('With the az CLI')).toBeInTheDocument();
    expect(screen.getByText('In Bicep')).toBeInTheDocument();
    expect(
      await screen.findAllByRole('button', { name: 'Copy text' }),
    ).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: /Documentation:/ }),
    ).toHaveAttribute('href', expect.stringMatching(/^https:\/\/learn\./));
  });

  it('filters from the URL and writes filter changes back to it', async () => {
    await renderTab(api(), '/?status=fail');

    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Custom subdomain set/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/Public network access disabled/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Low' }));

    expect(
      screen.queryByText(/Public network access disabled/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/Alert on account configuration changes/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Critical' }));
    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Pass' }));
    expect(
      screen.getByText('No control of this account matches the filters.'),
    ).toBeInTheDocument();
  });

  it('lists the score history for screen readers, oldest first', async () => {
    await renderTab(api());

    const table = await screen.findByRole('table', {
      name: 'Score over time for aoai-search-legacy',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual(['60.0', '41.5']);
    expect(screen.getByText('2 scans, latest score 41.5')).toBeInTheDocument();
  });

  it('explains how to link an account when there is none', async () => {
    await renderTab(
      mockApi({
        getEntityPosture: jest.fn().mockResolvedValue(entityPosture([])),
      }),
    );
    expect(
      await screen.findByText(/No Azure OpenAI account is linked/),
    ).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    const failing = mockApi({
      getEntityPosture: jest
        .fn()
        .mockRejectedValueOnce(new Error('403 Forbidden'))
        .mockResolvedValueOnce(insecurePosture),
      getAccountHistory: jest.fn().mockResolvedValue(history),
    });
    await renderTab(failing);
    expect(await screen.findByText('403 Forbidden')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
  });
});
