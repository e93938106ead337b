import type { ControlArea } from '../types';

/**
 * A practice of the seed article "Secure your Azure OpenAI Service deployment".

 * @public
 */
export interface SeedPractice {
  /** Area. */
  area: ControlArea;
  /** Exact title as in the seed (bold text). */
  title: string;
  /** The seed's link text. */
  linkTitle: string;
  /** The seed's link (made absolute). */
  url: string;
}

/**
 * The 35 practices of the seed article, in article order.
 *
 * @public
 */
export const SEED_PRACTICES: readonly SeedPractice[] = Object.freeze([
  {
    area: 'network',
    title: 'Enable private endpoints',
    linkTitle: 'Configure Azure OpenAI networking',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/network',
  },
  {
    area: 'network',
    title: 'Disable public network access',
    linkTitle: 'Network and access configuration for Azure OpenAI On Your Data',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/on-your-data-configuration#configure-azure-openai',
  },
  {
    area: 'network',
    title: 'Implement network security perimeter',
    linkTitle: 'Configure network security perimeter for Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/network-security-perimeter',
  },
  {
    area: 'network',
    title: 'Configure virtual network integration',
    linkTitle: 'Configure Virtual Networks for Azure AI services',
    url: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
  },
  {
    area: 'network',
    title: 'Implement proper DNS configuration',
    linkTitle: 'Network and access configuration for Azure OpenAI On Your Data',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/on-your-data-configuration#web-app',
  },
  {
    area: 'identity',
    title: 'Use Microsoft Entra ID authentication',
    linkTitle: 'Authenticate requests to Azure AI services',
    url: 'https://learn.microsoft.com/azure/ai-services/authentication',
  },
  {
    area: 'identity',
    title: 'Enable managed identity authentication',
    linkTitle: 'Use managed identities with Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/managed-identity',
  },
  {
    area: 'identity',
    title: 'Implement role-based access control (RBAC)',
    linkTitle: 'Azure OpenAI Service RBAC roles',
    url: 'https://learn.microsoft.com/azure/ai-services/openai/how-to/role-based-access-control',
  },
  {
    area: 'identity',
    title: 'Configure document-level access control',
    linkTitle: 'Network and access configuration for Azure OpenAI On Your Data',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/on-your-data-configuration#document-level-access-control',
  },
  {
    area: 'identity',
    title: 'Secure API key storage',
    linkTitle: 'API keys with Azure Key Vault',
    url: 'https://learn.microsoft.com/azure/key-vault/general/apps-api-keys-secrets',
  },
  {
    area: 'data',
    title: 'Enable customer-managed keys (CMK)',
    linkTitle: 'Azure OpenAI encryption of data at rest',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/encrypt-data-at-rest',
  },
  {
    area: 'data',
    title: 'Configure content filtering',
    linkTitle: 'Azure OpenAI Service content filtering',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter',
  },
  {
    area: 'data',
    title: 'Enable data loss prevention (DLP)',
    linkTitle: 'Configure data loss prevention for Azure AI services',
    url: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-data-loss-prevention',
  },
  {
    area: 'data',
    title: 'Implement prompt injection protection',
    linkTitle: 'Content filtering for prompt shields',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter-prompt-shields',
  },
  {
    area: 'data',
    title: 'Configure groundedness detection',
    linkTitle: 'Content filtering for groundedness detection',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter-groundedness',
  },
  {
    area: 'logging',
    title: 'Enable diagnostic settings',
    linkTitle: 'Monitor Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/monitor-openai',
  },
  {
    area: 'logging',
    title: 'Configure Azure Monitor alerts',
    linkTitle: 'Monitor Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/monitor-openai#analyze-monitoring-data',
  },
  {
    area: 'logging',
    title: 'Enable Azure Activity Log monitoring',
    linkTitle: 'Monitor Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/monitor-openai#azure-activity-log',
  },
  {
    area: 'logging',
    title: 'Implement abuse monitoring',
    linkTitle: 'Abuse monitoring',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/abuse-monitoring',
  },
  {
    area: 'logging',
    title: 'Monitor content filtering events',
    linkTitle: 'Monitor Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/monitor-openai',
  },
  {
    area: 'governance',
    title: 'Implement Azure Policy',
    linkTitle: 'Azure Policy for Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#cognitive-services',
  },
  {
    area: 'governance',
    title: 'Enable Microsoft Purview integration',
    linkTitle: 'Microsoft Purview security',
    url: 'https://learn.microsoft.com/purview/purview-security',
  },
  {
    area: 'governance',
    title: 'Configure responsible AI practices',
    linkTitle: 'Responsible AI for Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/responsible-ai/openai/',
  },
  {
    area: 'governance',
    title: 'Maintain compliance documentation',
    linkTitle: 'Azure security baseline for Azure OpenAI',
    url: 'https://learn.microsoft.com/security/benchmark/azure/baselines/azure-openai-security-baseline',
  },
  {
    area: 'governance',
    title: 'Implement data residency controls',
    linkTitle: 'Azure OpenAI Service regions',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/models#model-summary-table-and-region-availability',
  },
  {
    area: 'resilience',
    title: 'Implement multi-region deployments',
    linkTitle:
      'Business Continuity and Disaster Recovery considerations with Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/business-continuity-disaster-recovery',
  },
  {
    area: 'resilience',
    title: 'Configure API Management for load balancing',
    linkTitle:
      'Business Continuity and Disaster Recovery considerations with Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/business-continuity-disaster-recovery#supporting-infrastructure',
  },
  {
    area: 'resilience',
    title: 'Back up fine-tuned models',
    linkTitle: 'Fine-tuning Azure OpenAI models',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/fine-tuning',
  },
  {
    area: 'resilience',
    title: 'Test disaster recovery procedures',
    linkTitle:
      'Business Continuity and Disaster Recovery considerations with Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/business-continuity-disaster-recovery',
  },
  {
    area: 'resilience',
    title: 'Plan for data recovery',
    linkTitle:
      'Business Continuity and Disaster Recovery considerations with Azure OpenAI',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/business-continuity-disaster-recovery',
  },
  {
    area: 'service',
    title: 'Configure model-specific content filters',
    linkTitle: 'Configure content filters',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/content-filters',
  },
  {
    area: 'service',
    title: 'Implement prompt engineering safeguards',
    linkTitle:
      'System message framework and template recommendations for Large Language Models (LLMs)',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/system-message',
  },
  {
    area: 'service',
    title: 'Enable protected material detection',
    linkTitle: 'Content filtering for protected material',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter-protected-material',
  },
  {
    area: 'service',
    title: 'Implement rate limiting and quota management',
    linkTitle: 'Azure OpenAI Service quotas and limits',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits',
  },
  {
    area: 'service',
    title: 'Configure streaming security',
    linkTitle: 'Content streaming',
    url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-streaming',
  },
]);

/**
 * Display names of the areas, as the seed headings read.
 *
 * @public
 */
export const AREA_TITLES: Readonly<Record<ControlArea, string>> = Object.freeze(
  {
    network: 'Network security',
    identity: 'Identity and access management',
    data: 'Data protection',
    logging: 'Logging and monitoring',
    governance: 'Compliance and governance',
    resilience: 'Backup and recovery',
    service: 'Service-specific security',
  },
);
