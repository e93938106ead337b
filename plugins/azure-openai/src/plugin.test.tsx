import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { azureOpenAIApiRef } from './api/AzureOpenAIApi';
import { entityContentRouteRef } from './routes';
import {
  azureOpenAIPlugin,
  AzureOpenAIModelDeploymentsFieldExtension,
  AzureOpenAIPolicyChoiceFieldExtension,
  EntityAzureOpenAICard,
  EntityAzureOpenAIContent,
} from './plugin';
import {
  componentEntity,
  insecurePosture,
  mockApi,
} from './testUtils/fixtures';

describe('legacy frontend system exports', () => {
  it('declares the plugin with its API and routes', () => {
    expect(azureOpenAIPlugin.getId()).toBe('azure-openai');
    expect(
      [...azureOpenAIPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual(['plugin.azure-openai.service']);
    expect(Object.keys(azureOpenAIPlugin.routes).sort()).toEqual([
      'entityContent',
      'policyImpact',
      'root',
    ]);
  });

  it('renders the card and the tab extensions inside an entity page', async () => {
    const api = mockApi({
      getEntityPosture: jest.fn().mockResolvedValue(insecurePosture),
      getAccountHistory: jest.fn().mockResolvedValue({
        account: insecurePosture.accounts[0].account,
        items: [],
      }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [azureOpenAIApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={componentEntity}>
          <EntityAzureOpenAICard />
          <Routes>
            <Route
              path="/azure-openai"
              element={<EntityAzureOpenAIContent />}
            />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: ['/azure-openai'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/azure-openai': entityContentRouteRef,
        },
      },
    );
    expect(await screen.findByText('Azure OpenAI posture')).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'aoai-search-legacy' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('img', { name: 'Grade F' }).length).toBe(2);
  });

  it('provides the template form fields to the scaffolder through <ScaffolderFieldExtensions>', async () => {
    const outlet = (
      <ScaffolderFieldExtensions>
        <AzureOpenAIPolicyChoiceFieldExtension />
        <AzureOpenAIModelDeploymentsFieldExtension />
      </ScaffolderFieldExtensions>
    );
    function InstalledFields() {
      const fields = useCustomFieldExtensions(outlet);
      return (
        <ul>
          {fields.map(field => (
            <li key={field.name}>
              {field.name}
              {field.validation ? ' (validated)' : ''}
            </li>
          ))}
        </ul>
      );
    }
    await renderInTestApp(<InstalledFields />);
    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual([
      'AzureOpenAIPolicyChoice (validated)',
      'AzureOpenAIModelDeployments (validated)',
    ]);
  });
});
