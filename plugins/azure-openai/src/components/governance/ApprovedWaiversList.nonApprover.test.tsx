import { screen, within } from '@testing-library/react';
import { mockApi } from '../../testUtils/fixtures';
import { renderWithGovernance, SAM, waiver } from './__testUtils__/governance';
import { ApprovedWaiversList } from './ApprovedWaiversList';

const inForce = [
  waiver({ id: 'w-sam', status: 'approved', requestedBy: SAM }),
  waiver({
    id: 'w-other',
    controlId: 'AOAI-IAM-001',
    status: 'approved',
    requestedBy: 'user:default/alex.chat',
  }),
];

describe('ApprovedWaiversList for someone who may not approve', () => {
  it('offers Revoke only on the waivers they requested', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: inForce }),
    });
    await renderWithGovernance(<ApprovedWaiversList query={{}} />, {
      api,
      user: SAM,
      allowed: ['azure-openai.posture.read'],
    });
    const table = await screen.findByRole('table', {
      name: 'Waivers in force',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    const own = rows.find(r => r.textContent?.includes('AOAI-NET-002'))!;
    const other = rows.find(r => r.textContent?.includes('AOAI-IAM-001'))!;
    expect(
      within(own).getByRole('button', {
        name: 'Revoke the waiver of AOAI-NET-002',
      }),
    ).toBeInTheDocument();
    expect(within(other).queryByRole('button')).not.toBeInTheDocument();
  });

  it('renders nothing on the entity tab when no waiver is in force', async () => {
    const api = mockApi({
      listWaivers: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderWithGovernance(
      <div data-testid="host">
        <ApprovedWaiversList
          query={{ entityRef: 'component:default/a' }}
          hideWhenEmpty
        />
      </div>,
      { api, user: SAM },
    );
    await screen.findByTestId('host');
    expect(api.listWaivers).toHaveBeenCalledWith({
      entityRef: 'component:default/a',
      status: 'approved',
    });
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
  });
});
