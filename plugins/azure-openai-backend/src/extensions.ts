import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AccountSource, EvidenceSource, PolicySource } from './types';

/**
 * Lets a backend module plug Azure access into the audit plugin: discovery (`AccountSource`),
 * evidence collection (`EvidenceSource`) and, optionally, the golden-path policy
 * (`PolicySource`). Each can be set once.
 *
 * @public
 */
export interface AzureOpenAIAuditSourcesExtensionPoint {
  setAccountSource(source: AccountSource): void;
  setEvidenceSource(source: EvidenceSource): void;
  setPolicySource(source: PolicySource): void;
}

/**
 * Extension point for {@link AzureOpenAIAuditSourcesExtensionPoint}.
 *
 * @public
 */
export const azureOpenAIAuditSourcesExtensionPoint =
  createExtensionPoint<AzureOpenAIAuditSourcesExtensionPoint>({
    id: 'azure-openai.audit-sources',
  });
