import {
  coreServices,
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  azureOpenAIFleetReadPermission,
  azureOpenAIPostureReadPermission,
  getControl,
} from '@pavedai/plugin-azure-openai-common';
import request from 'supertest';
import { azureOpenAIPlugin, SCAN_TASK_ID } from '../plugin';
import { createFakeCatalog } from '../testUtils/fakeCatalog';
import { fakeSourcesModule } from '../testUtils/sourcesModule';
import { fakePermissions, type FakeRule } from '../testUtils/fakePermissions';
import {
  evaluateFixture,
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from '../testUtils/fixtures';

jest.setTimeout(60_000);

const GOOD = testResourceId('aoai-good');
const BAD = testResourceId('aoai-bad');
const resource = (name: string, id: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'management.azure.com/resourceId': id },
  },
  spec: { type: 'azure-openai-account', owner },
});
const ENTITIES: Entity[] = [
  resource('aoai-good', GOOD, 'team-a'),
  resource('aoai-bad', BAD, 'team-a'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [
      { type: 'dependsOn', targetRef: 'resource:default/aoai-good' },
      { type: 'dependsOn', targetRef: 'resource:default/aoai-bad' },
    ],
  },
];

/**
 * The real plugin with the real actions registry (as the MCP actions backend reaches it, over
 * HTTP), fake Azure sources, a fake catalog and a permissions service deciding by `rules`. The
 * fleet is scanned once before the tests call the actions.
 */
async function startBackend(rules: Record<string, FakeRule>) {
  const sources = new FakeSources();
  sources.add('aoai-good', loadEvidence('pass-hardened').input);
  sources.add('aoai-bad', loadEvidence('fail-insecure').input);
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const { server } = await startTestBackend({
    features: [
      azureOpenAIPlugin,
      actionsRegistryServiceFactory,
      fakeSourcesModule(sources, TEST_POLICY),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => createFakeCatalog(ENTITIES),
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => fakePermissions(rules),
      }),
      mockServices.scheduler.mock({
        async scheduleTask(task) {
          tasks.push(task);
        },
      }).factory,
    ],
  });
  const scan = tasks.find(t => t.id === SCAN_TASK_ID)!;
  await scan.fn(new AbortController().signal);

  /** Invokes an action as the MCP actions backend does: over HTTP, as the calling user. */
  const invoke = (name: string, input: object, user = 'user:default/sam') =>
    request(server)
      .post(
        `/api/azure-openai/.backstage/actions/v1/actions/azure-openai:${name}/invoke`,
      )
      .set('Authorization', mockCredentials.user.header(user))
      .send(input);
  return { server, invoke };
}

describe('Azure OpenAI actions', () => {
  it('lists the three actions as read-only, idempotent and not destructive', async () => {
    const { server } = await startBackend({});
    const res = await request(server)
      .get('/api/azure-openai/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header('user:default/sam'));
    expect(res.status).toBe(200);
    const actions = res.body.actions as Array<{
      id: string;
      description: string;
      attributes: object;
      schema: { input: { required?: string[] } };
    }>;
    expect(actions.map(a => a.id).sort()).toEqual([
      'azure-openai:explain-azure-openai-control',
      'azure-openai:get-azure-openai-posture',
      'azure-openai:list-failing-azure-openai-controls',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(action.description.length).toBeGreaterThan(100);
    }
    expect(
      actions.find(a => a.id.endsWith('get-azure-openai-posture'))!.schema.input
        .required,
    ).toEqual(['entity']);
  });

  describe('get-azure-openai-posture', () => {
    it('gives an allowed user the grade, the account grades and the failing controls with their fix, worst first', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: ref =>
          ref === 'component:default/checkout',
      });
      const res = await invoke('get-azure-openai-posture', {
        entity: 'checkout',
      });
      expect(res.status).toBe(200);
      const { output } = res.body;
      const bad = evaluateFixture('fail-insecure');
      const good = evaluateFixture('pass-hardened');
      expect(output.entityRef).toBe('component:default/checkout');
      expect(output.grade).toBe(bad.score.grade);
      expect(output.accounts).toEqual([
        expect.objectContaining({
          name: 'aoai-bad',
          resourceId: BAD,
          grade: bad.score.grade,
          failingCount: bad.score.counts.fail,
        }),
        expect.objectContaining({ name: 'aoai-good', grade: good.score.grade }),
      ]);
      const failing = bad.results.filter(r => r.status === 'fail');
      expect(output.failingControls).toHaveLength(failing.length);
      const weights = { critical: 4, high: 3, medium: 2, low: 1 } as const;
      const severities = output.failingControls.map(
        (c: { severity: keyof typeof weights }) => weights[c.severity],
      );
      expect(severities).toEqual([...severities].sort((a, b) => b - a));
      const publicAccess = output.failingControls.find(
        (c: { controlId: string }) => c.controlId === 'AOAI-NET-002',
      );
      expect(publicAccess).toMatchObject({
        title: getControl('AOAI-NET-002')!.title,
        accounts: ['aoai-bad'],
        fix: { cli: getControl('AOAI-NET-002')!.remediation.cli },
      });
    });

    it('refuses a user without posture read on the entity', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: false,
      });
      const res = await invoke('get-azure-openai-posture', {
        entity: 'component:default/checkout',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        "Not allowed to read the posture of 'component:default/checkout'",
      );
    });

    it('refuses an anonymous caller', async () => {
      const { server } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: true,
      });
      const res = await request(server)
        .post(
          '/api/azure-openai/.backstage/actions/v1/actions/azure-openai:get-azure-openai-posture/invoke',
        )
        .set('Authorization', mockCredentials.none.header())
        .send({ entity: 'checkout' });
      expect(res.status).toBe(401);
      expect(res.body.output).toBeUndefined();
    });

    it('names the field and an example for input that is no entity ref, and says when nothing matches', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: true,
      });
      const bad = await invoke('get-azure-openai-posture', {
        entity: 'not a ref!',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        "Invalid input: entity: 'not a ref!' is not an entity ref or name; give one such as component:default/search-api or search-api",
      );

      const missing = await invoke('get-azure-openai-posture', {});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain(
        'Invalid input to action "azure-openai:get-azure-openai-posture"',
      );

      const unknown = await invoke('get-azure-openai-posture', {
        entity: 'nothing-here',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain(
        "No component, system or resource 'nothing-here' in the catalog",
      );
    });
  });

  describe('list-failing-azure-openai-controls', () => {
    it('counts the accounts of the team failing each control, worst severity first, for a user with fleet read', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIFleetReadPermission.name]: true,
      });
      const res = await invoke('list-failing-azure-openai-controls', {
        owner: 'team-a',
      });
      expect(res.status).toBe(200);
      const { output } = res.body;
      expect(output).toMatchObject({
        owner: 'group:default/team-a',
        accountCount: 2,
        scannedAccountCount: 2,
      });
      const failingBad = evaluateFixture('fail-insecure').results.filter(
        r => r.status === 'fail',
      );
      const failingGood = evaluateFixture('pass-hardened').results.filter(
        r => r.status === 'fail',
      );
      const ids = new Set(
        [...failingBad, ...failingGood].map(r => r.controlId),
      );
      expect(output.controls).toHaveLength(ids.size);
      for (const control of output.controls) {
        expect(control.failingAccountCount).toBe(control.accounts.length);
      }
      expect(output.controls[0].severity).toBe('critical');

      const other = await invoke('list-failing-azure-openai-controls', {
        owner: 'group:default/team-z',
      });
      expect(other.body.output).toEqual({
        owner: 'group:default/team-z',
        accountCount: 0,
        scannedAccountCount: 0,
        controls: [],
      });
    });

    it('refuses a user without fleet read', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: true,
      });
      const res = await invoke('list-failing-azure-openai-controls', {
        owner: 'team-a',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed to read the Azure OpenAI fleet',
      );
    });
  });

  describe('explain-azure-openai-control', () => {
    it('explains a control by id or by words of its title, with the fix and the seed practice', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: true,
      });
      const control = getControl('AOAI-NET-002')!;
      const res = await invoke('explain-azure-openai-control', {
        control: 'aoai-net-002',
      });
      expect(res.status).toBe(200);
      expect(res.body.output).toMatchObject({
        controlId: 'AOAI-NET-002',
        title: control.title,
        severity: control.severity,
        rationale: control.rationale,
        passCondition: control.passCondition,
        remediation: {
          portal: [...control.remediation.portal],
          cli: control.remediation.cli,
          bicep: control.remediation.bicep,
        },
        seedPractice: {
          title: 'Disable public network access',
          origin: control.origin,
        },
      });
      expect(res.body.output.seedPractice.url).toMatch(
        /^https:\/\/learn\.microsoft\.com\//,
      );
      expect(res.body.output.references.length).toBeGreaterThan(0);

      const byTitle = await invoke('explain-azure-openai-control', {
        control: control.title.toLowerCase(),
      });
      expect(byTitle.body.output.controlId).toBe('AOAI-NET-002');
    });

    it('says which controls an ambiguous or unknown name could mean', async () => {
      const { invoke } = await startBackend({
        [azureOpenAIPostureReadPermission.name]: true,
      });
      const unknown = await invoke('explain-azure-openai-control', {
        control: 'AOAI-XYZ-999',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /^Invalid input: control: no control has the id or a title containing 'AOAI-XYZ-999'; the controls are AOAI-/,
      );
      const ambiguous = await invoke('explain-azure-openai-control', {
        control: 'private',
      });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.message).toMatch(
        /^Invalid input: control: 'private' matches \d+ controls; give one id: /,
      );
    });

    it('refuses a user whose posture read is denied outright', async () => {
      const { invoke } = await startBackend({});
      const res = await invoke('explain-azure-openai-control', {
        control: 'AOAI-NET-002',
      });
      expect(res.status).toBe(403);
    });
  });
});
