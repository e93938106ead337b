import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AzureOpenAIApi } from '../../api/AzureOpenAIApi';
import {
  componentEntity,
  entityPosture,
  insecurePosture,
  linked,
  mockApi as baseMockApi,
  result,
} from '../../testUtils/fixtures';
import {
  LEAD,
  renderWithGovernance,
  SAM,
  waiver,
} from '../governance/__testUtils__/governance';
import { EntityAzureOpenAIContent } from './EntityAzureOpenAIContent';

const history = {
  account: insecurePosture.accounts[0].account,
  items: [
    {
      ...insecurePosture.accounts[0].posture,
      evaluatedAt: '2026-01-02T10:00:00Z',
      score: 41.5,
      grade: 'F' as const,
    },
    {
      ...insecurePosture.accounts[0].posture,
      resultId: 'older',
      evaluatedAt: '2026-01-01T10:00:00Z',
      score: 60,
      grade: 'D' as const,
    },
  ],
};

/** The API with no waiver request pending unless a test says otherwise. */
function mockApi(overrides: Partial<AzureOpenAIApi> = {}) {
  return baseMockApi({
    listWaivers: jest.fn().mockResolvedValue({ items: [] }),
    ...overrides,
  });
}

function renderTab(api: AzureOpenAIApi, path = '/', user = SAM) {
  return renderWithGovernance(
    <EntityProvider entity={componentEntity}>
      <EntityAzureOpenAIContent />
    </EntityProvider>,
    { api, routeEntries: [path], user },
  );
}

const WAIVED_UNTIL = '2027-03-01T00:00:00.000Z';

const waivedPosture = entityPosture([
  {
    ...linked('aoai-search-legacy', [
      {
        ...result('AOAI-NET-002', 'waived', 'publicNetworkAccess is Enabled.'),
        waiver: {
          controlId: 'AOAI-NET-002',
          resourceId: insecurePosture.accounts[0].account.resourceId,
          reason: 'The VNet migration lands in March.',
          approvedBy: LEAD,
          expiresAt: WAIVED_UNTIL,
        },
      },
      result('AOAI-IAM-002', 'pass', 'Custom subdomain is set.'),
    ]),
  },
]);
waivedPosture.accounts[0].posture.resultId = 'after-approval';

function headings(level: number) {
  return screen.getAllByRole('heading', { level }).map(h => h.textContent);
}

describe('EntityAzureOpenAIContent', () => {
  const api = () =>
    mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
      getAccountHistory: jest.fn().mockResolvedValue(history),
    });

  it('shows each account with identity, portal link and controls by area', async () => {
    await renderTab(api());

    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
    expect(screen.getByText('westeurope')).toBeInTheDocument();
    expect(
      screen.getByText('8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /Open aoai-search-legacy in the Azure portal/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(
        '/resourceGroups/rg-aoai-search-legacy/providers/Microsoft.CognitiveServices/accounts/aoai-search-legacy',
      ),
    );
    expect(headings(3)).toEqual([
      'Network security',
      'Identity and access management',
      'Logging and monitoring',
      'Compliance and governance',
      'Beyond the baseline',
    ]);
  });

  it('shows evidence, copyable remediation and docs of a control', async () => {
    await renderTab(api());

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Public network access disabled \(AOAI-NET-002\)/,
      }),
    );
    const evidence = screen.getByRole('table', {
      name: 'Evidence for AOAI-NET-002',
    });
    expect(within(evidence).getByText('Enabled')).toBeInTheDocument();
    expect(within(evidence).getByText('Disabled')).toBeInTheDocument();
    expect(screen.getByText('In the Azure portal')).toBeInTheDocument();
    expect(screen.getByText('With the az CLI')).toBeInTheDocument();
    expect(screen.getByText('In Bicep')).toBeInTheDocument();
    expect(
      await screen.findAllByRole('button', { name: 'Copy text' }),
    ).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: /Documentation:/ }),
    ).toHaveAttribute('href', expect.stringMatching(/^https:\/\/learn\./));
  });

  it('filters from the URL and writes filter changes back to it', async () => {
    await renderTab(api(), '/?status=fail');

    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Custom subdomain set/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/Public network access disabled/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Low' }));

    expect(
      screen.queryByText(/Public network access disabled/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/Alert on account configuration changes/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Critical' }));
    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Pass' }));
    expect(
      screen.getByText('No control of this account matches the filters.'),
    ).toBeInTheDocument();
  });

  it('lists the score history for screen readers, oldest first', async () => {
    await renderTab(api());

    const table = await screen.findByRole('table', {
      name: 'Score over time for aoai-search-legacy',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual(['60.0', '41.5']);
    expect(screen.getByText('2 scans, latest score 41.5')).toBeInTheDocument();
  });

  it('explains how to link an account when there is none', async () => {
    await renderTab(
      mockApi({
        getEntityPosture: jest.fn().mockResolvedValue(entityPosture([])),
      }),
    );
    expect(
      await screen.findByText(/No Azure OpenAI account is linked/),
    ).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    const failing = mockApi({
      getEntityPosture: jest
        .fn()
        .mockRejectedValueOnce(new Error('403 Forbidden'))
        .mockResolvedValueOnce(insecurePosture),
      getAccountHistory: jest.fn().mockResolvedValue(history),
    });
    await renderTab(failing);
    expect(await screen.findByText('403 Forbidden')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
  });

  it('shows a waived control as waived, with its end and approver, never as a pass', async () => {
    await renderTab(
      mockApi({
        getEntityPosture: jest.fn().mockResolvedValue(waivedPosture),
        getAccountHistory: jest.fn().mockResolvedValue(history),
      }),
    );
    const row = (
      await screen.findByRole('button', {
        name: /Public network access disabled \(AOAI-NET-002\)/,
      })
    ).closest('.MuiAccordion-root') as HTMLElement;
    expect(within(row).getByText('Waived')).toBeInTheDocument();
    expect(within(row).queryByText('Pass')).not.toBeInTheDocument();
    expect(row).toHaveTextContent(
      /Waived until 1 Mar 2027.*\(approved by platform\.lead\)/,
    );
  });

  it('requests a waiver from a control and lists it as pending', async () => {
    const requested = waiver({ requestedBy: SAM });
    const tabApi = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
      getAccountHistory: jest.fn().mockResolvedValue(history),
      requestWaiver: jest.fn().mockResolvedValue(requested),
      listWaivers: jest
        .fn()
        .mockResolvedValueOnce({ items: [] })
        .mockResolvedValue({ items: [requested] }),
    });
    await renderTab(tabApi);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /Public network access disabled \(AOAI-NET-002\)/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request waiver' }),
    );
    for (const [label, text] of [
      [/Reason/, 'The VNet migration lands in March.'],
      [/Risk accepted/, 'Reachable from the internet.'],
      [/Compensating control/, 'IP allowlist.'],
    ] as const) {
      await userEvent.click(screen.getByRole('textbox', { name: label }));
      await userEvent.paste(text);
    }
    fireEvent.change(screen.getByLabelText(/Expires/), {
      target: { value: '2027-01-15T09:00' },
    });
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Request waiver',
      }),
    );

    await waitFor(() =>
      expect(tabApi.requestWaiver).toHaveBeenCalledWith(
        expect.objectContaining({
          controlId: 'AOAI-NET-002',
          accountId: insecurePosture.accounts[0].account.id,
        }),
      ),
    );
    const pending = await screen.findByRole('table', {
      name: 'Waiver requests',
    });
    expect(pending).toHaveTextContent(
      'Your request: pending approval by someone else',
    );
    expect(screen.getByRole('status')).toHaveTextContent(/Waiver requested/);
    expect(tabApi.listWaivers).toHaveBeenCalledWith({
      entityRef: 'component:default/search-api',
      status: 'requested',
    });
  }, 20_000);

  it('lets an approver approve a pending request, then shows the control waived after the scan', async () => {
    const getEntityPosture = jest
      .fn()
      .mockResolvedValueOnce(insecurePosture)
      .mockResolvedValueOnce(insecurePosture)
      .mockResolvedValue(waivedPosture);
    const tabApi = mockApi({
      getEntityPosture,
      getAccountHistory: jest.fn().mockResolvedValue(history),
      listWaivers: jest.fn().mockResolvedValue({ items: [waiver()] }),
      decideWaiver: jest
        .fn()
        .mockResolvedValue(waiver({ status: 'approved', decidedBy: LEAD })),
    });
    await renderTab(tabApi, '/', LEAD);

    const pending = await screen.findByRole('table', {
      name: 'Waiver requests',
    });
    await userEvent.click(
      within(pending).getByRole('button', { name: 'Approve' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve waiver' }),
    );
    expect(tabApi.decideWaiver).toHaveBeenCalledWith('w-1', {
      decision: 'approve',
    });
    expect(
      await screen.findByText(/Waiting for the new scan/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Waived until 1 Mar 2027/, undefined, {
        timeout: 4000,
      }),
    ).toBeInTheDocument();
    // The notice goes once the refresh settles (a render after the waived posture arrives).
    await waitFor(() =>
      expect(
        screen.queryByText(/Waiting for the new scan/),
      ).not.toBeInTheDocument(),
    );
    expect(getEntityPosture.mock.calls.length).toBeGreaterThanOrEqual(3);
  }, 20_000);

  it('lists the waivers in force and lets their requester revoke one, then shows the control failing after the scan', async () => {
    const inForce = waiver({
      status: 'approved',
      requestedBy: SAM,
      decidedBy: LEAD,
      decidedAt: '2026-11-28T11:00:00.000Z',
      expiresAt: WAIVED_UNTIL,
    });
    let revoked = false;
    const getEntityPosture = jest
      .fn()
      .mockResolvedValueOnce(waivedPosture)
      .mockResolvedValueOnce(waivedPosture)
      .mockResolvedValue(insecurePosture);
    const tabApi = mockApi({
      getEntityPosture,
      getAccountHistory: jest.fn().mockResolvedValue(history),
      listWaivers: jest.fn(async query =>
        query?.status === 'approved' && !revoked
          ? { items: [inForce] }
          : { items: [] },
      ),
      revokeWaiver: jest.fn(async () => {
        revoked = true;
        return { ...inForce, status: 'revoked' as const };
      }),
    });
    await renderTab(tabApi);

    const table = await screen.findByRole('table', {
      name: 'Waivers in force',
    });
    expect(tabApi.listWaivers).toHaveBeenCalledWith({
      entityRef: 'component:default/search-api',
      status: 'approved',
    });
    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Revoke the waiver of AOAI-NET-002',
      }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: /Reason/ }));
    await userEvent.paste('The private endpoint is live.');
    await userEvent.click(
      screen.getByRole('button', { name: 'Revoke waiver' }),
    );
    await waitFor(() =>
      expect(tabApi.revokeWaiver).toHaveBeenCalledWith(inForce.id, {
        comment: 'The private endpoint is live.',
      }),
    );
    await waitFor(
      () =>
        expect(
          screen.queryByRole('table', { name: 'Waivers in force' }),
        ).not.toBeInTheDocument(),
      { timeout: 4000 },
    );
    await waitFor(
      () =>
        expect(
          screen.queryByText(/Waived until 1 Mar 2027/),
        ).not.toBeInTheDocument(),
      { timeout: 4000 },
    );
    expect(getEntityPosture.mock.calls.length).toBeGreaterThanOrEqual(3);
  }, 20_000);

  it('shows the drift from the golden path of a golden-path account in its section', async () => {
    const golden = linked('aoai-chat-prod', [
      result('AOAI-NET-001', 'fail', 'Public network access is enabled.'),
    ]);
    golden.account.tags = {
      'backstage.io-template': 'template:default/secure-azure-openai-account',
    };
    const getAccountDrift = jest.fn().mockResolvedValue({
      accountId: golden.account.id,
      resourceId: golden.account.resourceId,
      goldenPath: {
        source: 'event',
        templateRef: 'template:default/secure-azure-openai-account',
        taskId: 'task-1',
        recordedAt: '2026-11-27T09:00:00.000Z',
      },
      policyVersion: '0123456789abcdef',
      evidenceCollectedAt: '2026-11-28T10:00:00.000Z',
      items: [
        {
          resource: golden.account.resourceId,
          field: 'properties.publicNetworkAccess',
          desired: 'Disabled',
          actual: 'Enabled',
          since: '2026-11-28T09:00:00.000Z',
        },
      ],
    });
    await renderTab(
      mockApi({
        getEntityPosture: jest.fn().mockResolvedValue(entityPosture([golden])),
        getAccountHistory: jest.fn().mockResolvedValue({
          account: golden.account,
          items: [],
        }),
        getAccountDrift,
      }),
    );
    const section = await screen.findByRole('region', {
      name: 'aoai-chat-prod',
    });
    const table = await within(section).findByRole('table', {
      name: 'Drift of aoai-chat-prod from the golden path',
    });
    expect(table).toHaveTextContent(
      'properties.publicNetworkAccessDisabledEnabled',
    );
    expect(getAccountDrift).toHaveBeenCalledWith(golden.account.id);
  });
});
