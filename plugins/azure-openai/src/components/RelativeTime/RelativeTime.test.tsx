import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { relativeTime } from '../../utils/time';
import { RelativeTime } from './RelativeTime';

describe('RelativeTime', () => {
  it('shows relative time and the exact time on hover', async () => {
    const iso = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    await renderInTestApp(<RelativeTime timestamp={iso} />);
    const time = screen.getByText('5 minutes ago');
    expect(time).toHaveAttribute('datetime', iso);
    await userEvent.hover(time);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      String(new Date(iso).getFullYear()),
    );
  });

  it('formats days and future instants', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(relativeTime('2026-01-08T12:00:00Z', now)).toBe('2 days ago');
    expect(relativeTime('2026-01-10T12:00:30Z', now)).toBe('in 30 seconds');
  });
});
