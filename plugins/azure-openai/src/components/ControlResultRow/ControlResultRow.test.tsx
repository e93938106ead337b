import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { result } from '../../testUtils/fixtures';
import { ControlResultRow } from './ControlResultRow';

describe('ControlResultRow', () => {
  it('summarises the result and reveals remediation on demand', async () => {
    await renderInTestApp(
      <ControlResultRow
        result={result('AOAI-IAM-001', 'fail', 'disableLocalAuth is false.')}
      />,
    );
    const summary = screen.getByRole('button', {
      name: /API keys disabled; Microsoft Entra ID only \(AOAI-IAM-001\)/,
    });
    expect(summary).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByText('Fail')).toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
    expect(screen.getByText('disableLocalAuth is false.')).toBeInTheDocument();
    expect(screen.queryByText('In the Azure portal')).toBeNull();

    await userEvent.click(summary);
    expect(summary).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('In the Azure portal')).toBeInTheDocument();
  });

  it('explains that an attestation control has no evidence', async () => {
    const attestation = {
      ...result('AOAI-GOV-003', 'attestation-required', 'Needs a statement.'),
      evidence: [],
    };
    await renderInTestApp(<ControlResultRow result={attestation} />);
    await userEvent.click(screen.getByRole('button', { name: /AOAI-GOV-003/ }));
    expect(
      screen.getByText(
        'No evidence: this control is decided by an attestation.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Attestation needed')).toBeInTheDocument();
  });
});
