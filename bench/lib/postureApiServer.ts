/*
 * The audit plugin's real router on loopback over a store with N accounts and D days of history,
 * in its own process (so the load generator does not share its event loop). Started by
 * bench/postureApi.bench.ts; answers { port, seedMs, entityRefs, owners } over IPC, then serves
 * until killed.
 *
 * Seeding: D scans (one per day). Days 1..D-1 are inserted as history rows in batches, with a
 * compact results payload (control id and status per control, about 2 KB: the full payload with
 * evidence and remediation is about 50 KB, which would make 300,000 history rows 15 GB; the
 * routes measured read only the latest result of each account by primary key). Day D is stored
 * through DatabaseAuditStore.saveResult with full evaluations of three fixtures (hardened,
 * insecure, minimal), so the latest posture, its findings and the fleet tables are exactly what a
 * scan writes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { goldenPathOptions } from '@pavedai/plugin-azure-openai-common';
import express from 'express';
import knexFactory, { type Knex } from 'knex';
import { DatabaseAuditStore } from '../../plugins/azure-openai-backend/src/database/DatabaseAuditStore';
import { EntityLinker } from '../../plugins/azure-openai-backend/src/linking/EntityLinker';
import { ScanService } from '../../plugins/azure-openai-backend/src/scan/ScanService';
import { createRouter } from '../../plugins/azure-openai-backend/src/service/router';
import { PostureService } from '../../plugins/azure-openai-backend/src/service/PostureService';
import { evaluateFixture } from '../../plugins/azure-openai-backend/src/testUtils/fixtures';
import { testAuditConfig } from '../../plugins/azure-openai-backend/src/testUtils/testAuditConfig';
import {
  countingLogger,
  databaseOf,
  peakRssMB,
  silentAuditor,
} from './benchServices';

/** What the parent sends (JSON argument). */
export interface PostureApiServerArgs {
  database: 'sqlite' | 'postgres';
  /** PostgreSQL connection string of an empty database (database: postgres). */
  connection?: string;
  accounts: number;
  subscriptions: number;
  days: number;
  /** Accounts each component depends on. */
  accountsPerComponent: number;
}

/** What the server answers once it listens. */
export interface PostureApiServerReady {
  port: number;
  seedMs: number;
  historyRows: number;
  componentRefs: string[];
  owners: string[];
  peakRssMB: number;
}

const ANNOTATION = 'management.azure.com/resourceId';
const FIXTURES = ['pass-hardened', 'fail-insecure', 'na-minimal'] as const;
const TEAMS = 50;

function resourceIdOf(i: number, subscriptions: number) {
  const sub = `00000000-0000-4000-8000-${String(i % subscriptions).padStart(
    12,
    '0',
  )}`;
  return `/subscriptions/${sub}/resourceGroups/rg-bench-${
    i % 7
  }/providers/Microsoft.CognitiveServices/accounts/aoai-bench-${String(
    i,
  ).padStart(5, '0')}`;
}

/** An in-memory catalog with the calls the linker makes, answering from maps. */
function memoryCatalog(entities: Entity[]): CatalogService {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const lookup = (ref: string) =>
    byRef.get(stringifyEntityRef(parseEntityRef(ref)));
  return {
    getEntityByRef: async (ref: unknown) =>
      lookup(typeof ref === 'string' ? ref : stringifyEntityRef(ref as any)),
    getEntitiesByRefs: async (request: { entityRefs: string[] }) => ({
      items: request.entityRefs.map(lookup),
    }),
    getEntities: async () => ({ items: entities }),
  } as unknown as CatalogService;
}

async function seed(
  knex: Knex,
  store: DatabaseAuditStore,
  args: PostureApiServerArgs,
) {
  const evaluations = FIXTURES.map(f => evaluateFixture(f));
  const compact = evaluations.map(e =>
    JSON.stringify(
      e.results.map(r => ({ controlId: r.controlId, status: r.status })),
    ),
  );
  const day = 24 * 60 * 60 * 1000;
  const end = Date.parse('2026-11-28T06:00:00Z');
  const scanIds: string[] = [];
  for (let d = 0; d < args.days; d++) {
    const at = new Date(end - (args.days - 1 - d) * day);
    const scan = await store.createScan({
      id: randomUUID(),
      trigger: 'schedule',
      target: { type: 'fleet' },
      createdAt: at,
    });
    await store.updateScan(scan.id, {
      status: 'completed',
      startedAt: at,
      finishedAt: new Date(at.getTime() + 60_000),
    });
    scanIds.push(scan.id);
  }
  const first = new Date(end - (args.days - 1) * day);
  const accountIds: string[] = [];
  for (let i = 0; i < args.accounts; i++) {
    const account = await store.upsertAccount({
      resourceId: resourceIdOf(i, args.subscriptions),
      location: 'swedencentral',
      kind: 'OpenAI',
      tags: {},
      owner: `group:default/team-${i % TEAMS}`,
      system: `system:default/system-${i % (TEAMS * 2)}`,
      seenAt: first,
      scanId: scanIds[0],
    });
    accountIds.push(account.id);
  }
  let historyRows = 0;
  const batch: object[] = [];
  const flush = async () => {
    if (batch.length) {
      await knex.batchInsert('azure_openai_results', batch.splice(0), 200);
    }
  };
  for (let d = 0; d < args.days - 1; d++) {
    const at = new Date(end - (args.days - 1 - d) * day);
    for (let i = 0; i < accountIds.length; i++) {
      const e = evaluations[i % 3];
      batch.push({
        scan_id: scanIds[d],
        account_id: accountIds[i],
        evaluated_at: at,
        status: 'ok',
        error: null,
        score: e.score.score,
        grade: e.score.grade,
        capped: e.score.capped,
        earned_weight: e.score.earnedWeight,
        scored_weight: e.score.scoredWeight,
        counts: JSON.stringify(e.score.counts),
        results: compact[i % 3],
        diff: null,
      });
      historyRows += 1;
      if (batch.length >= 2000) await flush();
    }
  }
  await flush();
  const last = scanIds[scanIds.length - 1];
  const at = new Date(end);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < accountIds.length) {
        const i = next++;
        const e = evaluations[i % 3];
        await store.saveResult({
          scanId: last,
          accountId: accountIds[i],
          evaluatedAt: at,
          status: 'ok',
          score: e.score.score,
          grade: e.score.grade,
          capped: e.score.capped,
          earnedWeight: e.score.earnedWeight,
          scoredWeight: e.score.scoredWeight,
          counts: { ...e.score.counts },
          results: e.results,
        });
        historyRows += 1;
      }
    }),
  );
  return historyRows;
}

async function main() {
  const args: PostureApiServerArgs = JSON.parse(process.argv[2]);
  let dir: string | undefined;
  let knex: Knex;
  if (args.database === 'sqlite') {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posture-api-bench-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'audit.sqlite') },
      useNullAsDefault: true,
    });
  } else {
    knex = knexFactory({
      client: 'pg',
      connection: args.connection,
      pool: { min: 0, max: 10 },
    });
  }
  const store = await DatabaseAuditStore.create({ database: databaseOf(knex) });
  const started = performance.now();
  const historyRows = await seed(knex, store, args);
  const seedMs = Math.round(performance.now() - started);

  const entities: Entity[] = [];
  const componentRefs: string[] = [];
  for (let i = 0; i < args.accounts; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `aoai-bench-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        annotations: { [ANNOTATION]: resourceIdOf(i, args.subscriptions) },
      },
      spec: { type: 'azure-openai-account', owner: `team-${i % TEAMS}` },
    });
  }
  for (let c = 0; c * args.accountsPerComponent < args.accounts; c++) {
    const name = `service-${String(c).padStart(5, '0')}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'service',
        owner: `team-${c % TEAMS}`,
        lifecycle: 'production',
      },
      relations: Array.from({ length: args.accountsPerComponent }, (_, k) => ({
        type: 'dependsOn',
        targetRef: `resource:default/aoai-bench-${String(
          c * args.accountsPerComponent + k,
        ).padStart(5, '0')}`,
      })).filter((_, k) => c * args.accountsPerComponent + k < args.accounts),
    });
    componentRefs.push(`component:default/${name}`);
  }
  const logger = countingLogger();
  const linker = EntityLinker.create({
    catalog: memoryCatalog(entities),
    auth: mockServices.auth(),
  });
  const postures = PostureService.create({ store, linker, logger });
  const scans = ScanService.create({
    store,
    accountSource: { async *listAccounts() {} },
    evidenceSource: {
      startScan: () => ({
        collect: async () => {
          throw new Error('the bench does not scan');
        },
      }),
    },
    loadClaims: async () => new Map(),
    logger,
    auditor: silentAuditor,
    config: testAuditConfig(),
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    store,
    postures,
    scans,
    linker,
    goldenPathOptions: async () => goldenPathOptions({}, 'bench'),
  });
  const app = express()
    .use('/api/azure-openai', router)
    .use(mockErrorHandler());
  const server = app.listen(0, '127.0.0.1', () => {
    const ready: PostureApiServerReady = {
      port: (server.address() as AddressInfo).port,
      seedMs,
      historyRows,
      componentRefs,
      owners: Array.from(
        { length: TEAMS },
        (_, i) => `group:default/team-${i}`,
      ),
      peakRssMB: peakRssMB(),
    };
    process.send!(ready);
  });
  process.on('message', async m => {
    if (m === 'rss') process.send!({ peakRssMB: peakRssMB() });
    if (m === 'stop') {
      await new Promise(resolve => {
        server.close(resolve);
        server.closeAllConnections();
      });
      // Handlers of requests the load generator left in flight still run their queries; let them
      // finish, so that destroying the pool aborts nothing (knex would log each as an error).
      const pool = knex.client.pool;
      for (
        let i = 0;
        i < 100 && pool.numUsed() + pool.numPendingAcquires() > 0;
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      await knex.destroy();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
