import plugin from './alpha';

describe('azure-openai frontend plugin (new frontend system)', () => {
  it('provides the API, the entity card and tab, and the fleet page', () => {
    expect(plugin.id).toBe('azure-openai');
    for (const id of [
      'api:azure-openai',
      'entity-card:azure-openai/posture',
      'entity-content:azure-openai/posture',
      'page:azure-openai',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('routes the fleet page so the app lists it in the sidebar', () => {
    expect(plugin.routes.root).toBeDefined();
  });
});
