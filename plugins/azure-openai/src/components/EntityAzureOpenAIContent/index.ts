export { EntityAzureOpenAIContent } from './EntityAzureOpenAIContent';
