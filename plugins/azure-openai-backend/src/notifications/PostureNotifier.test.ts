import { mockServices } from '@backstage/backend-test-utils';
import {
  getControl,
  type EvaluationInput,
  type GoldenPathDifference,
} from '@pavedai/plugin-azure-openai-common';
import {
  createMigratedStore,
  createStoreTestDatabases,
  type StoreTestDatabaseId,
} from '../__testUtils__/testDatabases';
import { DatabaseGoldenPathStore } from '../goldenPath/DatabaseGoldenPathStore';
import type { AccountClaim } from '../linking/EntityLinker';
import { ScanService } from '../scan/ScanService';
import { createRecordingAuditor } from '../testUtils/fakeAuditor';
import {
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from '../testUtils/fixtures';
import { testAuditConfig } from '../testUtils/testAuditConfig';
import { RecordingNotificationService } from './__testUtils__/RecordingNotificationService';
import type { NotificationConfig } from './config';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { PostureNotifier } from './PostureNotifier';

jest.setTimeout(60_000);

type Mutation = (account: Record<string, any>) => void;

/** Public network access on: AOAI-NET-002 (critical) and AOAI-NET-004 (high) fail, grade A → D. */
const publicNetwork: Mutation = a => {
  a.properties.publicNetworkAccess = 'Enabled';
  a.properties.networkAcls.defaultAction = 'Allow';
};
/** Outbound access unrestricted: AOAI-DATA-003 (high) fails, the grade stays A. */
const openOutbound: Mutation = a => {
  a.properties.restrictOutboundNetworkAccess = false;
};
/** A required tag missing: AOAI-GOV-007 (low) fails, the grade stays A. */
const missingTag: Mutation = a => {
  delete a.tags['cost-center'];
};

/** The hardened fixture (AOAI-IAM-004 already fails there) with mutations applied. */
function evidence(...mutations: Mutation[]): EvaluationInput {
  const input = structuredClone(loadEvidence('pass-hardened').input);
  for (const mutate of mutations) {
    mutate((input.account!.account as { value: Record<string, any> }).value);
  }
  return input;
}

const CHAT = 'aoai-chat-prod';
const SEARCH = 'aoai-search-prod';
const CLAIMS = new Map<string, AccountClaim>(
  [
    [CHAT, 'group:default/team-chat'],
    [SEARCH, 'group:default/team-search'],
  ].map(([name, owner]) => [
    testResourceId(name).toLowerCase(),
    {
      resourceId: testResourceId(name),
      entityRef: `resource:default/${name}`,
      owner,
    },
  ]),
);

describe('PostureNotifier', () => {
  const databases = createStoreTestDatabases();

  async function setup(
    databaseId: StoreTestDatabaseId,
    config: Partial<NotificationConfig> = {},
  ) {
    const { knex, store } = await createMigratedStore(databases, databaseId);
    const goldenPath = await DatabaseGoldenPathStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    /** The golden-path drift each scan records, by account name (the comparison is drift.ts's). */
    const drift = new Map<string, GoldenPathDifference[]>();
    const sources = new FakeSources();
    const notifications = new RecordingNotificationService();
    let clock = new Date('2026-11-28T12:00:00Z').getTime();
    const now = () => new Date((clock += 1000));
    const createNotifier = async () =>
      PostureNotifier.create({
        store: await DatabaseNotificationStore.create({
          database: mockServices.database({ knex }),
        }),
        drift: goldenPath,
        notifications,
        config: {
          enabled: true,
          minimumSeverity: 'high',
          expiryWarningDays: 7,
          ...config,
        },
        logger: mockServices.logger.mock(),
        now,
      });
    const notifier = await createNotifier();
    let claims = CLAIMS;
    let notifyAfterScans = true;
    const outcomes: Array<Awaited<ReturnType<PostureNotifier['notifyScan']>>> =
      [];
    const scans = ScanService.create({
      store,
      accountSource: sources,
      evidenceSource: sources,
      policySource: { getPolicy: async () => TEST_POLICY },
      loadClaims: async () => claims,
      logger: mockServices.logger.mock(),
      auditor: createRecordingAuditor(),
      config: testAuditConfig(),
      now,
      onScanFinished: async (scan, context) => {
        if (notifyAfterScans) {
          outcomes.push(await notifier.notifyScan(scan.id, context.claims));
        }
      },
      evidenceStore: {
        async saveEvidence(input) {
          await goldenPath.updateDrift({
            accountId: input.accountId,
            scanId: input.scanId,
            at: input.collectedAt,
            differences: drift.get(input.resourceId.split('/').pop()!) ?? [],
          });
        },
      },
    });
    /** Scans the fleet; `orphanTags` are the ARM tags of `aoai-orphan`. */
    const scan = async (
      fleet: Record<string, EvaluationInput | Error>,
      orphanTags: Record<string, string> = {},
    ) => {
      for (const [name, input] of Object.entries(fleet)) {
        sources.add(name, input, {
          tags: name === 'aoai-orphan' ? orphanTags : {},
        });
      }
      notifications.clear();
      return scans.runScheduledScan();
    };
    return {
      scan,
      notifications,
      createNotifier,
      /** The outcome of the last scan's notifications. */
      lastOutcome: () => outcomes[outcomes.length - 1],
      /** Sets the golden-path drift the next scans record, by account name. */
      setDrift: (next: Record<string, GoldenPathDifference[]>) => {
        drift.clear();
        for (const [name, items] of Object.entries(next)) {
          drift.set(name, items);
        }
      },
      setClaims: (next: Map<string, AccountClaim>) => {
        claims = next;
      },
      /** Leaves notifying to the test. */
      detachNotifier: () => {
        notifyAfterScans = false;
      },
    };
  }

  function controlsIn(description: string | undefined): string[] {
    return [...(description ?? '').matchAll(/AOAI-[A-Z]+-\d+/g)].map(m => m[0]);
  }

  it.each(databases.eachSupportedId())(
    'sends one notification per regressed entity to its owner, with the grade, controls and link, %p',
    async databaseId => {
      const { scan, notifications } = await setup(databaseId);
      await scan({ [CHAT]: evidence(), [SEARCH]: evidence() });
      // first scan: failures the accounts already had (AOAI-IAM-004) are not news
      expect(notifications.sent).toEqual([]);

      await scan({ [CHAT]: evidence(publicNetwork), [SEARCH]: evidence() });
      expect(notifications.sent).toHaveLength(1);
      const [sent] = notifications.sent;
      expect(sent.recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team-chat',
      });
      expect(sent.payload).toMatchObject({
        title: 'aoai-chat-prod: grade A → D',
        link: '/catalog/default/resource/aoai-chat-prod/azure-openai',
        severity: 'critical',
        topic: 'azure-openai-posture',
        scope: 'azure-openai-posture:resource:default/aoai-chat-prod',
      });
      // worst first; the failure it already had is not repeated
      expect(controlsIn(sent.payload.description)).toEqual([
        'AOAI-NET-002',
        'AOAI-NET-004',
      ]);
      expect(sent.payload.description).toContain(
        getControl('AOAI-NET-002')!.title,
      );
      expect(sent.payload.description).toContain('(critical)');

      // both regress in one scan: one notification each, to each owner
      await scan({
        [CHAT]: evidence(publicNetwork, openOutbound),
        [SEARCH]: evidence(publicNetwork),
      });
      expect(
        notifications.sent
          .map(n => [n.recipients, n.payload.title])
          .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      ).toEqual([
        [
          { type: 'entity', entityRef: 'group:default/team-chat' },
          'aoai-chat-prod: AOAI-DATA-003 newly fails',
        ],
        [
          { type: 'entity', entityRef: 'group:default/team-search' },
          'aoai-search-prod: grade A → D',
        ],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'does not repeat a failure that keeps failing, and notifies the next control that newly fails, %p',
    async databaseId => {
      const { scan, notifications } = await setup(databaseId);
      await scan({ [CHAT]: evidence() });
      await scan({ [CHAT]: evidence(publicNetwork) });
      expect(notifications.sent).toHaveLength(1);

      await scan({ [CHAT]: evidence(publicNetwork) });
      expect(notifications.sent).toEqual([]);

      // evidence unreadable for one scan, then the same failure: still not news
      await scan({ [CHAT]: new Error('ARM timed out') });
      expect(notifications.sent).toEqual([]);
      await scan({ [CHAT]: evidence(publicNetwork) });
      expect(notifications.sent).toEqual([]);

      await scan({ [CHAT]: evidence(publicNetwork, openOutbound) });
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.sent[0].payload).toMatchObject({
        title: 'aoai-chat-prod: AOAI-DATA-003 newly fails',
        severity: 'high',
        scope: 'azure-openai-posture:resource:default/aoai-chat-prod',
      });
      expect(controlsIn(notifications.sent[0].payload.description)).toEqual([
        'AOAI-DATA-003',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'notifies a failure again after it was fixed in between, %p',
    async databaseId => {
      const { scan, notifications } = await setup(databaseId);
      await scan({ [CHAT]: evidence() });
      await scan({ [CHAT]: evidence(openOutbound) });
      expect(notifications.sent).toHaveLength(1);
      await scan({ [CHAT]: evidence() });
      expect(notifications.sent).toEqual([]);
      await scan({ [CHAT]: evidence(openOutbound) });
      expect(notifications.sent.map(n => n.payload.title)).toEqual([
        'aoai-chat-prod: AOAI-DATA-003 newly fails',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'processes a scan once even when another replica (or a restart) processes it again, %p',
    async databaseId => {
      const { scan, notifications, createNotifier } = await setup(databaseId);
      await scan({ [CHAT]: evidence() });
      const regressed = await scan({ [CHAT]: evidence(publicNetwork) });
      expect(notifications.sent).toHaveLength(1);

      const otherReplica = await createNotifier();
      notifications.clear();
      await expect(
        otherReplica.notifyScan(regressed.id, CLAIMS),
      ).resolves.toEqual({ sent: 0, driftSent: 0, withoutOwner: 0 });
      expect(notifications.sent).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'sends once when two replicas process the same scan at the same time, %p',
    async databaseId => {
      const { scan, notifications, createNotifier, detachNotifier } =
        await setup(databaseId);
      await scan({ [CHAT]: evidence(), [SEARCH]: evidence() });
      detachNotifier();
      const regressed = await scan({
        [CHAT]: evidence(publicNetwork),
        [SEARCH]: evidence(openOutbound),
      });
      const replicas = [await createNotifier(), await createNotifier()];
      const outcomes = await Promise.all(
        replicas.map(r => r.notifyScan(regressed.id, CLAIMS)),
      );
      expect(outcomes.reduce((sum, o) => sum + o.sent, 0)).toBe(2);
      expect(notifications.sent.map(n => n.payload.title).sort()).toEqual([
        'aoai-chat-prod: grade A → D',
        'aoai-search-prod: AOAI-DATA-003 newly fails',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves out failures below the minimum severity, unless the grade drops, %p',
    async databaseId => {
      const { scan, notifications } = await setup(databaseId);
      await scan({ [CHAT]: evidence() });
      await scan({ [CHAT]: evidence(missingTag) });
      expect(notifications.sent).toEqual([]);

      const low = await setup(databaseId, { minimumSeverity: 'low' });
      await low.scan({ [CHAT]: evidence() });
      await low.scan({ [CHAT]: evidence(missingTag) });
      expect(low.notifications.sent.map(n => n.payload)).toEqual([
        expect.objectContaining({
          title: 'aoai-chat-prod: AOAI-GOV-007 newly fails',
          severity: 'low',
        }),
      ]);

      // critical only: a high failure alone is quiet, but a grade drop always notifies
      const critical = await setup(databaseId, { minimumSeverity: 'critical' });
      await critical.scan({ [CHAT]: evidence() });
      await critical.scan({ [CHAT]: evidence(openOutbound) });
      expect(critical.notifications.sent).toEqual([]);
      await critical.scan({ [CHAT]: evidence(openOutbound, publicNetwork) });
      expect(critical.notifications.sent).toHaveLength(1);
      expect(critical.notifications.sent[0].payload.title).toBe(
        'aoai-chat-prod: grade A → D',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'falls back to the owner from tags and the fleet page for an account no entity claims, %p',
    async databaseId => {
      const { scan, notifications, setClaims } = await setup(databaseId);
      setClaims(new Map());
      const tags = { 'backstage.io-owner': 'team-platform' };
      await scan(
        { 'aoai-orphan': evidence(), 'aoai-nobody': evidence() },
        tags,
      );
      await scan(
        {
          'aoai-orphan': evidence(openOutbound),
          'aoai-nobody': evidence(openOutbound),
        },
        tags,
      );
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.sent[0]).toMatchObject({
        recipients: { entityRef: 'group:default/team-platform' },
        payload: {
          title: 'aoai-orphan: AOAI-DATA-003 newly fails',
          link: '/azure-openai',
          scope: `azure-openai-posture:${testResourceId(
            'aoai-orphan',
          ).toLowerCase()}`,
        },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'notifies again at the next scan when sending failed, %p',
    async databaseId => {
      const { scan, notifications } = await setup(databaseId);
      await scan({ [CHAT]: evidence() });
      notifications.fail = new Error('notifications backend unavailable');
      await scan({ [CHAT]: evidence(openOutbound) });
      notifications.fail = undefined;
      await scan({ [CHAT]: evidence(openOutbound) });
      expect(notifications.sent.map(n => n.payload.title)).toEqual([
        'aoai-chat-prod: AOAI-DATA-003 newly fails',
      ]);
    },
  );

  it('sends nothing when notifications are disabled', async () => {
    const { scan, notifications } = await setup('SQLITE_3', {
      enabled: false,
    });
    await scan({ [CHAT]: evidence() });
    await scan({ [CHAT]: evidence(publicNetwork) });
    expect(notifications.sent).toEqual([]);
  });

  describe('golden-path drift', () => {
    const CHAT_ID = testResourceId(CHAT);
    const publicAccess: GoldenPathDifference = {
      resource: CHAT_ID,
      field: 'properties.publicNetworkAccess',
      desired: 'Disabled',
      actual: 'Enabled',
    };
    const capacity: GoldenPathDifference = {
      resource: `${CHAT_ID}/deployments/gpt-4o`,
      field: 'sku.capacity',
      desired: 50,
      actual: 120,
    };

    it.each(databases.eachSupportedId())(
      'tells the owner once when drift appears, not while it persists, and again when it comes back, %p',
      async databaseId => {
        const { scan, notifications, setDrift, lastOutcome } = await setup(
          databaseId,
        );
        const fleet = { [CHAT]: evidence(), [SEARCH]: evidence() };
        await scan(fleet);
        expect(notifications.sent).toEqual([]);

        setDrift({ [CHAT]: [publicAccess] });
        await scan(fleet);
        expect(lastOutcome()).toEqual({
          sent: 0,
          driftSent: 1,
          withoutOwner: 0,
        });
        expect(notifications.sent).toHaveLength(1);
        const [sent] = notifications.sent;
        expect(sent.recipients).toEqual({
          type: 'entity',
          entityRef: 'group:default/team-chat',
        });
        expect(sent.payload).toMatchObject({
          title: 'aoai-chat-prod drifted from the golden path',
          link: '/catalog/default/resource/aoai-chat-prod/azure-openai',
          severity: 'normal',
          topic: 'azure-openai-drift',
          scope: `azure-openai-drift:${CHAT_ID.toLowerCase()}`,
        });
        expect(sent.payload.description).toBe(
          `1 field differs from what the golden path would build (desired → actual): account properties.publicNetworkAccess: Disabled → Enabled. Account ${CHAT_ID}.`,
        );

        // the same drift on the next scan: nothing new
        await scan(fleet);
        expect(notifications.sent).toEqual([]);

        // one more field drifts: only it is news
        setDrift({ [CHAT]: [publicAccess, capacity] });
        await scan(fleet);
        expect(notifications.sent).toHaveLength(1);
        expect(notifications.sent[0].payload.description).toContain(
          'deployments/gpt-4o sku.capacity: 50 → 120',
        );
        expect(notifications.sent[0].payload.description).not.toContain(
          'publicNetworkAccess',
        );

        // cleared, then back: notified again
        setDrift({ [CHAT]: [capacity] });
        await scan(fleet);
        expect(notifications.sent).toEqual([]);
        setDrift({ [CHAT]: [publicAccess, capacity] });
        await scan(fleet);
        expect(notifications.sent.map(n => n.payload.description)).toEqual([
          expect.stringContaining('properties.publicNetworkAccess'),
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'retries a drift notification that failed after the next scans while the drift persists, and sends it once, %p',
      async databaseId => {
        const { scan, notifications, setDrift, lastOutcome } = await setup(
          databaseId,
        );
        const fleet = { [CHAT]: evidence() };
        await scan(fleet);

        setDrift({ [CHAT]: [publicAccess] });
        notifications.fail = new Error('notifications backend unavailable');
        await scan(fleet);
        expect(lastOutcome()).toEqual({
          sent: 0,
          driftSent: 0,
          withoutOwner: 0,
        });
        expect(notifications.attempts).toBe(1);
        // still failing: tried again after the next scan, still nothing sent
        await scan(fleet);
        expect(notifications.attempts).toBe(2);
        expect(notifications.sent).toEqual([]);

        notifications.fail = undefined;
        await scan(fleet);
        expect(lastOutcome()).toEqual({
          sent: 0,
          driftSent: 1,
          withoutOwner: 0,
        });
        expect(notifications.sent.map(n => n.payload.description)).toEqual([
          expect.stringContaining('properties.publicNetworkAccess'),
        ]);

        // sent: never again while it persists, even with a new field alongside
        await scan(fleet);
        expect(notifications.sent).toEqual([]);
        setDrift({ [CHAT]: [publicAccess, capacity] });
        await scan(fleet);
        expect(notifications.sent).toHaveLength(1);
        expect(notifications.sent[0].payload.description).toMatch(
          /^1 field differs.*sku\.capacity/,
        );
      },
    );

    it('drops a failed drift notification once the drift has cleared', async () => {
      const { scan, notifications, setDrift } = await setup('SQLITE_3');
      const fleet = { [CHAT]: evidence() };
      await scan(fleet);
      setDrift({ [CHAT]: [publicAccess] });
      notifications.fail = new Error('notifications backend unavailable');
      await scan(fleet);
      notifications.fail = undefined;
      setDrift({});
      const attempts = notifications.attempts;
      await scan(fleet);
      await scan(fleet);
      expect(notifications.attempts).toBe(attempts);
      expect(notifications.sent).toEqual([]);
    });

    it.each(databases.eachSupportedId())(
      'sends drift and a posture regression of the same scan separately, %p',
      async databaseId => {
        const { scan, notifications, setDrift } = await setup(databaseId);
        await scan({ [CHAT]: evidence() });
        setDrift({ [CHAT]: [publicAccess] });
        await scan({ [CHAT]: evidence(publicNetwork) });
        expect(notifications.sent.map(n => n.payload.topic).sort()).toEqual([
          'azure-openai-drift',
          'azure-openai-posture',
        ]);
      },
    );

    it('lists five drifted fields and counts the rest', async () => {
      const { scan, notifications, setDrift } = await setup('SQLITE_3');
      await scan({ [CHAT]: evidence() });
      setDrift({
        [CHAT]: Array.from({ length: 8 }, (_, i) => ({
          resource: CHAT_ID,
          field: `tags.t${i}`,
          desired: `v${i}`,
          actual: undefined,
        })),
      });
      await scan({ [CHAT]: evidence() });
      expect(notifications.sent).toHaveLength(1);
      const description = notifications.sent[0].payload.description!;
      expect(description).toMatch(/^8 fields differ/);
      expect(description).toContain('account tags.t0: v0 → (none)');
      expect(description).toContain('tags.t4');
      expect(description).not.toContain('tags.t5');
      expect(description).toContain('; and 3 more.');
    });

    it('tells the tag owner of an account no entity claims, with the fleet page link, and counts accounts without owner', async () => {
      const { scan, notifications, setDrift, lastOutcome } = await setup(
        'SQLITE_3',
      );
      const orphan = testResourceId('aoai-orphan');
      const drifted = [{ ...capacity, resource: `${orphan}/deployments/x` }];
      const owner = { 'backstage.io-owner': 'group:default/team-orphans' };
      await scan({ 'aoai-orphan': evidence() });
      setDrift({ 'aoai-orphan': drifted });
      await scan({ 'aoai-orphan': evidence() });
      expect(lastOutcome()).toEqual({
        sent: 0,
        driftSent: 0,
        withoutOwner: 1,
      });
      expect(notifications.sent).toEqual([]);

      setDrift({});
      await scan({ 'aoai-orphan': evidence() }, owner);
      setDrift({ 'aoai-orphan': drifted });
      await scan({ 'aoai-orphan': evidence() }, owner);
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team-orphans',
      });
      expect(notifications.sent[0].payload).toMatchObject({
        title: 'aoai-orphan drifted from the golden path',
        link: '/azure-openai',
        scope: `azure-openai-drift:${orphan.toLowerCase()}`,
      });
    });

    it('sends no drift notification when notifications are disabled', async () => {
      const { scan, notifications, setDrift } = await setup('SQLITE_3', {
        enabled: false,
      });
      await scan({ [CHAT]: evidence() });
      setDrift({ [CHAT]: [publicAccess] });
      await scan({ [CHAT]: evidence() });
      expect(notifications.sent).toEqual([]);
    });
  });
});
