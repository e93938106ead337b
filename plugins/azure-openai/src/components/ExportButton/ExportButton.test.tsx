import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { azureOpenAIApiRef } from '../../api/AzureOpenAIApi';
import { mockApi } from '../../testUtils/fixtures';
import { ExportButton } from './ExportButton';

describe('ExportButton', () => {
  let clicked: Array<{ href: string; download: string }>;
  const createObjectURL = jest.fn(() => 'blob:export-1');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    clicked = [];
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push({ href: this.href, download: this.download });
      });
  });

  afterEach(() => jest.restoreAllMocks());

  async function open(api: ReturnType<typeof mockApi>, scope: any) {
    await renderInTestApp(
      <TestApiProvider apis={[[azureOpenAIApiRef, api]]}>
        <ExportButton scope={scope} />
      </TestApiProvider>,
    );
  }

  it('offers the four formats and downloads the chosen one under the backend file name', async () => {
    const blob = new Blob(['account_id\r\n'], { type: 'text/csv' });
    const downloadExport = jest.fn().mockResolvedValue({
      blob,
      filename: 'azure-openai-evidence-component-default-search-api.csv',
    });
    const api = mockApi({ downloadExport });
    await open(api, {
      type: 'entity',
      entityRef: 'component:default/search-api',
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Export evidence' }),
    );
    const items = screen.getAllByRole('menuitem').map(i => i.textContent);
    expect(items).toEqual([
      expect.stringContaining('JSON'),
      expect.stringContaining('CSV'),
      expect.stringContaining('SARIF'),
      expect.stringContaining('Markdown evidence pack'),
    ]);
    await userEvent.click(screen.getByRole('menuitem', { name: /^CSV/ }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(downloadExport).toHaveBeenCalledWith(
      { type: 'entity', entityRef: 'component:default/search-api' },
      'csv',
    );
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked[0]).toEqual({
      href: 'blob:export-1',
      download: 'azure-openai-evidence-component-default-search-api.csv',
    });
    await waitFor(() =>
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:export-1'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows the backend's error when the export is refused", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed to read the Azure OpenAI fleet',
        },
        request: {
          method: 'GET',
          url: '/exports/owners/group/default/team-chat',
        },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    const downloadExport = jest
      .fn()
      .mockRejectedValue(await ResponseError.fromResponse(response));
    await open(mockApi({ downloadExport }), {
      type: 'owner',
      ownerRef: 'group:default/team-chat',
    });

    await userEvent.click(
      screen.getByRole('button', {
        name: "Export group:default/team-chat's accounts",
      }),
    );
    await userEvent.click(
      screen.getByRole('menuitem', { name: /^Markdown evidence pack/ }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Export failed: Not allowed to read the Azure OpenAI fleet',
    );
    expect(clicked).toEqual([]);
    // The button is usable again for another try.
    expect(
      screen.getByRole('button', {
        name: "Export group:default/team-chat's accounts",
      }),
    ).toBeEnabled();
  });
});
