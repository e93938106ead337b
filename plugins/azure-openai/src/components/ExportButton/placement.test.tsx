import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import {
  azureOpenAIApiRef,
  type AzureOpenAIApi,
} from '../../api/AzureOpenAIApi';
import {
  componentEntity,
  insecurePosture,
  mockApi,
} from '../../testUtils/fixtures';
import { AzureOpenAIFleetPage } from '../AzureOpenAIFleetPage';
import { EntityAzureOpenAIContent } from '../EntityAzureOpenAIContent';

/** An API whose reads answer empty pages and whose export download is recorded. */
function exportingApi() {
  const downloadExport = jest
    .fn()
    .mockResolvedValue({ blob: new Blob(['x']), filename: 'x.json' });
  const overrides: Record<string, unknown> = {
    downloadExport,
    getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
    getAccountHistory: jest.fn().mockResolvedValue({
      account: insecurePosture.accounts[0].account,
      items: [],
    }),
    listFleet: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    // Read by the governance panels where they are present.
    listWaivers: jest.fn().mockResolvedValue({ items: [] }),
    listAttestations: jest.fn().mockResolvedValue({ items: [] }),
  };
  return {
    api: mockApi(overrides as Partial<AzureOpenAIApi>),
    downloadExport,
  };
}

function render(api: AzureOpenAIApi, children: ReactNode, path = '/') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [azureOpenAIApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {children}
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

async function exportAs(buttonName: string, format: RegExp) {
  await userEvent.click(
    await screen.findByRole('button', { name: buttonName }),
  );
  await userEvent.click(screen.getByRole('menuitem', { name: format }));
}

describe('ExportButton placement', () => {
  beforeEach(() => {
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:x'),
      revokeObjectURL: jest.fn(),
    });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
  });
  afterEach(() => jest.restoreAllMocks());

  it('exports the whole fleet from the fleet page', async () => {
    const { api, downloadExport } = exportingApi();
    await render(api, <AzureOpenAIFleetPage />);
    await exportAs('Export fleet', /^SARIF/);
    await waitFor(() =>
      expect(downloadExport).toHaveBeenCalledWith({ type: 'fleet' }, 'sarif'),
    );
  });

  it("exports the owner's accounts when the fleet page is filtered by owner", async () => {
    const { api, downloadExport } = exportingApi();
    await render(
      api,
      <AzureOpenAIFleetPage />,
      '/?owner=group%3Adefault%2Fteam-chat',
    );
    await exportAs("Export group:default/team-chat's accounts", /^CSV/);
    await waitFor(() =>
      expect(downloadExport).toHaveBeenCalledWith(
        { type: 'owner', ownerRef: 'group:default/team-chat' },
        'csv',
      ),
    );
  });

  it("exports the entity's accounts from the entity tab", async () => {
    const { api, downloadExport } = exportingApi();
    await render(
      api,
      <EntityProvider entity={componentEntity}>
        <EntityAzureOpenAIContent />
      </EntityProvider>,
    );
    await exportAs('Export evidence', /^Markdown evidence pack/);
    await waitFor(() =>
      expect(downloadExport).toHaveBeenCalledWith(
        { type: 'entity', entityRef: 'component:default/search-api' },
        'md',
      ),
    );
  });
});
