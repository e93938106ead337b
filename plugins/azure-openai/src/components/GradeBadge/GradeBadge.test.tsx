import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { GradeBadge } from './GradeBadge';

describe('GradeBadge', () => {
  it('names the grade for screen readers', async () => {
    await renderInTestApp(<GradeBadge grade="F" />);
    expect(screen.getByRole('img', { name: 'Grade F' })).toHaveTextContent('F');
  });

  it('uses a different colour for good and bad grades', async () => {
    await renderInTestApp(
      <>
        <GradeBadge grade="A" />
        <GradeBadge grade="D" size="small" />
      </>,
    );
    const good = screen.getByRole('img', { name: 'Grade A' });
    const bad = screen.getByRole('img', { name: 'Grade D' });
    expect(getComputedStyle(good).backgroundColor).not.toBe(
      getComputedStyle(bad).backgroundColor,
    );
  });
});
