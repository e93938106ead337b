import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { result } from '../../testUtils/fixtures';
import { TopFailingControls } from './TopFailingControls';

describe('TopFailingControls', () => {
  const results = [
    result('AOAI-LOG-007', 'fail', 'low one'),
    result('AOAI-IAM-002', 'pass', 'passing'),
    result('AOAI-NET-001', 'fail', 'high one'),
    result('AOAI-NET-002', 'fail', 'critical one'),
  ].map(r => ({ accountName: 'acc-a', result: r }));

  it('lists only failing controls, most severe first, up to the limit', async () => {
    await renderInTestApp(<TopFailingControls results={results} limit={2} />);
    const items = within(
      screen.getByRole('list', { name: 'Top failing controls' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('critical one');
    expect(items[1]).toHaveTextContent('high one');
    expect(screen.queryByText('passing')).toBeNull();
  });

  it('names the account when asked to', async () => {
    await renderInTestApp(
      <TopFailingControls results={results.slice(0, 1)} showAccount />,
    );
    expect(screen.getByText(/AOAI-LOG-007\) on acc-a/)).toBeInTheDocument();
  });

  it('says so when nothing fails', async () => {
    await renderInTestApp(<TopFailingControls results={results.slice(1, 2)} />);
    expect(screen.getByText('No failing controls.')).toBeInTheDocument();
  });
});
