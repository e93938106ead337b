import {
  AzureOpenAIModelDeployments,
  AzureOpenAIModelDeploymentsFieldSchema,
  azureOpenAIModelDeploymentsValidation,
} from './components/AzureOpenAIModelDeployments';
import {
  AzureOpenAIPolicyChoice,
  AzureOpenAIPolicyChoiceFieldSchema,
  azureOpenAIPolicyChoiceValidation,
} from './components/AzureOpenAIPolicyChoice';

/**
 * The golden-path template form fields, as both frontend systems register them: name (the
 * template's `ui:field`), component, validation and the schema the template editor shows.
 */
export const policyChoiceField = {
  name: 'AzureOpenAIPolicyChoice',
  component: AzureOpenAIPolicyChoice,
  validation: azureOpenAIPolicyChoiceValidation,
  schema: AzureOpenAIPolicyChoiceFieldSchema,
};

/** See {@link policyChoiceField}. */
export const modelDeploymentsField = {
  name: 'AzureOpenAIModelDeployments',
  component: AzureOpenAIModelDeployments,
  validation: azureOpenAIModelDeploymentsValidation,
  schema: AzureOpenAIModelDeploymentsFieldSchema,
};
