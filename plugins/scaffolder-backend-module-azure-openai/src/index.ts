/**
 * Scaffolder actions of the Azure OpenAI golden path: `azure:openai:provision` and
 * `azure:openai:audit`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleAzureOpenAI as default } from './module';
export { createProvisionAction } from './actions/provisionAction';
export type { ProvisionActionOptions } from './actions/provisionAction';
export { createAuditAction } from './actions/auditAction';
export { createDeploymentAction } from './actions/deploymentAction';
export { createRestoreAction } from './actions/restoreAction';
export { createAuditInputsSource } from './actions/recordedInputs';
export type { GoldenPathInputsSource } from './actions/recordedInputs';
export { createProvisioningArm } from './arm/provisioningArm';
export type { ProvisioningArm } from './arm/provisioningArm';
export type { ArmResourceClient, ArmResponse } from './arm/ArmResourceClient';
export type { ProvisionerSettings } from './provision/Provisioner';
export { readProvisioningConfig } from './config';
export type { ProvisioningConfig } from './config';
