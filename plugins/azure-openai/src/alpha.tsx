import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import CloudIcon from '@material-ui/icons/Cloud';
import { azureOpenAIApiRef } from './api/AzureOpenAIApi';
import { AzureOpenAIClient } from './api/AzureOpenAIClient';
import {
  isAzureOpenAIAvailable,
  isAzureOpenAICardApplicable,
} from './isAzureOpenAIAvailable';

/** The API client. */
const azureOpenAIApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: azureOpenAIApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureOpenAIClient({ discoveryApi, fetchApi }),
    }),
});

/** The overview card on components, systems and azure-openai-account resources. */
const azureOpenAIEntityCard = EntityCardBlueprint.make({
  name: 'posture',
  params: {
    filter: isAzureOpenAICardApplicable,
    loader: () =>
      import('./components/EntityAzureOpenAICard').then(m => (
        <m.EntityAzureOpenAICard />
      )),
  },
});

/** The "Azure OpenAI" tab. */
const azureOpenAIEntityContent = EntityContentBlueprint.make({
  name: 'posture',
  params: {
    path: 'azure-openai',
    title: 'Azure OpenAI',
    filter: isAzureOpenAIAvailable,
    loader: () =>
      import('./components/EntityAzureOpenAIContent').then(m => (
        <m.EntityAzureOpenAIContent />
      )),
  },
});

/** The fleet page at `/azure-openai`; its title and icon put it in the sidebar. */
const azureOpenAIFleetPage = PageBlueprint.make({
  params: {
    path: '/azure-openai',
    title: 'Azure OpenAI',
    icon: <CloudIcon />,
    loader: () =>
      import('./components/AzureOpenAIFleetPage').then(m => (
        <m.AzureOpenAIFleetPage />
      )),
  },
});

/**
 * The Azure OpenAI posture plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'azure-openai',
  title: 'Azure OpenAI',
  icon: <CloudIcon />,
  extensions: [
    azureOpenAIApi,
    azureOpenAIEntityCard,
    azureOpenAIEntityContent,
    azureOpenAIFleetPage,
  ],
});
