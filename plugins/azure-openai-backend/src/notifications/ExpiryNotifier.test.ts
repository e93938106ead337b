import { mockServices } from '@backstage/backend-test-utils';
import type { GovernanceScope } from '@pavedai/plugin-azure-openai-common';
import {
  createMigratedStore,
  createStoreTestDatabases,
  type StoreTestDatabaseId,
} from '../__testUtils__/testDatabases';
import { DatabaseGovernanceStore } from '../governance';
import { testResourceId } from '../testUtils/fixtures';
import { RecordingNotificationService } from './__testUtils__/RecordingNotificationService';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { ExpiryNotifier, type ScopeOwnerResolver } from './ExpiryNotifier';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-28T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const RESOURCE_ID = testResourceId('aoai-chat-prod');
const ACCOUNT: GovernanceScope = { type: 'account', resourceId: RESOURCE_ID };
const ENTITY: GovernanceScope = {
  type: 'entity',
  entityRef: 'component:default/search-api',
};

const resolveOwner: ScopeOwnerResolver = async scope =>
  scope.type === 'entity'
    ? { owner: 'group:default/team-search', entityRef: scope.entityRef }
    : {
        owner: 'group:default/team-chat',
        entityRef: 'resource:default/aoai-chat-prod',
      };

describe('ExpiryNotifier', () => {
  const databases = createStoreTestDatabases();

  async function setup(databaseId: StoreTestDatabaseId) {
    const { knex } = await createMigratedStore(databases, databaseId);
    const database = mockServices.database({ knex });
    const governance = await DatabaseGovernanceStore.create({ database });
    const notifications = new RecordingNotificationService();
    let now = T0;
    const createNotifier = async () =>
      ExpiryNotifier.create({
        governance,
        store: await DatabaseNotificationStore.create({ database }),
        notifications,
        resolveOwner,
        config: {
          enabled: true,
          minimumSeverity: 'high',
          expiryWarningDays: 7,
        },
        logger: mockServices.logger.mock(),
        now: () => now,
      });
    const notifier = await createNotifier();
    const approvedWaiver = async (expiresInDays: number) => {
      const waiver = await governance.createWaiver({
        controlId: 'AOAI-NET-002',
        scope: ACCOUNT,
        reason: 'Private endpoint lands next sprint',
        riskAccepted: 'Reachable from the internet for a month',
        compensatingControl: 'IP allowlist of the office egress',
        expiresAt: at(expiresInDays).toISOString(),
        requestedBy: 'user:default/casey.chat',
        requestedAt: T0.toISOString(),
      });
      return governance.decideWaiver(waiver.id, 'approve', {
        by: 'user:default/pat.platform',
        at: T0,
      });
    };
    /** Runs the daily task `days` days after T0 and returns what it sent. */
    const runOnDay = async (days: number, runner = notifier) => {
      now = at(days);
      notifications.clear();
      await runner.run();
      return notifications.sent;
    };
    return {
      governance,
      notifications,
      notifier,
      createNotifier,
      approvedWaiver,
      runOnDay,
    };
  }

  it.each(databases.eachSupportedId())(
    'warns the owner a week before an approved waiver expires and again once it has expired, once each, %p',
    async databaseId => {
      const { approvedWaiver, runOnDay, createNotifier } = await setup(
        databaseId,
      );
      const waiver = await approvedWaiver(10);

      expect(await runOnDay(0)).toEqual([]); // 10 days left
      expect(await runOnDay(2)).toEqual([]); // 8 days left

      const [warning, ...more] = await runOnDay(3.5); // 6.5 days left
      expect(more).toEqual([]);
      expect(warning.recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team-chat',
      });
      expect(warning.payload).toMatchObject({
        title:
          'aoai-chat-prod: waiver for AOAI-NET-002 expires in 7 days (2026-12-08)',
        link: '/catalog/default/resource/aoai-chat-prod/azure-openai',
        severity: 'normal',
        topic: 'azure-openai-governance',
        scope: `azure-openai-governance:waiver:${waiver.id}`,
      });
      expect(warning.payload.description).toContain('request a new waiver');

      // the next days, and another replica, stay quiet
      expect(await runOnDay(4)).toEqual([]);
      expect(await runOnDay(9, await createNotifier())).toEqual([]);

      const [expired, ...again] = await runOnDay(10.5);
      expect(again).toEqual([]);
      expect(expired.payload).toMatchObject({
        title: 'aoai-chat-prod: waiver for AOAI-NET-002 has expired',
        severity: 'high',
        scope: `azure-openai-governance:waiver:${waiver.id}`,
      });
      expect(await runOnDay(11)).toEqual([]);
      expect(await runOnDay(12, await createNotifier())).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'warns about active attestations, and not about waivers that were never approved, %p',
    async databaseId => {
      const { governance, runOnDay } = await setup(databaseId);
      await governance.createAttestation({
        controlId: 'AOAI-RES-004',
        scope: ENTITY,
        statement: 'DR test passed on 2026-11-01',
        evidenceUrl: 'https://wiki.example.com/dr-2026-11',
        author: 'user:default/sam.search',
        createdAt: T0.toISOString(),
        expiresAt: at(5).toISOString(),
      });
      await governance.createWaiver({
        controlId: 'AOAI-NET-004',
        scope: ACCOUNT,
        reason: 'never approved',
        riskAccepted: 'none',
        compensatingControl: 'none',
        expiresAt: at(3).toISOString(),
        requestedBy: 'user:default/casey.chat',
        requestedAt: T0.toISOString(),
      });

      const warnings = await runOnDay(0);
      expect(warnings.map(n => [n.recipients, n.payload.title])).toEqual([
        [
          { type: 'entity', entityRef: 'group:default/team-search' },
          'search-api: attestation of AOAI-RES-004 expires in 5 days (2026-12-03)',
        ],
      ]);
      expect(warnings[0].payload.link).toBe(
        '/catalog/default/component/search-api/azure-openai',
      );

      const expired = await runOnDay(6);
      expect(expired.map(n => n.payload.title)).toEqual([
        'search-api: attestation of AOAI-RES-004 has expired',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'tries again at the next run when sending failed, and ignores expiries older than a week, %p',
    async databaseId => {
      const { approvedWaiver, runOnDay, notifications } = await setup(
        databaseId,
      );
      await approvedWaiver(3);
      notifications.fail = new Error('notifications backend unavailable');
      expect(await runOnDay(0)).toEqual([]);
      notifications.fail = undefined;
      expect((await runOnDay(1)).map(n => n.payload.title)).toEqual([
        'aoai-chat-prod: waiver for AOAI-NET-002 expires in 2 days (2026-12-01)',
      ]);
      // the backend was down from before the expiry until more than a week after it
      expect(await runOnDay(11)).toEqual([]);
    },
  );
});
