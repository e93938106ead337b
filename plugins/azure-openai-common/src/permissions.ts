import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Catalog annotation holding the ARM resource id of an Azure OpenAI account.
 *
 * @public
 */
export const AZURE_RESOURCE_ID_ANNOTATION = 'management.azure.com/resourceId';

/**
 * `spec.type` of the catalog `Resource` entities that represent Azure OpenAI accounts.
 *
 * @public
 */
export const AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE = 'azure-openai-account';

/**
 * Read the posture (results, history) of a catalog entity. Resource-typed to catalog entities so
 * it can be authorised per entity (`catalog-entity`).
 *
 * @public
 */
export const azureOpenAIPostureReadPermission = createPermission({
  name: 'azure-openai.posture.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Trigger a scan of an entity's accounts.
 *
 * @public
 */
export const azureOpenAIScanCreatePermission = createPermission({
  name: 'azure-openai.scan.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Request a waiver for a control on an entity's account.
 *
 * @public
 */
export const azureOpenAIWaiverRequestPermission = createPermission({
  name: 'azure-openai.waiver.request',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Approve (or reject) a waiver request.
 *
 * @public
 */
export const azureOpenAIWaiverApprovePermission = createPermission({
  name: 'azure-openai.waiver.approve',
  attributes: { action: 'update' },
});

/**
 * Record an attestation for a manual control.
 *
 * @public
 */
export const azureOpenAIAttestationCreatePermission = createPermission({
  name: 'azure-openai.attestation.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Export evidence (JSON, CSV, SARIF, Markdown evidence pack).
 *
 * @public
 */
export const azureOpenAIExportReadPermission = createPermission({
  name: 'azure-openai.export.read',
  attributes: { action: 'read' },
});

/**
 * Read the fleet view (every account, including ones outside the catalog).
 *
 * @public
 */
export const azureOpenAIFleetReadPermission = createPermission({
  name: 'azure-openai.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Read the golden-path options (allowed subscriptions, regions, models, SKUs, content filter
 * profiles) that template forms offer.
 *
 * @public
 */
export const azureOpenAIGoldenPathReadPermission = createPermission({
  name: 'azure-openai.golden-path.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the Azure OpenAI plugins, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const azureOpenAIPermissions = [
  azureOpenAIPostureReadPermission,
  azureOpenAIScanCreatePermission,
  azureOpenAIWaiverRequestPermission,
  azureOpenAIWaiverApprovePermission,
  azureOpenAIAttestationCreatePermission,
  azureOpenAIExportReadPermission,
  azureOpenAIFleetReadPermission,
  azureOpenAIGoldenPathReadPermission,
];
