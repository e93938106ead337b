export { AzureOpenAIPolicyChoice } from './AzureOpenAIPolicyChoice';
export type {
  AzureOpenAIPolicyChoiceProps,
  AzureOpenAIPolicyChoiceUiOptions,
} from './AzureOpenAIPolicyChoice';
export { azureOpenAIPolicyChoiceValidation } from './validation';
export { AzureOpenAIPolicyChoiceFieldSchema } from './schema';
