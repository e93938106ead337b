export type {
  ProvisionInputs,
  ProvisionDeploymentInput,
  ProvisionCustomerManagedKey,
  ProvisionProblem,
  ArmBody,
  ArmResourceRequest,
  DesiredState,
  BlockingControl,
  PreflightResult,
} from './types';
export { validateProvisionInputs, OPENAI_PRIVATE_DNS_ZONE } from './validate';
export {
  buildDesiredState,
  GOLDEN_PATH_API_VERSIONS,
  GOLDEN_PATH_LOG_CATEGORIES,
} from './build';
export { desiredStateEvidence } from './evidence';
export { preflight, defaultPreflightControls } from './preflight';
export { deterministicGuid, GOLDEN_PATH_GUID_NAMESPACE } from './guid';
export { goldenPathOptions, skuAllowedByResidency } from './options';
export { desiredStateToArmTemplate } from './armTemplate';
export type { ArmDeploymentTemplate } from './armTemplate';
export {
  computePolicyImpact,
  diffEvaluations,
  renderPolicyImpactMarkdown,
} from './impact';
export type {
  PolicyImpactEvidence,
  PolicyImpactEvidenceReader,
  PolicyImpactGovernance,
  PolicyImpactOptions,
} from './impact';
export { armDifferences } from './armDiff';
export type { ArmFieldDifference } from './armDiff';
export {
  compareWithDesiredState,
  driftResourceLabel,
  MISSING_RESOURCE_FIELD,
} from './drift';
export type { GoldenPathDifference } from './drift';
