import {
  AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE,
  AZURE_RESOURCE_ID_ANNOTATION,
  azureOpenAIPermissions,
  azureOpenAIPostureReadPermission,
} from './permissions';

describe('permissions', () => {
  it('exports the eight plugin permissions with stable names', () => {
    expect(azureOpenAIPermissions.map(p => p.name)).toEqual([
      'azure-openai.posture.read',
      'azure-openai.scan.create',
      'azure-openai.waiver.request',
      'azure-openai.waiver.approve',
      'azure-openai.attestation.create',
      'azure-openai.export.read',
      'azure-openai.fleet.read',
      'azure-openai.golden-path.read',
    ]);
  });

  it('makes entity-scoped permissions resource permissions on catalog entities', () => {
    const byName = Object.fromEntries(
      azureOpenAIPermissions.map(p => [p.name, p]),
    );
    for (const name of [
      'azure-openai.posture.read',
      'azure-openai.scan.create',
      'azure-openai.waiver.request',
      'azure-openai.attestation.create',
    ]) {
      expect(byName[name]).toMatchObject({
        type: 'resource',
        resourceType: 'catalog-entity',
      });
    }
    for (const name of [
      'azure-openai.waiver.approve',
      'azure-openai.export.read',
      'azure-openai.fleet.read',
      'azure-openai.golden-path.read',
    ]) {
      expect(byName[name].type).toBe('basic');
    }
    expect(azureOpenAIPostureReadPermission.attributes).toEqual({
      action: 'read',
    });
  });

  it('exports the catalog annotation and resource type', () => {
    expect(AZURE_RESOURCE_ID_ANNOTATION).toBe(
      'management.azure.com/resourceId',
    );
    expect(AZURE_OPENAI_ACCOUNT_RESOURCE_TYPE).toBe('azure-openai-account');
  });
});
