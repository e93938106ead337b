import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  createSubRouteRef,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
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

/**
 * Route of the fleet page in the new frontend system. The app's nav lists pages that have a
 * route ref, a title and an icon.
 */
const fleetPageRouteRef = createRouteRef();

/** The policy impact preview, a sub-path of the fleet page (the fleet page renders it). */
const policyImpactRouteRef = createSubRouteRef({
  parent: fleetPageRouteRef,
  path: '/policy-impact',
});

/** The fleet page at `/azure-openai` (and the policy impact preview at `/azure-openai/policy-impact`); its route ref, title and icon put it in the sidebar. */
const azureOpenAIFleetPage = PageBlueprint.make({
  params: {
    path: '/azure-openai',
    routeRef: fleetPageRouteRef,
    title: 'Azure OpenAI',
    icon: <CloudIcon />,
    loader: () =>
      import('./components/AzureOpenAIFleetPage').then(m => (
        <m.AzureOpenAIFleetPage />
      )),
  },
});

/**
 * Scaffolder form field `AzureOpenAIPolicyChoice` (a subscription, region or content filter
 * profile the golden-path policy allows). It attaches to the scaffolder's form-fields API.
 */
const azureOpenAIPolicyChoiceFormField = FormFieldBlueprint.make({
  name: 'policy-choice',
  params: {
    field: () => import('./formFields').then(m => m.policyChoiceFormField),
  },
});

/**
 * Scaffolder form field `AzureOpenAIModelDeployments` (model deployments within the golden-path
 * policy). It attaches to the scaffolder's form-fields API.
 */
const azureOpenAIModelDeploymentsFormField = FormFieldBlueprint.make({
  name: 'model-deployments',
  params: {
    field: () => import('./formFields').then(m => m.modelDeploymentsFormField),
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
  routes: { root: fleetPageRouteRef, policyImpact: policyImpactRouteRef },
  extensions: [
    azureOpenAIApi,
    azureOpenAIEntityCard,
    azureOpenAIEntityContent,
    azureOpenAIFleetPage,
    azureOpenAIPolicyChoiceFormField,
    azureOpenAIModelDeploymentsFormField,
  ],
});
