import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { accountIdFor } from './database/armId';
import { azureOpenAIPlugin } from './plugin';
import { ScanService } from './scan/ScanService';
import { createRecordingAuditor } from './testUtils/fakeAuditor';
import { createFakeCatalog } from './testUtils/fakeCatalog';
import { FakeSources, loadEvidence, TEST_POLICY } from './testUtils/fixtures';
import { fakeSourcesModule } from './testUtils/sourcesModule';
import { testAuditConfig } from './testUtils/testAuditConfig';

/*
 * Several backend replicas on one database: two test backends, each with its own connection
 * pool, the real Backstage scheduler (tasks locked in the database) and the audit plugin, share
 * one PostgreSQL database (or, without PostgreSQL, one SQLite file). And crash safety: a scan
 * whose process dies mid-way.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});

/** Two connection pools to one fresh database: PostgreSQL when configured, else a SQLite file. */
async function sharedDatabase(): Promise<{
  name: string;
  connect: () => Knex;
  close: () => Promise<void>;
}> {
  const pools: Knex[] = [];
  if (databases.eachSupportedId().length > 0) {
    const first = await databases.init('POSTGRES_15');
    const config = first.client.config;
    return {
      name: 'PostgreSQL',
      connect: () => {
        const knex = pools.length === 0 ? first : knexFactory(config);
        pools.push(knex);
        return knex;
      },
      close: async () => {
        await Promise.all(pools.slice(1).map(k => k.destroy()));
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aoai-replicas-'));
  return {
    name: 'SQLite file',
    connect: () => {
      const knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'shared.sqlite') },
        useNullAsDefault: true,
      });
      pools.push(knex);
      return knex;
    },
    close: async () => {
      await Promise.all(pools.map(k => k.destroy()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ANNOTATION = 'management.azure.com/resourceId';

function fleet() {
  const sources = new FakeSources();
  const accounts = ['aoai-a', 'aoai-b', 'aoai-c'].map(name =>
    sources.add(name, loadEvidence('pass-hardened').input),
  );
  const entities: Entity[] = [
    ...accounts.map(a => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: a.resourceId.split('/').pop()!,
        namespace: 'default',
        annotations: { [ANNOTATION]: a.resourceId },
      },
      spec: { type: 'azure-openai-account', owner: 'team-a' },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout', namespace: 'default' },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      relations: [{ type: 'dependsOn', targetRef: 'resource:default/aoai-a' }],
    },
  ];
  return { sources, accounts, entities };
}

async function startReplica(
  knex: Knex,
  sources: FakeSources,
  entities: Entity[],
) {
  return startTestBackend({
    features: [
      azureOpenAIPlugin,
      fakeSourcesModule(sources, TEST_POLICY),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => createFakeCatalog(entities),
      }),
      mockServices.database.factory({ knex }),
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          azureOpenAI: {
            audit: {
              schedule: {
                frequency: { seconds: 2 },
                timeout: { seconds: 60 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
      }),
    ],
  });
}

async function waitForScan(server: unknown, scanId: string) {
  for (let attempt = 0; attempt < 400; attempt++) {
    const res = await request(server as never).get(
      `/api/azure-openai/scans/${scanId}`,
    );
    if (res.body.status === 'completed' || res.body.status === 'failed')
      return res.body;
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`scan ${scanId} did not finish`);
}

describe('two backend replicas on one database', () => {
  it('runs the scheduled scan once per interval across both, with one snapshot per account and scan, and shows on-demand scans of either replica on both', async () => {
    const db = await sharedDatabase();
    const { sources, accounts, entities } = fleet();
    const knexA = db.connect();
    const replicaA = await startReplica(knexA, sources, entities);
    const replicaB = await startReplica(db.connect(), sources, entities);
    try {
      // Let the scheduler tick a few intervals with both replicas competing for the task.
      await new Promise(resolve => setTimeout(resolve, 9_000));

      const scheduled = await knexA('azure_openai_scans')
        .where({ trigger: 'schedule' })
        .orderBy('created_at');
      const completed = scheduled.filter(s => s.status === 'completed');
      expect(completed.length).toBeGreaterThanOrEqual(2);
      // At most one run per 2-second interval over ~8 seconds of ticking (not one per replica).
      expect(scheduled.length).toBeLessThanOrEqual(5);
      // Never two scheduled scans at once: each starts after the previous one finished.
      for (let i = 1; i < completed.length; i++) {
        expect(
          new Date(completed[i].started_at).getTime(),
        ).toBeGreaterThanOrEqual(
          new Date(completed[i - 1].finished_at).getTime(),
        );
      }
      // One snapshot per account per scan, and every account in every completed scan.
      const perScanAccount: Array<{ scan_id: string; n: number | string }> =
        await knexA('azure_openai_results')
          .select('scan_id', 'account_id')
          .count({ n: '*' })
          .groupBy('scan_id', 'account_id');
      expect(perScanAccount.filter(r => Number(r.n) > 1)).toEqual([]);
      for (const scan of completed) {
        expect(perScanAccount.filter(r => r.scan_id === scan.id)).toHaveLength(
          accounts.length,
        );
      }

      // On-demand scans: requested on one replica, visible on the other, both ways.
      for (const [from, to] of [
        [replicaA.server, replicaB.server],
        [replicaB.server, replicaA.server],
      ]) {
        const created = await request(from)
          .post('/api/azure-openai/scans')
          .send({ entityRef: 'component:default/checkout' });
        expect(created.status).toBe(202);
        const finished = await waitForScan(to, created.body.id);
        expect(finished).toMatchObject({
          status: 'completed',
          accountsDone: 1,
        });
        const posture = await request(to).get(
          '/api/azure-openai/entities/component/default/checkout/posture',
        );
        expect(posture.status).toBe(200);
        expect(posture.body.accounts[0].posture.scanId).toBe(created.body.id);
      }
    } finally {
      await replicaA.stop();
      await replicaB.stop();
      await db.close();
    }
  });
});

describe('crash safety', () => {
  it('a scan killed mid-way loses no stored snapshot, leaves only complete results as latest, and is failed at restart', async () => {
    const db = await sharedDatabase();
    const knex = db.connect();
    try {
      const store = await DatabaseAuditStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const { sources, accounts } = fleet();
      const service = (now?: () => Date) =>
        ScanService.create({
          store,
          accountSource: sources,
          evidenceSource: sources,
          policySource: { getPolicy: async () => TEST_POLICY },
          loadClaims: async () => new Map(),
          logger: mockServices.logger.mock(),
          auditor: createRecordingAuditor(),
          config: { ...testAuditConfig(), concurrency: 1 },
          now,
        });

      const first = await service().runScheduledScan();
      expect(first.status).toBe('completed');

      // The second scan's process "dies" after one account: the other collections never return,
      // and nothing of that process runs again.
      let collected = 0;
      const hang = new Promise<never>(() => {});
      const crashing = ScanService.create({
        store,
        accountSource: sources,
        evidenceSource: {
          startScan: () => ({
            collect: async account => {
              collected += 1;
              if (collected > 1) return hang;
              return sources.collect(account);
            },
          }),
        },
        policySource: { getPolicy: async () => TEST_POLICY },
        loadClaims: async () => new Map(),
        logger: mockServices.logger.mock(),
        auditor: createRecordingAuditor(),
        config: { ...testAuditConfig(), concurrency: 1 },
      });
      void crashing.runScheduledScan();
      while (collected < 2)
        await new Promise(resolve => setTimeout(resolve, 5));
      const [killed] = await knex('azure_openai_scans')
        .whereNot({ id: first.id })
        .select('id', 'status');
      expect(killed.status).toBe('running');

      // Every stored snapshot of the first scan is still there.
      const firstRows = await knex('azure_openai_results').where({
        scan_id: first.id,
      });
      expect(firstRows).toHaveLength(accounts.length);
      // Every account's latest posture is a complete result: the first scan's, or (for the one
      // account the killed scan finished) that scan's whole result; never a partial write.
      for (const account of accounts) {
        const latest = await store.getLatest(accountIdFor(account.resourceId));
        expect(latest).toBeDefined();
        expect([first.id, killed.id]).toContain(latest!.scanId);
        expect(latest!.results.length).toBe(
          (await store.getLatest(accountIdFor(accounts[0].resourceId)))!.results
            .length,
        );
      }
      const fromKilled = await knex('azure_openai_latest').where({
        scan_id: killed.id,
      });
      expect(fromKilled.length).toBeLessThanOrEqual(1);

      // Restart: a new backend (another ScanService on the same database) after the scan's
      // timeout marks the killed scan failed, and the next scheduled scan completes.
      const later = () => new Date(Date.now() + 24 * 60 * 60 * 1000);
      const restarted = service(later);
      expect(await restarted.failStaleScans()).toBe(1);
      expect(await store.getScan(killed.id)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('did not finish'),
      });
      const next = await restarted.runScheduledScan();
      expect(next).toMatchObject({
        status: 'completed',
        accountsDone: accounts.length,
      });
      expect(
        await knex('azure_openai_results').where({ scan_id: first.id }),
      ).toHaveLength(accounts.length);
    } finally {
      await db.close();
    }
  });
});
