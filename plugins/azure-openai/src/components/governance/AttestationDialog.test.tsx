import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi } from '../../testUtils/fixtures';
import { renderWithGovernance, target } from './__testUtils__/governance';
import { AttestationDialog } from './AttestationDialog';

const attestTarget = { ...target, controlId: 'AOAI-GOV-003' };

function renderDialog(api = mockApi(), onAttested = jest.fn()) {
  return renderWithGovernance(
    <AttestationDialog
      target={attestTarget}
      open
      onClose={jest.fn()}
      onAttested={onAttested}
    />,
    { api },
  );
}

describe('AttestationDialog', () => {
  it('asks for a statement and an http(s) evidence link', async () => {
    const api = mockApi({ createAttestation: jest.fn() });
    await renderDialog(api);
    await userEvent.click(screen.getByRole('button', { name: 'Attest' }));
    expect(
      screen.getByText('State what is in place and how you checked it.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Link the evidence/)).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('textbox', { name: /Evidence link/ }),
    );
    await userEvent.paste('wiki/dr-test');
    await userEvent.click(screen.getByRole('button', { name: 'Attest' }));
    expect(
      screen.getByText(/Enter a full http\(s\) link, e\.g\. https:\/\//),
    ).toBeInTheDocument();
    expect(api.createAttestation).not.toHaveBeenCalled();
  });

  it('leaves the expiry to the platform when it is empty', async () => {
    const stored = { id: 'a-1' };
    const api = mockApi({
      createAttestation: jest.fn().mockResolvedValue(stored),
    });
    const onAttested = jest.fn();
    await renderDialog(api, onAttested);
    await userEvent.click(screen.getByRole('textbox', { name: /Statement/ }));
    await userEvent.paste('DR failover tested on 2026-11-02.');
    await userEvent.click(
      screen.getByRole('textbox', { name: /Evidence link/ }),
    );
    await userEvent.paste('https://wiki.example.com/dr-test');
    await userEvent.click(screen.getByRole('button', { name: 'Attest' }));

    await waitFor(() => expect(onAttested).toHaveBeenCalledWith(stored));
    expect(api.createAttestation).toHaveBeenCalledWith({
      controlId: 'AOAI-GOV-003',
      accountId: attestTarget.account.id,
      statement: 'DR failover tested on 2026-11-02.',
      evidenceUrl: 'https://wiki.example.com/dr-test',
    });
  });

  it('sends an expiry that was chosen', async () => {
    const api = mockApi({
      createAttestation: jest.fn().mockResolvedValue({ id: 'a-2' }),
    });
    await renderDialog(api);
    await userEvent.click(screen.getByRole('textbox', { name: /Statement/ }));
    await userEvent.paste('s');
    await userEvent.click(
      screen.getByRole('textbox', { name: /Evidence link/ }),
    );
    await userEvent.paste('https://e.example/x');
    fireEvent.change(screen.getByLabelText(/Expires/), {
      target: { value: '2027-06-30T09:00' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Attest' }));
    await waitFor(() =>
      expect(api.createAttestation).toHaveBeenCalledWith(
        expect.objectContaining({
          expiresAt: new Date('2027-06-30T09:00').toISOString(),
        }),
      ),
    );
  });
});
