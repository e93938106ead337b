import { screen } from '@testing-library/react';
import { mockApi } from '../../testUtils/fixtures';
import {
  LEAD,
  renderWithGovernance,
  SAM,
  waiver,
} from './__testUtils__/governance';
import { WaiverRequestsList } from './WaiverRequestsList';

const pending = [
  waiver({ id: 'w-sam', requestedBy: SAM }),
  waiver({ id: 'w-lead', controlId: 'AOAI-IAM-001', requestedBy: LEAD }),
];

describe('WaiverRequestsList for someone who may not approve', () => {
  it('shows requests as pending, without decisions, to someone who may not approve', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: pending }),
    });
    await renderWithGovernance(<WaiverRequestsList query={{}} />, {
      api,
      user: 'user:default/alex.chat',
      allowed: ['azure-openai.posture.read'],
    });
    await screen.findByRole('table', { name: 'Waiver requests' });
    expect(screen.getAllByText('Pending approval')).toHaveLength(2);
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
  });
});
