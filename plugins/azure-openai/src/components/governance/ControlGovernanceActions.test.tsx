import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ControlResult } from '@pavedai/plugin-azure-openai-common';
import { mockApi, result } from '../../testUtils/fixtures';
import {
  LEAD,
  renderWithGovernance,
  SAM,
  target,
  waiver,
} from './__testUtils__/governance';
import { ControlGovernanceActions } from './ControlGovernanceActions';

let rendered = 0;

function renderActions(
  controlResult: ControlResult,
  options: { allowed?: string[]; api?: ReturnType<typeof mockApi> } = {},
) {
  // usePermission caches answers per permission and entity for the whole test file: a new entity
  // per test keeps one test's policy out of the next.
  rendered += 1;
  return renderWithGovernance(
    <ControlGovernanceActions
      target={{
        ...target,
        entityRef: `component:default/search-api-${rendered}`,
        controlId: controlResult.controlId,
      }}
      result={controlResult}
      onChanged={jest.fn()}
    />,
    { api: options.api ?? mockApi(), allowed: options.allowed },
  );
}

describe('ControlGovernanceActions', () => {
  it('offers a waiver for a failing control to whoever may request one', async () => {
    await renderActions(result('AOAI-NET-002', 'fail'));
    expect(
      await screen.findByRole('button', { name: 'Request waiver' }),
    ).toBeInTheDocument();
    // An automated control is decided by evidence, not by a statement.
    expect(
      screen.queryByRole('button', { name: 'Attest' }),
    ).not.toBeInTheDocument();
  });

  it('offers no waiver for a passing control, nor to someone the policy refuses', async () => {
    await renderActions(result('AOAI-NET-002', 'pass'));
    await screen.findByRole('button', { name: 'History' });
    expect(
      screen.queryByRole('button', { name: 'Request waiver' }),
    ).not.toBeInTheDocument();
  });

  it('hides the waiver and attestation actions when the policy denies them', async () => {
    await renderActions(result('AOAI-GOV-003', 'attestation-required'), {
      allowed: [],
    });
    await screen.findByRole('button', { name: 'History' });
    expect(
      screen.queryByRole('button', { name: 'Attest' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request waiver' }),
    ).not.toBeInTheDocument();
  });

  it('offers an attestation for a manual control', async () => {
    await renderActions(result('AOAI-GOV-003', 'attestation-required'), {
      allowed: ['azure-openai.attestation.create'],
    });
    expect(
      await screen.findByRole('button', { name: 'Attest' }),
    ).toBeInTheDocument();
  });

  it('shows who did what and when in the history', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({
        items: [
          waiver({
            status: 'approved',
            decidedBy: LEAD,
            decidedAt: '2026-11-28T12:00:00.000Z',
            decisionComment: 'Until the migration.',
          }),
        ],
      }),
      listAttestations: jest.fn().mockResolvedValue({ items: [] }),
      getGovernanceHistory: jest.fn().mockResolvedValue({
        items: [
          {
            id: 'e-1',
            kind: 'waiver.requested',
            actor: SAM,
            at: '2026-11-28T10:00:00.000Z',
            controlId: 'AOAI-NET-002',
            scope: { type: 'account', resourceId: target.account.resourceId },
            waiverId: 'w-1',
          },
          {
            id: 'e-2',
            kind: 'waiver.approved',
            actor: LEAD,
            at: '2026-11-28T12:00:00.000Z',
            controlId: 'AOAI-NET-002',
            scope: { type: 'account', resourceId: target.account.resourceId },
            waiverId: 'w-1',
            details: { comment: 'Until the migration.' },
          },
        ],
      }),
    });
    await renderActions(result('AOAI-NET-002', 'waived'), { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'History' }),
    );

    const events = await screen.findByRole('list', { name: 'Events' });
    const items = within(events).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringMatching(
        /28 Nov 2026.*platform\.lead approved a waiver \(aoai-search-legacy\): “Until the migration\.”/,
      ),
      expect.stringMatching(
        /28 Nov 2026.*sam\.search requested a waiver \(aoai-search-legacy\)/,
      ),
    ]);
    const waivers = screen.getByRole('list', { name: 'Waivers' });
    expect(waivers).toHaveTextContent(/Approved, aoai-search-legacy/);
    expect(waivers).toHaveTextContent(/Requested by sam\.search/);
    expect(waivers).toHaveTextContent(/approved by platform\.lead/);
    expect(screen.getByText('None.')).toBeInTheDocument();
    expect(api.getGovernanceHistory).toHaveBeenCalledWith({
      controlId: 'AOAI-NET-002',
      accountId: target.account.id,
    });
  });
});
