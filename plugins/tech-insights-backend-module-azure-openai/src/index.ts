/**
 * Tech Insights backend module for the Azure OpenAI golden path: the `azure-openai-posture` fact
 * retriever (grade, score, failing critical and high controls, evaluation time per entity).
 *
 * @packageDocumentation
 */

export { techInsightsModuleAzureOpenAI as default } from './module';
export {
  azureOpenAIPostureFactRetriever,
  postureFacts,
  type AzureOpenAIPostureFacts,
} from './azureOpenAIPostureFactRetriever';
