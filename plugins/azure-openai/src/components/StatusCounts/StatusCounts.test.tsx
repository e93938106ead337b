import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { StatusCounts } from './StatusCounts';

describe('StatusCounts', () => {
  it('lists every card status with its count, zero when missing', async () => {
    await renderInTestApp(
      <StatusCounts
        counts={{ fail: 3, pass: 20, 'attestation-required': 10 }}
      />,
    );
    const items = within(
      screen.getByRole('list', { name: 'Controls per status' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Fail: 3',
      'Unknown: 0',
      'Attestation needed: 10',
      'Waived: 0',
      'Pass: 20',
    ]);
  });
});
