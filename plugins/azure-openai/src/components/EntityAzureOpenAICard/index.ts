export { EntityAzureOpenAICard } from './EntityAzureOpenAICard';
export type { EntityAzureOpenAICardProps } from './EntityAzureOpenAICard';
