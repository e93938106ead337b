import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AccountSource, EvidenceSource, PolicySource } from './sources';

/**
 * Lets a backend module plug Azure access into the audit plugin
 * (`@pavedai/plugin-azure-openai-backend`, plugin id `azure-openai`): discovery
 * (`AccountSource`), evidence collection (`EvidenceSource`) and, optionally, the golden-path
 * policy (`PolicySource`). Each can be set once.
 *
 * @public
 */
export interface AzureOpenAIAuditSourcesExtensionPoint {
  /** Sets how the audit finds accounts. */
  setAccountSource(source: AccountSource): void;
  /** Sets how the audit collects an account's evidence. */
  setEvidenceSource(source: EvidenceSource): void;
  /** Sets where the golden-path policy comes from (default: `azureOpenAI.goldenPath`). */
  setPolicySource(source: PolicySource): void;
}

/**
 * Extension point for {@link AzureOpenAIAuditSourcesExtensionPoint}. It lives in this node
 * library so that modules providing sources do not depend on the audit plugin package.
 *
 * @public
 */
export const azureOpenAIAuditSourcesExtensionPoint =
  createExtensionPoint<AzureOpenAIAuditSourcesExtensionPoint>({
    id: 'azure-openai.audit-sources',
  });
