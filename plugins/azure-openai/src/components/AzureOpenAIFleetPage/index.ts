export { AzureOpenAIFleetPage } from './AzureOpenAIFleetPage';
