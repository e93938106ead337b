export { azureOpenAIApiRef } from './AzureOpenAIApi';
export type { AzureOpenAIApi } from './AzureOpenAIApi';
export { AzureOpenAIClient } from './AzureOpenAIClient';
export type * from './types';
