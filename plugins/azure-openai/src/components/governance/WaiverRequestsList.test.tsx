import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi } from '../../testUtils/fixtures';
import {
  LEAD,
  renderWithGovernance,
  SAM,
  waiver,
} from './__testUtils__/governance';
import { WaiverRequestsList } from './WaiverRequestsList';

const APPROVE = 'azure-openai.waiver.approve';

const pending = [
  waiver({ id: 'w-sam', requestedBy: SAM }),
  waiver({
    id: 'w-lead',
    controlId: 'AOAI-IAM-001',
    requestedBy: LEAD,
    scope: { type: 'entity', entityRef: 'component:default/support-chatbot' },
    requestedAt: '2026-11-28T11:00:00.000Z',
  }),
];

function rowOf(text: RegExp) {
  const table = screen.getByRole('table', { name: 'Waiver requests' });
  return within(table)
    .getAllByRole('row')
    .find(r => text.test(r.textContent ?? ''))!;
}

// Someone who may not approve: WaiverRequestsList.nonApprover.test.tsx (the permission hook
// caches its answer for the whole file).
describe('WaiverRequestsList', () => {
  it('lets an approver decide on the requests of others, never on their own', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: pending }),
    });
    await renderWithGovernance(<WaiverRequestsList query={{}} />, {
      api,
      user: LEAD,
    });

    await screen.findByRole('table', { name: 'Waiver requests' });
    expect(api.listWaivers).toHaveBeenCalledWith({ status: 'requested' });
    const samRow = rowOf(/AOAI-NET-002/);
    expect(samRow).toHaveTextContent('sam.search');
    expect(samRow).toHaveTextContent('aoai-search-legacy');
    expect(samRow).toHaveTextContent('The VNet migration lands in March.');
    expect(
      within(samRow).getByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(
      within(samRow).getByRole('button', { name: 'Reject' }),
    ).toBeInTheDocument();

    const ownRow = rowOf(/AOAI-IAM-001/);
    expect(ownRow).toHaveTextContent('Your request: pending approval');
    expect(within(ownRow).queryByRole('button')).not.toBeInTheDocument();
    expect(
      within(ownRow).getByRole('link', { name: /support-chatbot/ }),
    ).toBeInTheDocument();
  });

  it('approves with an optional comment and reports the decision', async () => {
    const approved = waiver({
      id: 'w-sam',
      status: 'approved',
      decidedBy: LEAD,
    });
    const api = mockApi({
      listWaivers: jest
        .fn()
        .mockResolvedValueOnce({ items: [pending[0]] })
        .mockResolvedValue({ items: [] }),
      decideWaiver: jest.fn().mockResolvedValue(approved),
    });
    const onDecided = jest.fn();
    await renderWithGovernance(
      <WaiverRequestsList query={{}} onDecided={onDecided} />,
      { api, user: LEAD, allowed: [APPROVE] },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: /Comment/ }));
    await userEvent.paste('OK until the migration.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve waiver' }),
    );

    await waitFor(() => expect(onDecided).toHaveBeenCalledWith(approved));
    expect(api.decideWaiver).toHaveBeenCalledWith('w-sam', {
      decision: 'approve',
      comment: 'OK until the migration.',
    });
    expect(
      await screen.findByText('No waiver request waits for a decision.'),
    ).toBeInTheDocument();
  });

  it('requires a comment to reject', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: [pending[0]] }),
      decideWaiver: jest.fn().mockResolvedValue(waiver({ status: 'rejected' })),
    });
    await renderWithGovernance(<WaiverRequestsList query={{}} />, {
      api,
      user: LEAD,
      allowed: [APPROVE],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Reject waiver' }),
    );
    expect(
      screen.getByText(/Say why you reject the request/),
    ).toBeInTheDocument();
    expect(api.decideWaiver).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('textbox', { name: /Comment/ }));
    await userEvent.paste('Use a private endpoint now.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Reject waiver' }),
    );
    await waitFor(() =>
      expect(api.decideWaiver).toHaveBeenCalledWith('w-sam', {
        decision: 'reject',
        comment: 'Use a private endpoint now.',
      }),
    );
  });

  it("shows the server's refusal of a decision", async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'You requested this waiver; another member of the platform team must decide on it.',
          },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: [pending[0]] }),
      decideWaiver: jest.fn().mockRejectedValue(refusal),
    });
    await renderWithGovernance(<WaiverRequestsList query={{}} />, {
      api,
      user: LEAD,
      allowed: [APPROVE],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve waiver' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You requested this waiver; another member of the platform team must decide on it.',
    );
  });
});
