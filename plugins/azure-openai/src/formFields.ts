import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { modelDeploymentsField, policyChoiceField } from './fields';

/** `AzureOpenAIPolicyChoice` for the new frontend system's scaffolder. */
export const policyChoiceFormField = createFormField(policyChoiceField);

/** `AzureOpenAIModelDeployments` for the new frontend system's scaffolder. */
export const modelDeploymentsFormField = createFormField(modelDeploymentsField);
