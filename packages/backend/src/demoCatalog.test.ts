import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';

const examples = resolvePath(__dirname, '../../../examples');

/**
 * The demo catalog loads into the real catalog backend on every database the product
 * supports: SQLite (the local default) and PostgreSQL 15 (production).
 */
describe('demo catalog', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it('is tested on PostgreSQL when the test command asks for it', () => {
    // scripts/test.sh starts PostgreSQL and sets this, so the database tests cannot be skipped.
    const required = Boolean(process.env.PAVEDAI_REQUIRE_POSTGRES);
    expect(databases.supports('POSTGRES_15') || !required).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'loads every demo entity with its relations on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleScaffolderEntityModel,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  { allow: ['Component', 'System', 'Resource', 'Location'] },
                ],
                processingInterval: { seconds: 1 },
                locations: [
                  {
                    type: 'file',
                    target: `${examples}/org.yaml`,
                    rules: [{ allow: ['User', 'Group'] }],
                  },
                  { type: 'file', target: `${examples}/systems.yaml` },
                  { type: 'file', target: `${examples}/accounts.yaml` },
                ],
              },
            },
          }),
        ],
      });

      const fetchEntities = async (): Promise<Entity[]> => {
        const res = await request(server)
          .get('/api/catalog/entities')
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        return res.body;
      };

      let entities: Entity[] = [];
      for (let attempt = 0; attempt < 120; attempt++) {
        entities = await fetchEntities();
        const processed = entities.filter(e => e.relations?.length);
        if (processed.length >= 18) break;
        await new Promise(r => setTimeout(r, 500));
      }

      const refs = entities.map(e => stringifyEntityRef(e)).sort();
      expect(refs).toEqual(
        expect.arrayContaining([
          'component:default/chat-gateway',
          'component:default/doc-indexer',
          'component:default/search-api',
          'component:default/support-chatbot',
          'group:default/platform-team',
          'group:default/team-chat',
          'group:default/team-search',
          'resource:default/aoai-chat-dev',
          'resource:default/aoai-chat-prod',
          'resource:default/aoai-search-legacy',
          'resource:default/aoai-search-prod',
          'system:default/customer-assistant',
          'system:default/knowledge-search',
          'user:default/guest',
        ]),
      );

      const accounts = entities.filter(
        e => e.kind === 'Resource' && e.spec?.type === 'azure-openai-account',
      );
      expect(accounts).toHaveLength(4);
      for (const account of accounts) {
        expect(
          account.metadata.annotations?.['management.azure.com/resourceId'],
        ).toMatch(
          new RegExp(
            `^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/Microsoft\\.CognitiveServices/accounts/${account.metadata.name}$`,
          ),
        );
      }

      const gateway = entities.find(e => e.metadata.name === 'chat-gateway');
      expect(
        gateway?.relations
          ?.filter(r => r.type === 'dependsOn')
          .map(r => r.targetRef)
          .sort(),
      ).toEqual([
        'resource:default/aoai-chat-dev',
        'resource:default/aoai-chat-prod',
      ]);
    },
    90_000,
  );
});
