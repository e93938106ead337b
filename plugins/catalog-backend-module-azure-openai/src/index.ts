/**
 * Catalog entity provider for the Azure OpenAI golden path: every discovered Azure OpenAI
 * account becomes a `Resource` entity.
 *
 * @packageDocumentation
 */

export {
  catalogModuleAzureOpenAIEntityProvider as default,
  azureOpenAIAccountSourceServiceRef,
} from './module/catalogModuleAzureOpenAIEntityProvider';
export { AzureOpenAIEntityProvider } from './provider/AzureOpenAIEntityProvider';
export type {
  ArmAccountSummary,
  AzureOpenAIAccountSource,
} from './provider/types';
