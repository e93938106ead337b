import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import type { AuditConfig } from '../config';

/**
 * The policy the audit evaluates with: the golden-path policy plus the audit's own disabled and
 * non-waivable controls (`azureOpenAI.audit`). Scans and impact previews both use it.
 */
export function auditPolicy(
  base: GoldenPathPolicy,
  config: Pick<AuditConfig, 'disabledControls' | 'nonWaivableControls'>,
): GoldenPathPolicy {
  return {
    ...base,
    disabledControls: [
      ...(base.disabledControls ?? []),
      ...config.disabledControls,
    ],
    nonWaivableControls: [
      ...(base.nonWaivableControls ?? []),
      ...config.nonWaivableControls,
    ],
  };
}
