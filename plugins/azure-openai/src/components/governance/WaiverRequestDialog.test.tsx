import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi } from '../../testUtils/fixtures';
import {
  renderWithGovernance,
  target,
  waiver,
} from './__testUtils__/governance';
import { toLocalInputValue } from './format';
import { WaiverRequestDialog } from './WaiverRequestDialog';

function renderDialog(api = mockApi(), onRequested = jest.fn()) {
  return renderWithGovernance(
    <WaiverRequestDialog
      target={target}
      open
      onClose={jest.fn()}
      onRequested={onRequested}
    />,
    { api },
  );
}

async function fill(label: RegExp, text: string) {
  await userEvent.click(screen.getByRole('textbox', { name: label }));
  await userEvent.paste(text);
}

function setExpiry(value: string) {
  fireEvent.change(screen.getByLabelText(/Expires/), { target: { value } });
}

describe('WaiverRequestDialog', () => {
  it('says what is missing before anything is sent', async () => {
    const api = mockApi({ requestWaiver: jest.fn() });
    await renderDialog(api);
    setExpiry('');
    await userEvent.click(
      screen.getByRole('button', { name: 'Request waiver' }),
    );

    expect(
      screen.getByText('Say why the control cannot pass now.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Describe the risk you accept while the control fails.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Describe what mitigates the risk meanwhile/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Choose when the waiver ends: every waiver expires.'),
    ).toBeInTheDocument();
    expect(api.requestWaiver).not.toHaveBeenCalled();

    setExpiry(toLocalInputValue(new Date(Date.now() - 3600_000)));
    await userEvent.click(
      screen.getByRole('button', { name: 'Request waiver' }),
    );
    expect(
      screen.getByText('The expiry must be in the future.'),
    ).toBeInTheDocument();
  });

  it('sends the waiver for this account with the expiry as an instant', async () => {
    const stored = waiver();
    const api = mockApi({ requestWaiver: jest.fn().mockResolvedValue(stored) });
    const onRequested = jest.fn();
    await renderDialog(api, onRequested);

    await fill(/Reason/, 'The VNet migration lands in March.');
    await fill(/Risk accepted/, 'Reachable from the internet.');
    await fill(/Compensating control/, 'IP allowlist.');
    setExpiry('2027-03-01T12:30');
    await userEvent.click(
      screen.getByRole('button', { name: 'Request waiver' }),
    );

    await waitFor(() => expect(onRequested).toHaveBeenCalledWith(stored));
    expect(api.requestWaiver).toHaveBeenCalledWith({
      controlId: 'AOAI-NET-002',
      accountId: target.account.id,
      reason: 'The VNet migration lands in March.',
      riskAccepted: 'Reachable from the internet.',
      compensatingControl: 'IP allowlist.',
      expiresAt: new Date('2027-03-01T12:30').toISOString(),
    });
  });

  it('sends a waiver for every account of the entity when chosen', async () => {
    const api = mockApi({
      requestWaiver: jest.fn().mockResolvedValue(waiver()),
    });
    await renderDialog(api);
    await userEvent.click(
      screen.getByRole('radio', { name: 'Every account of search-api' }),
    );
    await fill(/Reason/, 'r');
    await fill(/Risk accepted/, 'k');
    await fill(/Compensating control/, 'c');
    await userEvent.click(
      screen.getByRole('button', { name: 'Request waiver' }),
    );

    await waitFor(() => expect(api.requestWaiver).toHaveBeenCalledTimes(1));
    const body = (api.requestWaiver as jest.Mock).mock.calls[0][0];
    expect(body.entityRef).toBe('component:default/search-api');
    expect(body.accountId).toBeUndefined();
    // The proposed expiry is 30 days ahead.
    const days = (Date.parse(body.expiresAt) - Date.now()) / (24 * 3600_000);
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("shows the server's refusal in the dialog", async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message:
              'expiresAt: a waiver lasts at most 90 days (azureOpenAI.governance.waivers.maxDurationDays); choose a date before 2027-02-26',
          },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const onRequested = jest.fn();
    const api = mockApi({
      requestWaiver: jest.fn().mockRejectedValue(refusal),
    });
    await renderDialog(api, onRequested);
    await fill(/Reason/, 'r');
    await fill(/Risk accepted/, 'k');
    await fill(/Compensating control/, 'c');
    await userEvent.click(
      screen.getByRole('button', { name: 'Request waiver' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      /a waiver lasts at most 90 days.*choose a date before 2027-02-26/,
    );
    expect(onRequested).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
