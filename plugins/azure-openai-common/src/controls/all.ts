import type { ControlDefinition } from '../types';
import { privateEndpointApproved } from './network/privateEndpointApproved';
import { publicNetworkAccessDisabled } from './network/publicNetworkAccessDisabled';
import { networkSecurityPerimeterEnforced } from './network/networkSecurityPerimeterEnforced';
import { virtualNetworkIntegration } from './network/virtualNetworkIntegration';
import { privateDnsZones } from './network/privateDnsZones';
import { privateEndpointHygiene } from './network/privateEndpointHygiene';
import { localAuthDisabled } from './identity/localAuthDisabled';
import { customSubdomain } from './identity/customSubdomain';
import { managedIdentity } from './identity/managedIdentity';
import { privilegedRoleAssignments } from './identity/privilegedRoleAssignments';
import { consumerRoles } from './identity/consumerRoles';
import { documentLevelAccess } from './identity/documentLevelAccess';
import { apiKeyStorage } from './identity/apiKeyStorage';
import { customerManagedKeys } from './data/customerManagedKeys';
import { contentFiltering } from './data/contentFiltering';
import { dataLossPrevention } from './data/dataLossPrevention';
import { promptShields } from './data/promptShields';
import { groundednessDetection } from './data/groundednessDetection';
import { diagnosticSettings } from './logging/diagnosticSettings';
import { securityAlerts } from './logging/securityAlerts';
import { activityLogExport } from './logging/activityLogExport';
import { defenderForAI } from './logging/defenderForAI';
import { noAbusePenalty } from './logging/noAbusePenalty';
import { contentFilterMonitoring } from './logging/contentFilterMonitoring';
import { accountChangeAlerts } from './logging/accountChangeAlerts';
import { azurePolicyAssignments } from './governance/azurePolicyAssignments';
import { purviewIntegration } from './governance/purviewIntegration';
import { responsibleAIPractices } from './governance/responsibleAIPractices';
import { complianceDocumentation } from './governance/complianceDocumentation';
import { allowedRegion } from './governance/allowedRegion';
import { deploymentResidency } from './governance/deploymentResidency';
import { requiredTags } from './governance/requiredTags';
import { approvedModels } from './governance/approvedModels';
import { multiRegion } from './resilience/multiRegion';
import { apiManagementLoadBalancing } from './resilience/apiManagementLoadBalancing';
import { fineTunedModelBackup } from './resilience/fineTunedModelBackup';
import { disasterRecoveryTests } from './resilience/disasterRecoveryTests';
import { deleteLock } from './resilience/deleteLock';
import { dataRecoveryPlan } from './resilience/dataRecoveryPlan';
import { modelVersionUpgrade } from './resilience/modelVersionUpgrade';
import { retiringModels } from './resilience/retiringModels';
import { softDeletedAccounts } from './resilience/softDeletedAccounts';
import { explicitRaiPolicy } from './service/explicitRaiPolicy';
import { promptEngineeringSafeguards } from './service/promptEngineeringSafeguards';
import { protectedMaterial } from './service/protectedMaterial';
import { capacityCaps } from './service/capacityCaps';
import { dynamicThrottling } from './service/dynamicThrottling';
import { streamingMode } from './service/streamingMode';

/** Every control of the catalog (registration order; the catalog sorts). */
export const ALL_CONTROLS: readonly ControlDefinition[] = Object.freeze(
  [
    privateEndpointApproved,
    publicNetworkAccessDisabled,
    networkSecurityPerimeterEnforced,
    virtualNetworkIntegration,
    privateDnsZones,
    privateEndpointHygiene,
    localAuthDisabled,
    customSubdomain,
    managedIdentity,
    privilegedRoleAssignments,
    consumerRoles,
    documentLevelAccess,
    apiKeyStorage,
    customerManagedKeys,
    contentFiltering,
    dataLossPrevention,
    promptShields,
    groundednessDetection,
    diagnosticSettings,
    securityAlerts,
    activityLogExport,
    defenderForAI,
    noAbusePenalty,
    contentFilterMonitoring,
    accountChangeAlerts,
    azurePolicyAssignments,
    purviewIntegration,
    responsibleAIPractices,
    complianceDocumentation,
    allowedRegion,
    deploymentResidency,
    requiredTags,
    approvedModels,
    multiRegion,
    apiManagementLoadBalancing,
    fineTunedModelBackup,
    disasterRecoveryTests,
    deleteLock,
    dataRecoveryPlan,
    modelVersionUpgrade,
    retiringModels,
    softDeletedAccounts,
    explicitRaiPolicy,
    promptEngineeringSafeguards,
    protectedMaterial,
    capacityCaps,
    dynamicThrottling,
    streamingMode,
  ].map(c => Object.freeze(c)),
);
