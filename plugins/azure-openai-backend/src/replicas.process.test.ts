import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  generateFleet,
  startEmulator,
  type FleetOptions,
} from '@pavedai/azure-arm-emulator';
import { listControls } from '@pavedai/plugin-azure-openai-common';
import knexFactory, { type Knex } from 'knex';
import {
  startReplicaProcess,
  type ReplicaBackendArgs,
  type ReplicaProcess,
} from './__testUtils__/replicaBackend';
import { SCAN_TASK_ID } from './plugin';

/*
 * Backend replicas as real operating-system processes (createBackend() with the audit plugin,
 * the real scheduler and database services, see __testUtils__/replicaBackend.ts) on one
 * PostgreSQL database, scanning the ARM emulator of this process over HTTP with the Azure SDK:
 * - two processes share the scheduled scan (the scheduler's lock in the database) and see each
 *   other's on-demand scans;
 * - a process killed (SIGKILL) in the middle of a scheduled scan loses no stored snapshot, leaves
 *   no partial result as any account's latest posture, and a restarted process fails the
 *   interrupted scan and runs the scheduled scans again.
 *
 * PostgreSQL only: SQLite is a single-process database, so "replicas on one database" means
 * PostgreSQL. scripts/test.sh (and CI) always provides it; without it only the first test runs.
 */

jest.setTimeout(90_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});

const ANNOTATION = 'management.azure.com/resourceId';
const PLUGIN_SCHEMA = 'azure-openai';
const TASKS = 'backstage_backend_tasks__tasks';

const replicas = new Set<ReplicaProcess>();
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  // Children die even when an assertion failed half-way; then the emulator and pools close.
  await Promise.all([...replicas].map(r => r.kill()));
  replicas.clear();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startReplica(args: ReplicaBackendArgs) {
  const replica = await startReplicaProcess(args);
  replicas.add(replica);
  return replica;
}

/** A fresh PostgreSQL database; the plugin's tables are in its schema (pluginDivisionMode). */
async function sharedDatabase() {
  const knex = await databases.init('POSTGRES_15');
  const { connection } = knex.client.config;
  const pluginTables = knexFactory({
    client: 'pg',
    connection,
    searchPath: [PLUGIN_SCHEMA],
  });
  cleanups.push(() => pluginTables.destroy());
  return {
    config: { client: 'pg', connection, pluginDivisionMode: 'schema' },
    db: pluginTables,
  };
}

async function emulatorFor(fleet: FleetOptions, latencyMs: number) {
  const emulator = await startEmulator({ fleet, latencyMs });
  cleanups.push(() => emulator.stop());
  return emulator;
}

/** Resources for the first two accounts of the fleet, and a component depending on each. */
function catalogFor(fleet: FleetOptions): Entity[] {
  const accounts = generateFleet(fleet)
    .resources.filter(r =>
      /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i.test(r.id),
    )
    .slice(0, 2);
  return accounts.flatMap((account, i) => {
    const name = account.id.split('/').pop()!;
    return [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name, annotations: { [ANNOTATION]: account.id } },
        spec: { type: 'azure-openai-account', owner: 'team-a' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `service-${i}` },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
        relations: [
          { type: 'dependsOn', targetRef: `resource:default/${name}` },
        ],
      },
    ];
  });
}

/** Waits until `check` answers something truthy; fails with `what` and the replicas' output. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  limitMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const output = [...replicas].map(r => r.output().slice(-4000));
      throw new Error(`Gave up waiting for ${what}\n${output.join('\n---\n')}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

async function getJson(url: string, init?: RequestInit) {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, body: await res.json() };
}

interface ScanRow {
  id: string;
  trigger: string;
  status: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  accounts_total: number;
  accounts_done: number;
  error: string | null;
}

function scheduledScans(db: Knex): Promise<ScanRow[]> {
  return db<ScanRow>('azure_openai_scans')
    .where({ trigger: 'schedule' })
    .orderBy('created_at');
}

it('runs the replica process tests on PostgreSQL when the test command asks for it', () => {
  // scripts/test.sh starts PostgreSQL and sets this, so these tests cannot be skipped there.
  const required = Boolean(process.env.PAVEDAI_REQUIRE_POSTGRES);
  expect(databases.supports('POSTGRES_15') || !required).toBe(true);
});

for (const databaseId of databases.eachSupportedId()) {
  describe(`backend replica processes on ${databaseId}`, () => {
    it('two processes run the scheduled scan once per interval, never at once, one snapshot per account and scan, and show each other on-demand scans', async () => {
      const FLEET = { accounts: 12, subscriptions: 2, seed: 11 };
      const FREQUENCY_S = 2;
      const { config, db } = await sharedDatabase();
      const emulator = await emulatorFor(FLEET, 15);
      const args: ReplicaBackendArgs = {
        database: config,
        emulatorUrl: emulator.url,
        entities: catalogFor(FLEET),
        audit: {
          concurrency: 4,
          schedule: {
            frequency: { seconds: FREQUENCY_S },
            timeout: { seconds: 30 },
            initialDelay: { seconds: 0 },
          },
        },
      };
      // Both at once on the empty database: the plugin's migrations run under its advisory lock
      // (migrateDatabase), so neither stops at start.
      const [a, b] = await Promise.all([
        startReplica(args),
        startReplica(args),
      ]);

      // Both processes compete for the scheduled task for a few intervals.
      await waitFor('four completed scheduled scans', async () => {
        const scans = await scheduledScans(db);
        return scans.filter(s => s.status === 'completed').length >= 4;
      });
      const scans = (await scheduledScans(db)).filter(
        s => s.status !== 'queued',
      );
      const started = scans.map(s => new Date(s.started_at!).getTime());
      // The k-th run cannot start before the first one's planned start plus k - 1 periods; the
      // first one may start up to one poll (a period) after its planned start. Two schedulers
      // running the task each on its own would make about twice as many runs.
      const spanS = (started[started.length - 1] - started[0]) / 1000;
      expect(scans.length).toBeLessThanOrEqual(
        Math.floor(spanS / FREQUENCY_S) + 2,
      );
      // Never two at once: each run starts after the previous one finished.
      const completed = scans.filter(s => s.status === 'completed');
      for (let i = 1; i < scans.length; i++) {
        expect(scans[i - 1].finished_at).not.toBeNull();
        expect(started[i]).toBeGreaterThanOrEqual(
          new Date(scans[i - 1].finished_at!).getTime(),
        );
      }
      // Exactly one snapshot per account and scan, every account in every completed scan.
      const perScan: Array<{ scan_id: string; n: string; accounts: string }> =
        await db('azure_openai_results')
          .whereIn(
            'scan_id',
            completed.map(s => s.id),
          )
          .select('scan_id')
          .count({ n: '*' })
          .countDistinct({ accounts: 'account_id' })
          .groupBy('scan_id');
      expect(perScan).toHaveLength(completed.length);
      for (const row of perScan) {
        expect(Number(row.n)).toBe(FLEET.accounts);
        expect(Number(row.accounts)).toBe(FLEET.accounts);
      }
      // Only one task row, shared by both schedulers.
      expect(await db(TASKS).where({ id: SCAN_TASK_ID })).toHaveLength(1);

      // On-demand scans: requested from one process, followed and read on the other.
      for (const [from, to, component] of [
        [a, b, 'service-0'],
        [b, a, 'service-1'],
      ] as const) {
        const created = await getJson(`${from.baseUrl}/scans`, {
          method: 'POST',
          body: JSON.stringify({ entityRef: `component:default/${component}` }),
        });
        expect(created.status).toBe(202);
        const finished = await waitFor(
          `on-demand scan ${created.body.id} seen from the other process`,
          async () => {
            const { body } = await getJson(
              `${to.baseUrl}/scans/${created.body.id}`,
            );
            return ['completed', 'failed'].includes(body.status) && body;
          },
        );
        expect(finished).toMatchObject({
          status: 'completed',
          accountsDone: 1,
          accountsFailed: 0,
        });
        const posture = await getJson(
          `${to.baseUrl}/entities/component/default/${component}/posture`,
        );
        expect(posture.status).toBe(200);
        expect(posture.body.accounts).toHaveLength(1);
        expect(posture.body.accounts[0].posture.scanId).toBe(created.body.id);
      }

      await Promise.all([a.stop(), b.stop()]);
      expect([a.child.exitCode, b.child.exitCode]).toEqual([0, 0]);
    });

    it('a process killed mid-scan loses no snapshot and leaves only whole results as latest; a restarted process fails that scan and scans on schedule again', async () => {
      const FLEET = { accounts: 20, subscriptions: 2, seed: 12 };
      const TIMEOUT_S = 8;
      const { config, db } = await sharedDatabase();
      const emulator = await emulatorFor(FLEET, 40);
      const args: ReplicaBackendArgs = {
        database: config,
        emulatorUrl: emulator.url,
        entities: catalogFor(FLEET),
        // Slow enough (two accounts at a time, 40 ms per ARM call) to be killed mid-way.
        audit: {
          concurrency: 2,
          schedule: {
            frequency: { seconds: 1 },
            timeout: { seconds: TIMEOUT_S },
            initialDelay: { seconds: 0 },
          },
        },
        armConcurrency: { total: 4, perSubscription: 4 },
      };
      const first = await startReplica(args);

      // The first scheduled scan completes; the next one starts right after it.
      const [previous, interrupted] = await waitFor(
        'a completed scheduled scan followed by a running one',
        async () => {
          const scans = await scheduledScans(db);
          return (
            scans.length === 2 &&
            scans[0].status === 'completed' &&
            scans[1].status === 'running' &&
            scans[1].accounts_done >= 2 &&
            scans
          );
        },
      );
      expect(previous.accounts_done).toBe(FLEET.accounts);
      // The process itself reports the scan as running, part-way.
      const progress = await getJson(
        `${first.baseUrl}/scans/${interrupted.id}`,
      );
      expect(progress.body).toMatchObject({ status: 'running' });
      expect(progress.body.accountsDone).toBeLessThan(FLEET.accounts);

      const before: Array<{ id: string }> = await db(
        'azure_openai_results',
      ).select('id');
      await first.kill();

      // Straight after the kill, in the database:
      // every snapshot stored before the kill is still there;
      const after = new Set(
        (await db('azure_openai_results').select('id')).map(r => String(r.id)),
      );
      expect(before.filter(r => !after.has(String(r.id)))).toEqual([]);
      // the interrupted scan stays running (nobody finished it) with part of the fleet done;
      const [killed]: ScanRow[] = await db('azure_openai_scans').where({
        id: interrupted.id,
      });
      expect(killed.status).toBe('running');
      expect(killed.accounts_done).toBeLessThan(FLEET.accounts);
      // every account's latest posture is a whole result: the previous scan's, or the result the
      // interrupted scan stored for that account (result, latest row and findings are written in
      // one transaction, so a kill in the middle of one leaves the previous latest).
      const controls = listControls().length;
      const latest: Array<{
        account_id: string;
        scan_id: string;
        result_id: string;
        results: string;
        result_scan_id: string;
      }> = await db('azure_openai_latest as l')
        .join('azure_openai_results as r', 'r.id', 'l.result_id')
        .select(
          'l.account_id',
          'l.scan_id',
          'l.result_id',
          'r.results',
          'r.scan_id as result_scan_id',
        );
      expect(latest).toHaveLength(FLEET.accounts);
      for (const row of latest) {
        expect([previous.id, interrupted.id]).toContain(row.scan_id);
        expect(row.result_scan_id).toBe(row.scan_id);
        expect(JSON.parse(row.results)).toHaveLength(controls);
      }
      const storedByInterrupted: Array<{ id: string; account_id: string }> =
        await db('azure_openai_results')
          .where({ scan_id: interrupted.id })
          .select('id', 'account_id');
      expect(
        latest
          .filter(l => l.scan_id === interrupted.id)
          .map(l => String(l.result_id))
          .sort(),
      ).toEqual(storedByInterrupted.map(r => String(r.id)).sort());
      expect(storedByInterrupted.length).toBeLessThan(FLEET.accounts);

      // Restart. The scheduler keeps the killed run's lock until its timeout, and a starting
      // backend's janitor frees expired locks; the plugin fails a scan left running once it is
      // older than its timeout. So the new process starts once both have passed.
      await waitFor(
        'the killed run lock to expire',
        async () => {
          const [task] = await db(TASKS)
            .where({ id: SCAN_TASK_ID })
            .select(
              db.raw(
                'current_run_expires_at < now() as expired, now() as db_now',
              ),
            );
          return (
            task.expired &&
            new Date(task.db_now).getTime() >
              new Date(killed.created_at).getTime() + TIMEOUT_S * 1000
          );
        },
        TIMEOUT_S * 1000 + 5_000,
      );
      const restartedAt = new Date();
      const second = await startReplica(args);

      const resumed = await waitFor(
        'a scheduled scan completed by the restarted process',
        async () =>
          (
            await scheduledScans(db)
          ).find(
            s =>
              s.status === 'completed' &&
              new Date(s.created_at).getTime() >= restartedAt.getTime(),
          ),
      );
      expect(resumed.accounts_done).toBe(FLEET.accounts);
      const failed = await getJson(`${second.baseUrl}/scans/${interrupted.id}`);
      expect(failed.body).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('did not finish within its timeout'),
      });
      // Every snapshot that was stored when the process died (the interrupted scan's too) is
      // still stored, and every account's latest posture is from a scan after the restart.
      const kept = new Set(
        (await db('azure_openai_results').select('id')).map(r => String(r.id)),
      );
      expect([...after].filter(id => !kept.has(id))).toEqual([]);
      const afterRestart = new Set(
        (await scheduledScans(db))
          .filter(s => new Date(s.created_at) >= restartedAt)
          .map(s => s.id),
      );
      const latestNow: Array<{ scan_id: string }> = await db(
        'azure_openai_latest',
      ).select('scan_id');
      expect(latestNow).toHaveLength(FLEET.accounts);
      // (a later scheduled scan may already have replaced some of the resumed scan's)
      expect(latestNow.filter(l => !afterRestart.has(l.scan_id))).toEqual([]);

      await second.stop();
      expect(second.child.exitCode).toBe(0);
    });
  });
}
