export { AzureOpenAIModelDeployments } from './AzureOpenAIModelDeployments';
export type {
  AzureOpenAIModelDeployment,
  AzureOpenAIModelDeploymentsProps,
} from './AzureOpenAIModelDeployments';
export { azureOpenAIModelDeploymentsValidation } from './validation';
export { AzureOpenAIModelDeploymentsFieldSchema } from './schema';
