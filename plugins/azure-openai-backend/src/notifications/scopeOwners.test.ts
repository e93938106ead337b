import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AZURE_RESOURCE_ID_ANNOTATION } from '@pavedai/plugin-azure-openai-common';
import { EntityLinker } from '../linking/EntityLinker';
import { createFakeCatalog } from '../testUtils/fakeCatalog';
import { testResourceId } from '../testUtils/fixtures';
import { createScopeOwnerResolver } from './scopeOwners';

const CLAIMED = testResourceId('aoai-chat-prod');
const TAGGED = testResourceId('aoai-orphan');

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-chat-prod',
      namespace: 'default',
      annotations: { [AZURE_RESOURCE_ID_ANNOTATION]: CLAIMED },
    },
    spec: { type: 'azure-openai-account', owner: 'team-chat' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'search-api', namespace: 'search' },
    spec: { type: 'service', owner: 'team-search', lifecycle: 'production' },
  },
];

describe('createScopeOwnerResolver', () => {
  const catalog = createFakeCatalog(ENTITIES);
  const auth = mockServices.auth();
  const resolve = createScopeOwnerResolver({
    catalog,
    auth,
    linker: EntityLinker.create({ catalog, auth }),
    audit: {
      getAccount: async id =>
        id === TAGGED
          ? ({ owner: 'group:default/team-platform' } as any)
          : undefined,
    },
  });

  it("uses an entity's owner, in the entity's namespace", async () => {
    expect(
      await resolve({
        type: 'entity',
        entityRef: 'component:search/search-api',
      }),
    ).toEqual({
      owner: 'group:search/team-search',
      entityRef: 'component:search/search-api',
    });
  });

  it('uses the owner of the entity that carries the account, else the owner from its tags', async () => {
    expect(
      await resolve({ type: 'account', resourceId: CLAIMED.toUpperCase() }),
    ).toEqual({
      owner: 'group:default/team-chat',
      entityRef: 'resource:default/aoai-chat-prod',
    });
    expect(await resolve({ type: 'account', resourceId: TAGGED })).toEqual({
      owner: 'group:default/team-platform',
      entityRef: undefined,
    });
  });
});
