import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  GoldenPathImpact,
  GoldenPathImpactAccount,
  GoldenPathPolicyDocument,
} from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import type { AzureOpenAIApi } from '../../api/AzureOpenAIApi';
import { mockApi } from '../../testUtils/fixtures';
import {
  currentPolicyText,
  fieldOfMessage,
  PolicyImpactPage,
  SAMPLE_CANDIDATE_POLICY,
} from './PolicyImpactPage';

const STRICTER = 'allowedRegions: [swedencentral]\n';

function changed(
  name: string,
  owner: string | undefined,
): GoldenPathImpactAccount {
  return {
    accountId: `id-${name}`,
    resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/${name}`,
    name,
    owner,
    current: { grade: 'A', score: 96 },
    candidate: { grade: 'C', score: 71 },
    grade: 'worse',
    changes: [
      {
        controlId: 'AOAI-GOV-001',
        title: 'Account region is allowed by the golden path',
        severity: 'high',
        from: 'pass',
        to: 'fail',
        direction: 'regression',
        message: 'westeurope is not an allowed region.',
      },
    ],
  };
}

function impact(overrides: Partial<GoldenPathImpact> = {}): GoldenPathImpact {
  return {
    currentPolicyVersion: '0123456789abcdef',
    candidatePolicyVersion: 'fedcba9876543210',
    evaluatedAt: '2026-11-28T12:00:00.000Z',
    accountsEvaluated: 9,
    accountsWithoutEvidence: 1,
    accountsChanged: 2,
    gradeWorse: 2,
    gradeBetter: 0,
    byControl: [
      {
        controlId: 'AOAI-GOV-001',
        title: 'Account region is allowed by the golden path',
        severity: 'high',
        regressions: 2,
        improvements: 0,
        other: 0,
      },
    ],
    byOwner: [
      {
        owner: 'group:default/team-chat',
        accounts: 3,
        changed: 2,
        gradeWorse: 2,
        gradeBetter: 0,
        regressions: 2,
        improvements: 0,
      },
    ],
    accounts: [changed('aoai-chat-prod', 'group:default/team-chat')],
    ...overrides,
  };
}

const editor = () =>
  screen.getByRole('textbox', {
    name: 'Candidate golden-path policy (YAML or JSON)',
  });

/** Renders the page and waits until the editor has its starting text. */
async function renderPage(api: AzureOpenAIApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[azureOpenAIApiRef, api]]}>
      <PolicyImpactPage />
    </TestApiProvider>,
  );
  await waitFor(() => expect(editor()).toBeEnabled());
}

const TODAY: GoldenPathPolicyDocument = {
  policy: { allowedRegions: ['swedencentral', 'westeurope'] },
  version: '4307b3814d79912c',
  yaml: 'allowedRegions:\n  - swedencentral\n  - westeurope\n',
};

async function pasteCandidate(text: string) {
  fireEvent.change(editor(), { target: { value: text } });
  await userEvent.click(screen.getByRole('button', { name: 'Preview impact' }));
}

describe('PolicyImpactPage', () => {
  it("starts from today's policy, which it previews as the candidate", async () => {
    const previewPolicyImpact = jest
      .fn()
      .mockResolvedValue(impact({ accountsChanged: 0, accounts: [] }));
    await renderPage(
      mockApi({
        getGoldenPathPolicy: jest.fn().mockResolvedValue(TODAY),
        previewPolicyImpact,
      }),
    );
    expect(editor()).toHaveValue(currentPolicyText(TODAY));
    expect((editor() as HTMLTextAreaElement).value).toContain(
      '  - westeurope\n',
    );
    expect(
      screen.getByText(
        "The editor starts from today's policy (version 4307b3814d79912c); previewing it unchanged changes nothing.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.getByText(/nothing calls Azure/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Preview impact' }),
    );
    expect(previewPolicyImpact).toHaveBeenCalledWith({
      policyYaml: currentPolicyText(TODAY),
    });
    expect(
      await screen.findByText(
        'No account changes status under this candidate policy.',
      ),
    ).toBeInTheDocument();
  });

  it("waits for today's policy before the editor can be edited", async () => {
    let answer: (document: GoldenPathPolicyDocument) => void = () => {};
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            azureOpenAIApiRef,
            mockApi({
              getGoldenPathPolicy: () =>
                new Promise(resolve => {
                  answer = resolve;
                }),
            }),
          ],
        ]}
      >
        <PolicyImpactPage />
      </TestApiProvider>,
    );
    expect(editor()).toBeDisabled();
    expect(editor()).toHaveAttribute('placeholder', "Loading today's policy…");
    expect(
      screen.getByRole('button', { name: 'Preview impact' }),
    ).toBeDisabled();
    answer(TODAY);
    await waitFor(() => expect(editor()).toBeEnabled());
    expect(editor()).toHaveValue(currentPolicyText(TODAY));
  });

  it("falls back to a sample candidate, with a note, when today's policy cannot be read", async () => {
    const forbidden = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed to read the Azure OpenAI fleet',
        },
        request: { method: 'GET', url: '/golden-path/policy' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    const getGoldenPathPolicy = jest
      .fn()
      .mockRejectedValue(await ResponseError.fromResponse(forbidden));
    await renderPage(mockApi({ getGoldenPathPolicy }));
    expect(editor()).toHaveValue(SAMPLE_CANDIDATE_POLICY);
    expect(screen.getByRole('note')).toHaveTextContent(
      "Today's policy could not be read (Not allowed to read the Azure OpenAI fleet), so the editor starts from a sample candidate.",
    );
    expect(screen.getByText(/nothing calls Azure/)).toBeInTheDocument();
  });

  it('previews the impact of the pasted candidate: counts, by control, by owner and the accounts that change', async () => {
    const previewPolicyImpact = jest
      .fn()
      .mockResolvedValueOnce(impact({ nextCursor: 'page-2' }))
      .mockResolvedValueOnce(
        impact({ accounts: [changed('aoai-chat-dev', undefined)] }),
      );
    await renderPage(mockApi({ previewPolicyImpact }));
    await pasteCandidate(STRICTER);

    expect(previewPolicyImpact).toHaveBeenCalledWith({ policyYaml: STRICTER });
    const count = async (label: string) =>
      (await screen.findByRole('group', { name: label })).textContent;
    expect(await count('Accounts evaluated')).toBe('9Accounts evaluated');
    expect(await count('Accounts changed')).toBe('2Accounts changed');
    expect(await count('Grade worse')).toBe('2Grade worse');
    expect(await count('Grade better')).toBe('0Grade better');
    expect(await count('Without evidence')).toBe('1Without evidence');

    const byControl = screen.getByRole('table', { name: 'Impact by control' });
    const controlRow = within(byControl)
      .getByText(/AOAI-GOV-001/)
      .closest('tr')!;
    expect(
      within(controlRow)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'AOAI-GOV-001 Account region is allowed by the golden path',
      'high',
      '2',
      '0',
      '0',
    ]);
    const byOwner = screen.getByRole('table', { name: 'Impact by owner' });
    expect(
      within(byOwner).getByText('group:default/team-chat').closest('tr'),
    ).toHaveTextContent('group:default/team-chat322020');

    const accounts = screen.getByRole('table', {
      name: 'Accounts that change',
    });
    const row = within(accounts).getByText('aoai-chat-prod').closest('tr')!;
    expect(within(row).getByText('group:default/team-chat')).toBeVisible();
    expect(within(row).getByLabelText('Grade A to C (worse)')).toBeVisible();
    expect(within(row).getByText('AOAI-GOV-001: Pass → Fail')).toBeVisible();
    expect(screen.getByText('Accounts that change (1 of 2)')).toBeVisible();

    await userEvent.click(
      screen.getByRole('button', { name: 'Load more accounts' }),
    );
    expect(await within(accounts).findByText('aoai-chat-dev')).toBeVisible();
    expect(previewPolicyImpact).toHaveBeenLastCalledWith(
      { policyYaml: STRICTER },
      { cursor: 'page-2' },
    );
    expect(screen.getByText('Accounts that change (2 of 2)')).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Load more accounts' }),
    ).toBeNull();
  });

  it('says so when the candidate changes no account', async () => {
    const previewPolicyImpact = jest.fn().mockResolvedValue(
      impact({
        accountsChanged: 0,
        gradeWorse: 0,
        byControl: [],
        accounts: [],
      }),
    );
    await renderPage(mockApi({ previewPolicyImpact }));
    await pasteCandidate(STRICTER);
    expect(
      await screen.findByText(
        'No account changes status under this candidate policy.',
      ),
    ).toBeVisible();
    expect(
      screen.queryByRole('table', { name: 'Impact by control' }),
    ).toBeNull();
  });

  it("shows the server's validation error next to the editor with the field it names", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'InputError',
          message:
            'Invalid policyYaml.contentFilterProfiles.standard.severityThreshold: expected Low, Medium or High, got "Lowest". Fix: use one of Low, Medium, High.',
        },
        request: { method: 'POST', url: '/golden-path/impact' },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    );
    const previewPolicyImpact = jest
      .fn()
      .mockRejectedValue(await ResponseError.fromResponse(response));
    await renderPage(mockApi({ previewPolicyImpact }));
    await pasteCandidate(
      'contentFilterProfiles:\n  standard:\n    severityThreshold: Lowest\n',
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The candidate was refused at contentFilterProfiles.standard.severityThreshold:',
    );
    expect(alert).toHaveTextContent('Fix: use one of Low, Medium, High.');
    expect(editor()).toHaveAttribute('aria-invalid', 'true');
    expect(editor()).toHaveAttribute('aria-describedby', alert.id);
    expect(
      screen.queryByRole('group', { name: 'Accounts changed' }),
    ).toBeNull();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  it('downloads the CSV of the previewed candidate under the backend file name', async () => {
    const createObjectURL = jest.fn(() => 'blob:impact-1');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    const blob = new Blob(['account_id\r\n'], { type: 'text/csv' });
    const downloadPolicyImpactCsv = jest.fn().mockResolvedValue({
      blob,
      filename: 'golden-path-impact-fedcba9876543210.csv',
    });
    await renderPage(
      mockApi({
        previewPolicyImpact: jest.fn().mockResolvedValue(impact()),
        downloadPolicyImpactCsv,
      }),
    );
    await pasteCandidate(STRICTER);
    await screen.findByRole('table', { name: 'Accounts that change' });
    // Edits after the preview do not change what the download covers.
    fireEvent.change(editor(), { target: { value: 'allowedRegions: []\n' } });
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() =>
      expect(clicked).toEqual(['golden-path-impact-fedcba9876543210.csv']),
    );
    expect(downloadPolicyImpactCsv).toHaveBeenCalledWith({
      policyYaml: STRICTER,
    });
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    click.mockRestore();
  });

  it('reads the field out of the validation messages of the audit', () => {
    expect(fieldOfMessage('Invalid policyYaml.allowedRegions: bad. Fix')).toBe(
      'allowedRegions',
    );
    expect(fieldOfMessage('Invalid policy.capacityCaps.Standard: x')).toBe(
      'capacityCaps.Standard',
    );
    expect(
      fieldOfMessage('Invalid policyYaml: not YAML at line 2, column 3: x'),
    ).toBeUndefined();
    expect(fieldOfMessage('Not allowed to read the fleet')).toBeUndefined();
  });
});
