import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { mockApi } from '../../testUtils/fixtures';
import { ScoreHistoryChart } from './ScoreHistoryChart';

describe('ScoreHistoryChart', () => {
  it('asks for the account history and leaves out failed collections', async () => {
    const base = {
      resultId: 'r',
      scanId: 's',
      grade: 'C' as const,
      capped: false,
      earnedWeight: 0,
      scoredWeight: 0,
      counts: {} as any,
    };
    const api = mockApi({
      getAccountHistory: jest.fn().mockResolvedValue({
        items: [
          {
            ...base,
            evaluatedAt: '2026-01-03T00:00:00Z',
            status: 'ok',
            score: 70,
          },
          {
            ...base,
            evaluatedAt: '2026-01-02T00:00:00Z',
            status: 'error',
            score: 0,
          },
        ],
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[azureOpenAIApiRef, api]]}>
        <ScoreHistoryChart accountId="abc" accountName="acc" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('figure', { name: 'Score over time for acc' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 scan, latest score 70.0')).toBeInTheDocument();
    expect(api.getAccountHistory).toHaveBeenCalledWith('abc', { limit: 100 });
  });

  it('shows why the history could not be loaded', async () => {
    const api = mockApi({
      getAccountHistory: jest.fn().mockRejectedValue(new Error('no history')),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[azureOpenAIApiRef, api]]}>
        <ScoreHistoryChart accountId="abc" accountName="acc" />
      </TestApiProvider>,
    );
    expect(await screen.findByText(/no history/)).toBeInTheDocument();
  });
});
