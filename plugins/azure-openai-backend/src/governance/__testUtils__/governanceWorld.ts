import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import express from 'express';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { EntityLinker } from '../../linking/EntityLinker';
import { ScanService } from '../../scan/ScanService';
import { PostureService } from '../../service/PostureService';
import { createRouter } from '../../service/router';
import { createRecordingAuditor } from '../../testUtils/fakeAuditor';
import { createFakeCatalog } from '../../testUtils/fakeCatalog';
import {
  fakePermissions,
  type FakeRule,
} from '../../testUtils/fakePermissions';
import {
  FakeSources,
  loadEvidence,
  TEST_POLICY,
  testResourceId,
} from '../../testUtils/fixtures';
import { testAuditConfig } from '../../testUtils/testAuditConfig';
import { DEFAULT_GOVERNANCE_CONFIG, type GovernanceConfig } from '../config';
import { DatabaseGovernanceStore } from '../DatabaseGovernanceStore';
import { GovernanceService } from '../GovernanceService';

const ANNOTATION = 'management.azure.com/resourceId';

/** Team A's account (fails AOAI-NET-002), linked by `resource:default/aoai-a` and the component. */
export const ACCOUNT_A = testResourceId('aoai-a');
/** Team B's account. */
export const ACCOUNT_B = testResourceId('aoai-b');
export const COMPONENT = 'component:default/checkout';
export const RESOURCE_A = 'resource:default/aoai-a';
export const RESOURCE_B = 'resource:default/aoai-b';

export const USERS = {
  owner: 'user:default/alice',
  otherOwner: 'user:default/amir',
  approver: 'user:default/pat',
  viewer: 'user:default/victor',
} as const;

export const PERMISSION = {
  posture: 'azure-openai.posture.read',
  fleet: 'azure-openai.fleet.read',
  scan: 'azure-openai.scan.create',
  request: 'azure-openai.waiver.request',
  approve: 'azure-openai.waiver.approve',
  attest: 'azure-openai.attestation.create',
} as const;

const TEAM_A = new Set([RESOURCE_A, COMPONENT]);
const ownsTeamA: FakeRule = ref => TEAM_A.has(ref);

/**
 * The decisions of the golden-path policy per role: owners of team A request and attest on its
 * entities, the platform may do anything, a viewer (signed in, owns nothing) reads, and a caller
 * without permissions is denied everything.
 */
export const ROLES: Record<string, Record<string, FakeRule>> = {
  owner: {
    [PERMISSION.posture]: true,
    [PERMISSION.fleet]: true,
    [PERMISSION.request]: ownsTeamA,
    [PERMISSION.attest]: ownsTeamA,
    [PERMISSION.scan]: ownsTeamA,
  },
  platform: Object.fromEntries(
    Object.values(PERMISSION).map(name => [name, true]),
  ),
  viewer: {
    [PERMISSION.posture]: true,
    [PERMISSION.fleet]: true,
    [PERMISSION.request]: () => false,
    [PERMISSION.attest]: () => false,
    [PERMISSION.scan]: () => false,
  },
  none: {},
};

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-a',
      namespace: 'default',
      annotations: { [ANNOTATION]: ACCOUNT_A },
    },
    spec: { type: 'azure-openai-account', owner: 'team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aoai-b',
      namespace: 'default',
      annotations: { [ANNOTATION]: ACCOUNT_B },
    },
    spec: { type: 'azure-openai-account', owner: 'team-b' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    relations: [{ type: 'dependsOn', targetRef: RESOURCE_A }],
  },
];

/** 2026-11-28T12:00:00Z, the time of the fixtures. */
export const T0 = new Date('2026-11-28T12:00:00Z');
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A governance world (on SQLite unless `databaseId` says otherwise): the audit store, two scanned accounts, the linker over a fake
 * catalog, scans and governance driven by one controllable clock, and an app per caller.
 */
export async function createGovernanceWorld(
  databases: TestDatabases,
  options: {
    config?: Partial<GovernanceConfig['waivers']>;
    attestations?: Partial<GovernanceConfig['attestations']>;
    nonWaivableControls?: string[];
    /** Default SQLite. */
    databaseId?: Parameters<TestDatabases['init']>[0];
    /** Catalog entities besides the two resources and the component. */
    entities?: Entity[];
  } = {},
) {
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const store = await DatabaseAuditStore.create({ database });
  const governanceStore = await DatabaseGovernanceStore.create({ database });
  const clock = { now: T0 };
  const now = () => new Date(clock.now);
  const sources = new FakeSources();
  sources.add('aoai-a', loadEvidence('fail-insecure').input);
  sources.add('aoai-b', loadEvidence('fail-insecure').input);
  const catalog = createFakeCatalog([...ENTITIES, ...(options.entities ?? [])]);
  const auth = mockServices.auth();
  const linker = EntityLinker.create({ catalog, auth });
  const auditor = createRecordingAuditor();
  const logger = mockServices.logger.mock();
  const scanRequests: string[][] = [];
  // eslint-disable-next-line prefer-const
  let scans: ScanService;
  const governance = GovernanceService.create({
    store: governanceStore,
    config: {
      waivers: { ...DEFAULT_GOVERNANCE_CONFIG.waivers, ...options.config },
      attestations: {
        ...DEFAULT_GOVERNANCE_CONFIG.attestations,
        ...options.attestations,
      },
    },
    auditor,
    logger,
    nonWaivableControls: async () => options.nonWaivableControls ?? [],
    resolveEntityAccounts: async entityRef =>
      (
        await linker.resolveEntityAccounts(
          entityRef,
          await auth.getOwnServiceCredentials(),
        )
      )?.accounts.map(a => a.resourceId) ?? [],
    requestScan: async request => {
      scanRequests.push(request.resourceIds);
      await scans.requestScan({
        trigger: 'manual',
        requestedBy: request.requestedBy,
        target: {
          type: 'accounts',
          entityRef: request.entityRef,
          resourceIds: request.resourceIds,
        },
      });
    },
    now,
  });
  scans = ScanService.create({
    store,
    accountSource: sources,
    evidenceSource: sources,
    policySource: { getPolicy: async () => TEST_POLICY },
    loadClaims: () => linker.loadAccountClaims(),
    logger,
    auditor,
    config: testAuditConfig(),
    governance,
    now,
  });
  await scans.runScheduledScan();
  const postures = PostureService.create({ store, linker, logger });

  /** An app where `user` is signed in and the policy decides as for `role`. */
  const app = async (role: keyof typeof ROLES, user: string = USERS.owner) => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(user),
      }),
      permissions: fakePermissions(ROLES[role]),
      store,
      postures,
      scans,
      linker,
      governance,
      goldenPathOptions: async () => {
        throw new Error('not used');
      },
    });
    return express().use(router).use(mockErrorHandler());
  };

  /** The latest posture of an account, after pending scans finish. */
  const latest = async (resourceId: string) => {
    await scans.waitForIdle();
    const account = await store.getAccount(resourceId);
    return (await store.getLatest(account!.id))!;
  };

  /** The latest status of a control on an account, after pending scans finish. */
  const statusOf = async (resourceId: string, controlId: string) =>
    (await latest(resourceId)).results.find(r => r.controlId === controlId)!
      .status;

  return {
    knex,
    store,
    governanceStore,
    governance,
    scans,
    clock,
    auditor,
    app,
    statusOf,
    latest,
    scanRequests,
    advanceDays(days: number) {
      clock.now = new Date(clock.now.getTime() + days * DAY_MS);
    },
  };
}
