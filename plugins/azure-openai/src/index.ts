/**
 * Azure OpenAI posture for Backstage: entity card, entity tab and fleet page.
 *
 * @packageDocumentation
 */
export {
  azureOpenAIPlugin,
  AzureOpenAIFleetPage,
  EntityAzureOpenAICard,
  EntityAzureOpenAIContent,
} from './plugin';
export {
  isAzureOpenAIAvailable,
  isAzureOpenAICardApplicable,
} from './isAzureOpenAIAvailable';
export * from './api';
export type { EntityAzureOpenAICardProps } from './components/EntityAzureOpenAICard';
