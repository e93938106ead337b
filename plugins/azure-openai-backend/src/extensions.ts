// The extension point moved to `@pavedai/plugin-azure-openai-node` so that modules can provide
// sources without depending on this package; it stays exported here for compatibility.
export {
  azureOpenAIAuditSourcesExtensionPoint,
  type AzureOpenAIAuditSourcesExtensionPoint,
} from '@pavedai/plugin-azure-openai-node';
