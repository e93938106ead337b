import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import azureOpenAIPlugin from '@pavedai/plugin-azure-openai-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';

/** Reads the JSON-RPC response out of a streamable-HTTP answer (JSON or one SSE event). */
function rpcResult(res: request.Response) {
  const text = res.text;
  const json = text.trimStart().startsWith('{')
    ? text
    : text
        .split('\n')
        .find(line => line.startsWith('data: '))!
        .slice('data: '.length);
  return JSON.parse(json);
}

/**
 * An MCP client reaches the audit plugin's actions through the MCP actions backend, as the
 * signed-in user, with the wiring and config of packages/backend.
 */
describe('MCP actions', () => {
  it('lists the Azure OpenAI actions as tools and calls one as the user', async () => {
    const { server } = await startTestBackend({
      features: [
        mcpActionsPlugin,
        azureOpenAIPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.scheduler.mock({ async scheduleTask() {} }).factory,
        // Everyone may read posture except the outsider.
        mockServices.permissions.mock({
          async authorize(requests, { credentials }) {
            const principal = credentials.principal as {
              userEntityRef?: string;
            };
            const result =
              principal.userEntityRef === 'user:default/outsider'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW;
            return requests.map(() => ({ result }));
          },
          async authorizeConditional(requests) {
            return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['azure-openai'] } },
            azureOpenAI: {
              azure: {
                credential: { kind: 'staticToken', token: 'unused' },
                resourceManagerUrl: 'http://127.0.0.1:9',
              },
            },
          },
        }),
      ],
    });
    const mcp = (method: string, params: object, user = 'user:default/sam') =>
      request(server)
        .post('/api/mcp-actions/v1')
        .set('Authorization', mockCredentials.user.header(user))
        .set('Accept', 'application/json, text/event-stream')
        .send({ jsonrpc: '2.0', id: 1, method, params });

    const listed = await mcp('tools/list', {});
    expect(listed.status).toBe(200);
    const tools = rpcResult(listed).result.tools as Array<{
      name: string;
      annotations?: { readOnlyHint?: boolean };
    }>;
    const ours = tools.filter(t => /azure-openai/.test(t.name));
    expect(ours.map(t => t.name).sort()).toEqual([
      'azure-openai.explain-azure-openai-control',
      'azure-openai.get-azure-openai-posture',
      'azure-openai.list-failing-azure-openai-controls',
    ]);

    const called = await mcp('tools/call', {
      name: 'azure-openai.explain-azure-openai-control',
      arguments: { control: 'AOAI-NET-002' },
    });
    expect(called.status).toBe(200);
    const { result } = rpcResult(called);
    expect(result.isError).toBeFalsy();
    expect(result.content[0].text).toContain('"controlId":"AOAI-NET-002"');

    // The action runs as the caller: the permission policy sees the outsider and refuses.
    const refused = await mcp(
      'tools/call',
      {
        name: 'azure-openai.get-azure-openai-posture',
        arguments: { entity: 'component:default/search-api' },
      },
      'user:default/outsider',
    );
    const refusal = rpcResult(refused);
    expect(JSON.stringify(refusal)).toContain(
      "Not allowed to read the posture of 'component:default/search-api'",
    );
  });
});
