import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { createFakeCatalog } from '../testUtils/fakeCatalog';
import { testResourceId } from '../testUtils/fixtures';
import { EntityLinker, ownershipFor } from './EntityLinker';

const ANNOTATION = 'management.azure.com/resourceId';

function resource(
  name: string,
  resourceId?: string,
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: resourceId ? { [ANNOTATION]: resourceId } : {},
    },
    spec: { type: 'azure-openai-account', owner: 'team-a', ...spec },
  };
}

const ENTITIES: Entity[] = [
  resource('aoai-one', testResourceId('aoai-one'), { system: 'payments' }),
  resource('aoai-two', testResourceId('aoai-two')),
  resource('aoai-three', testResourceId('aoai-three')),
  resource('not-azure'),
  resource('bad-annotation', 'not-an-arm-id'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { [ANNOTATION]: testResourceId('aoai-own') },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [
      { type: 'dependsOn', targetRef: 'resource:default/aoai-one' },
      { type: 'dependsOn', targetRef: 'resource:default/not-azure' },
      { type: 'dependsOn', targetRef: 'resource:default/missing' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'team-a' },
    relations: [
      { type: 'hasPart', targetRef: 'component:default/checkout' },
      { type: 'hasPart', targetRef: 'resource:default/aoai-two' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'lonely', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
];

describe('EntityLinker', () => {
  const linker = EntityLinker.create({
    catalog: createFakeCatalog(ENTITIES),
    auth: mockServices.auth(),
  });
  const credentials = mockCredentials.user();

  it('links a component to its own annotation and the resources it depends on', async () => {
    expect(
      await linker.resolveEntityAccounts(
        'component:default/checkout',
        credentials,
      ),
    ).toEqual({
      entityRef: 'component:default/checkout',
      accounts: [
        {
          resourceId: testResourceId('aoai-one'),
          linkedBy: ['resource:default/aoai-one'],
        },
        {
          resourceId: testResourceId('aoai-own'),
          linkedBy: ['component:default/checkout'],
        },
      ],
    });
  });

  it('links a system to its resources and to what its components depend on', async () => {
    const linked = await linker.resolveEntityAccounts(
      'system:default/payments',
      credentials,
    );
    expect(linked?.accounts.map(a => a.resourceId)).toEqual([
      testResourceId('aoai-one'),
      testResourceId('aoai-own'),
      testResourceId('aoai-two'),
    ]);
  });

  it('links a resource to its own account only, and nothing for unlinked entities', async () => {
    expect(
      (
        await linker.resolveEntityAccounts(
          'resource:default/aoai-three',
          credentials,
        )
      )?.accounts,
    ).toEqual([
      {
        resourceId: testResourceId('aoai-three'),
        linkedBy: ['resource:default/aoai-three'],
      },
    ]);
    expect(
      (
        await linker.resolveEntityAccounts(
          'component:default/lonely',
          credentials,
        )
      )?.accounts,
    ).toEqual([]);
    expect(
      await linker.resolveEntityAccounts('component:default/nope', credentials),
    ).toBeUndefined();
  });

  it('loads claims with owner and system refs, ignoring bad annotations', async () => {
    const claims = await linker.loadAccountClaims();
    expect(claims.get(testResourceId('aoai-one').toLowerCase())).toEqual({
      resourceId: testResourceId('aoai-one'),
      entityRef: 'resource:default/aoai-one',
      owner: 'group:default/team-a',
      system: 'system:default/payments',
    });
    expect([...claims.values()].map(c => c.entityRef)).not.toContain(
      'resource:default/bad-annotation',
    );
  });

  it('pages through a catalog larger than one page for claims and groups', async () => {
    const many: Entity[] = Array.from({ length: 1_150 }, (_, i) =>
      resource(
        `aoai-${String(i).padStart(4, '0')}`,
        testResourceId(`aoai-${String(i).padStart(4, '0')}`),
        { owner: `team-${i % 7}` },
      ),
    );
    const groups: Entity[] = Array.from({ length: 520 }, (_, i) => ({
      apiVersion: 'backstage.io/v1',
      kind: 'Group',
      metadata: { name: `group-${i}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [{ type: 'childOf', targetRef: 'group:default/root' }],
    }));
    const catalog = createFakeCatalog([...many, ...groups]);
    const queries = jest.spyOn(catalog, 'queryEntities');
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const paged = EntityLinker.create({
      catalog,
      auth: mockServices.auth(),
    });

    const claims = await paged.loadAccountClaims();
    expect(claims.size).toBe(1_150);
    expect(claims.get(testResourceId('aoai-1149').toLowerCase())).toMatchObject(
      {
        entityRef: 'resource:default/aoai-1149',
        owner: 'group:default/team-1', // 1149 % 7
      },
    );
    // 1,150 entities at 500 per page: an initial request and two cursor requests
    expect(queries).toHaveBeenCalledTimes(3);
    expect(queries.mock.calls.map(([request]) => request?.limit)).toEqual([
      500, 500, 500,
    ]);
    expect(
      queries.mock.calls.filter(([request]) => request && 'cursor' in request),
    ).toHaveLength(2);

    queries.mockClear();
    const parents = await paged.loadGroupParents();
    expect(parents.size).toBe(520);
    expect(parents.get('group:default/group-519')).toEqual([
      'group:default/root',
    ]);
    expect(queries).toHaveBeenCalledTimes(2);
    expect(getEntities).not.toHaveBeenCalled();
  });

  it('finds the entities that claim an account', async () => {
    expect(
      await linker.findClaimingEntities(
        testResourceId('aoai-two'),
        credentials,
      ),
    ).toEqual(['resource:default/aoai-two']);
    expect(
      await linker.findClaimingEntities(
        testResourceId('aoai-unclaimed'),
        credentials,
      ),
    ).toEqual([]);
  });

  it('derives owner and system from tags when no entity claims the account', () => {
    const account = {
      resourceId: testResourceId('x'),
      tags: {
        'backstage.io-owner': 'user:default/bob',
        'backstage.io-system': 'not a ref:::',
      },
    };
    expect(ownershipFor(account, undefined)).toEqual({
      owner: 'user:default/bob',
      system: undefined,
    });
    expect(
      ownershipFor(account, {
        entityRef: 'resource:default/x',
        owner: 'group:default/a',
      }),
    ).toEqual({
      owner: 'group:default/a',
      system: undefined,
    });
  });
});
