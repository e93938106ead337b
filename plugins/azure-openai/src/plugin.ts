import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { azureOpenAIApiRef } from './api/AzureOpenAIApi';
import { AzureOpenAIClient } from './api/AzureOpenAIClient';
import type { AzureOpenAIPolicyChoiceUiOptions } from './components/AzureOpenAIPolicyChoice';
import type { EntityAzureOpenAICardProps } from './components/EntityAzureOpenAICard';
import { modelDeploymentsField, policyChoiceField } from './fields';
import {
  entityContentRouteRef,
  policyImpactRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The Azure OpenAI posture plugin for the legacy frontend system.
 *
 * @public
 */
export const azureOpenAIPlugin = createPlugin({
  id: 'azure-openai',
  apis: [
    createApiFactory({
      api: azureOpenAIApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AzureOpenAIClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    policyImpact: policyImpactRouteRef,
  },
});

/**
 * Entity overview card: grade, score, counts, top failing controls and "Scan now".
 *
 * @public
 */
export const EntityAzureOpenAICard: (
  props: EntityAzureOpenAICardProps,
) => JSX.Element = azureOpenAIPlugin.provide(
  createComponentExtension({
    name: 'EntityAzureOpenAICard',
    component: {
      lazy: () =>
        import('./components/EntityAzureOpenAICard').then(
          m => m.EntityAzureOpenAICard,
        ),
    },
  }),
);

/**
 * Entity tab content: every control of every linked account with evidence and remediation.
 *
 * @public
 */
export const EntityAzureOpenAIContent: () => JSX.Element =
  azureOpenAIPlugin.provide(
    createRoutableExtension({
      name: 'EntityAzureOpenAIContent',
      component: () =>
        import('./components/EntityAzureOpenAIContent').then(
          m => m.EntityAzureOpenAIContent,
        ),
      mountPoint: entityContentRouteRef,
    }),
  );

/**
 * The fleet page: every account with its grade, roll-ups by owner and by control, golden-path
 * adoption, and (at its sub-path `policy-impact`, route `policyImpact`) the policy impact preview.
 *
 * @public
 */
export const AzureOpenAIFleetPage: () => JSX.Element =
  azureOpenAIPlugin.provide(
    createRoutableExtension({
      name: 'AzureOpenAIFleetPage',
      component: () =>
        import('./components/AzureOpenAIFleetPage').then(
          m => m.AzureOpenAIFleetPage,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * Scaffolder form field `AzureOpenAIPolicyChoice`: a subscription, region or content filter
 * profile the golden-path policy allows (`ui:options.choice`). Put it inside the app's
 * `<ScaffolderFieldExtensions>`.
 *
 * @remarks
 * Provided by this plugin (not by the scaffolder plugin) so that using the field also installs
 * the plugin's API, which the field reads the golden-path options from.
 *
 * @public
 */
export const AzureOpenAIPolicyChoiceFieldExtension = azureOpenAIPlugin.provide(
  createScaffolderFieldExtension<string, AzureOpenAIPolicyChoiceUiOptions>({
    ...policyChoiceField,
    schema: policyChoiceField.schema.schema,
  }),
);

/**
 * Scaffolder form field `AzureOpenAIModelDeployments`: the list of model deployments, limited to
 * approved models and versions, allowed SKUs and capacity caps. Put it inside the app's
 * `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const AzureOpenAIModelDeploymentsFieldExtension =
  azureOpenAIPlugin.provide(
    createScaffolderFieldExtension({
      ...modelDeploymentsField,
      schema: modelDeploymentsField.schema.schema,
    }),
  );
