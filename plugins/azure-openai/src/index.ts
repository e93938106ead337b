/**
 * Azure OpenAI posture for Backstage: entity card, entity tab, fleet page and the golden-path
 * template form fields.
 *
 * @packageDocumentation
 */
export {
  azureOpenAIPlugin,
  AzureOpenAIFleetPage,
  AzureOpenAIModelDeploymentsFieldExtension,
  AzureOpenAIPolicyChoiceFieldExtension,
  EntityAzureOpenAICard,
  EntityAzureOpenAIContent,
} from './plugin';
export {
  isAzureOpenAIAvailable,
  isAzureOpenAICardApplicable,
} from './isAzureOpenAIAvailable';
export * from './api';
export type { EntityAzureOpenAICardProps } from './components/EntityAzureOpenAICard';
export {
  AzureOpenAIModelDeployments,
  AzureOpenAIModelDeploymentsFieldSchema,
  azureOpenAIModelDeploymentsValidation,
} from './components/AzureOpenAIModelDeployments';
export type {
  AzureOpenAIModelDeployment,
  AzureOpenAIModelDeploymentsProps,
} from './components/AzureOpenAIModelDeployments';
export {
  AzureOpenAIPolicyChoice,
  AzureOpenAIPolicyChoiceFieldSchema,
  azureOpenAIPolicyChoiceValidation,
} from './components/AzureOpenAIPolicyChoice';
export type {
  AzureOpenAIPolicyChoiceProps,
  AzureOpenAIPolicyChoiceUiOptions,
} from './components/AzureOpenAIPolicyChoice';
