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
import { ApprovedWaiversList } from './ApprovedWaiversList';

const APPROVE = 'azure-openai.waiver.approve';

const approved = waiver({
  id: 'w-approved',
  status: 'approved',
  requestedBy: SAM,
  decidedBy: 'user:default/pat.platform',
  decidedAt: '2026-11-28T11:00:00.000Z',
});

// Someone who may not approve: ApprovedWaiversList.nonApprover.test.tsx (the permission hook
// caches its answer for the whole file).
describe('ApprovedWaiversList for an approver', () => {
  it('revokes an approved waiver after a confirmation with the reason, then lists it no more', async () => {
    const revoked = { ...approved, status: 'revoked' as const };
    const api = mockApi({
      listWaivers: jest
        .fn()
        .mockResolvedValueOnce({
          items: [approved, waiver({ id: 'w-pending' })],
        })
        .mockResolvedValue({ items: [] }),
      revokeWaiver: jest.fn().mockResolvedValue(revoked),
    });
    const onRevoked = jest.fn();
    await renderWithGovernance(
      <ApprovedWaiversList query={{}} onRevoked={onRevoked} />,
      { api, user: LEAD, allowed: [APPROVE] },
    );

    const table = await screen.findByRole('table', {
      name: 'Waivers in force',
    });
    expect(api.listWaivers).toHaveBeenCalledWith({ status: 'approved' });
    // a pending request is not in force
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(table).toHaveTextContent('pat.platform');
    expect(table).toHaveTextContent('Requested by sam.search');

    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Revoke the waiver of AOAI-NET-002',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: /Revoke the waiver of .* \(AOAI-NET-002\)\?/,
    });
    expect(dialog).toHaveTextContent('This cannot be undone');
    // the reason is required
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke waiver' }),
    );
    expect(within(dialog).getByText(/Say why you revoke/)).toBeInTheDocument();
    expect(api.revokeWaiver).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
    );
    await userEvent.paste('The private endpoint is live.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke waiver' }),
    );
    await waitFor(() => expect(onRevoked).toHaveBeenCalledWith(revoked));
    expect(api.revokeWaiver).toHaveBeenCalledWith('w-approved', {
      comment: 'The private endpoint is live.',
    });
    expect(
      await screen.findByText('No waiver is in force.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('cancels without revoking', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: [approved] }),
    });
    await renderWithGovernance(<ApprovedWaiversList query={{}} />, {
      api,
      user: LEAD,
      allowed: [APPROVE],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Revoke the waiver/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.revokeWaiver).not.toHaveBeenCalled();
    expect(
      screen.getByRole('table', { name: 'Waivers in force' }),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal and keeps the dialog open", async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ConflictError',
            message:
              'Waiver w-approved is expired; only requested or approved waivers can be revoked',
          },
        }),
        { status: 409, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: [approved] }),
      revokeWaiver: jest.fn().mockRejectedValue(refusal),
    });
    await renderWithGovernance(<ApprovedWaiversList query={{}} />, {
      api,
      user: LEAD,
      allowed: [APPROVE],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Revoke the waiver/ }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: /Reason/ }));
    await userEvent.paste('No longer needed.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Revoke waiver' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Waiver w-approved is expired; only requested or approved waivers can be revoked',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
