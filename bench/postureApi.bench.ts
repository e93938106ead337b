/*
 * Benchmark: the posture API under load, on SQLite and on PostgreSQL.
 *
 * Run from the repository root:  yarn bench:posture-api [--accounts 10000] [--days 30]
 *   [--databases sqlite,postgres] [--duration-s 10] [--connections 10] [--out posture-api]
 *
 * PostgreSQL is used when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (a
 * throwaway database is created in it and dropped afterwards); otherwise only SQLite runs.
 *
 * A child process (bench/lib/postureApiServer.ts) seeds N accounts with D days of history, then
 * serves the audit plugin's real router (createRouter, PostureService, EntityLinker over an
 * in-memory catalog, DatabaseAuditStore) on loopback. This process drives it with autocannon:
 *
 * - entity posture (`GET /entities/component/default/<service>/posture`, a random component of
 *   2 accounts per request) at fixed concurrency, as fast as it answers, and at a fixed rate of
 *   200 requests per second (the goal: p99 under 50 ms);
 * - the fleet list (`GET /fleet?limit=50`, sorted by grade, and filtered by a random owner).
 *
 * Results: bench/results/<out>.json and <out>.md. Not a test; it asserts nothing.
 * Options: also --rate-duration-s (the fixed-rate run, default 30).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { forkTs, machine, option, writeFormatted } from './lib/benchServices';
import type {
  PostureApiServerArgs,
  PostureApiServerReady,
} from './lib/postureApiServer';

const accounts = Number(option('accounts', '10000'));
const days = Number(option('days', '30'));
const durationS = Number(option('duration-s', '10'));
const connections = Number(option('connections', '10'));
const rateDurationS = Number(option('rate-duration-s', '30'));
const out = option('out', 'posture-api');
const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const databases = option('databases', pgUrl ? 'sqlite,postgres' : 'sqlite')
  .split(',')
  .filter(Boolean) as Array<'sqlite' | 'postgres'>;
const GOAL = { rate: 200, p99Ms: 50 };

function startServer(args: PostureApiServerArgs) {
  return new Promise<{ child: ChildProcess; ready: PostureApiServerReady }>(
    (resolve, reject) => {
      const child = forkTs(
        path.join(__dirname, 'lib/postureApiServer.ts'),
        args,
      );
      child.on('message', m => {
        // @backstage/cli's transform also reports the files it loads ({ type: 'watch' })
        if (typeof (m as PostureApiServerReady)?.port === 'number') {
          resolve({ child, ready: m as PostureApiServerReady });
        }
      });
      child.on('error', reject);
      child.once('exit', code =>
        reject(new Error(`the API server exited with ${code}`)),
      );
    },
  );
}

interface LoadResult {
  name: string;
  mode: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(
  name: string,
  port: number,
  pathOf: () => string,
  options: { overallRate?: number; durationS?: number } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: options.durationS ?? durationS,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      { method: 'GET', setupRequest: req => ({ ...req, path: pathOf() }) },
    ],
  });
  return {
    name,
    mode: options.overallRate
      ? `${options.overallRate} req/s fixed rate, ${connections} connections, ${
          options.durationS ?? durationS
        } s`
      : `${connections} connections, as fast as it answers`,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

async function runDatabase(database: 'sqlite' | 'postgres') {
  let connection: string | undefined;
  const dbName = `posture_api_bench_${Date.now()}`;
  const admin =
    database === 'postgres'
      ? knexFactory({ client: 'pg', connection: pgUrl })
      : undefined;
  if (admin) {
    await admin.raw(`CREATE DATABASE ${dbName}`);
    const url = new URL(pgUrl!);
    url.pathname = `/${dbName}`;
    connection = url.toString();
  }
  const { child, ready } = await startServer({
    database,
    connection,
    accounts,
    subscriptions: 200,
    days,
    accountsPerComponent: 2,
  });
  // eslint-disable-next-line no-console
  console.log(
    `${database}: seeded ${accounts} accounts, ${
      ready.historyRows
    } results in ${(ready.seedMs / 1000).toFixed(1)} s`,
  );
  try {
    const entityPath = () =>
      `/api/azure-openai/entities/${pick(ready.componentRefs).replace(
        ':',
        '/',
      )}/posture`;
    // warm-up
    await load('warm-up', ready.port, entityPath, {});
    // The goal's run first, longer (more samples for the p99), before the heavier runs.
    const runs = [
      await load('entity posture', ready.port, entityPath, {
        overallRate: GOAL.rate,
        durationS: rateDurationS,
      }),
      await load('entity posture', ready.port, entityPath),
      await load(
        'fleet list (by grade, 50)',
        ready.port,
        () => '/api/azure-openai/fleet?limit=50&sort=grade',
      ),
      await load(
        'fleet list (owner filter, 50)',
        ready.port,
        () =>
          `/api/azure-openai/fleet?limit=50&owner=${encodeURIComponent(
            pick(ready.owners),
          )}`,
      ),
    ];
    for (const r of runs) {
      // eslint-disable-next-line no-console
      console.log(
        `  ${r.name.padEnd(30)} ${r.mode.padEnd(42)} ${String(r.rps).padStart(
          5,
        )} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  non-2xx ${r.non2xx}`,
      );
    }
    const rss = await new Promise<number>(resolve => {
      const onMessage = (m: unknown) => {
        const peak = (m as { peakRssMB?: unknown })?.peakRssMB;
        if (typeof peak === 'number' && !('port' in (m as object))) {
          child.off('message', onMessage);
          resolve(peak);
        }
      };
      child.on('message', onMessage);
      child.send('rss');
    });
    return {
      database,
      seedMs: ready.seedMs,
      historyRows: ready.historyRows,
      serverPeakRssMB: rss,
      runs,
      loadavgAfter: machine().loadavg,
    };
  } finally {
    child.removeAllListeners('exit');
    await new Promise<void>(resolve => {
      child.once('exit', () => resolve());
      child.send('stop');
    });
    if (admin) {
      await admin.raw(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.destroy();
    }
  }
}

type DbResult = Awaited<ReturnType<typeof runDatabase>>;

function markdown(
  results: DbResult[],
  startedAt: string,
  host: ReturnType<typeof machine>,
) {
  const lines = [
    '# Posture API benchmark',
    '',
    `Run ${startedAt} with \`yarn bench:posture-api\` on ${host.cpus} cores (${host.cpuModel}), Node ${host.node}.`,
    `Load average at the start: ${host.loadavg.join(
      ', ',
    )} (1, 5, 15 min). The machine is shared (other test`,
    'suites may have been running) and autocannon runs on the same 2 cores as the server.',
    '',
    `Store: ${accounts} accounts over 200 subscriptions, ${days} daily scans of history (the latest with full`,
    'results and evidence through DatabaseAuditStore.saveResult, earlier ones inserted with a compact',
    'payload); the real router on loopback with an in-memory catalog (5,000 components of 2 accounts each).',
    `autocannon: ${connections} connections, ${durationS} s per run (${rateDurationS} s at the fixed rate). Goal: entity posture p99 under ${GOAL.p99Ms} ms at ${GOAL.rate} req/s.`,
    '',
    '| Database | Route | Load | Requests/s | p50 | p90 | p99 | non-2xx |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const db of results) {
    for (const r of db.runs) {
      lines.push(
        `| ${db.database} | ${r.name} | ${r.mode} | ${r.rps} | ${
          r.p50Ms
        } ms | ${r.p90Ms} ms | ${r.p99Ms} ms | ${r.non2xx + r.errors} |`,
      );
    }
  }
  lines.push('');
  for (const db of results) {
    const atGoal = db.runs.find(
      r => r.name === 'entity posture' && r.mode.includes('fixed rate'),
    )!;
    lines.push(
      `- ${db.database}: seeded ${db.historyRows} results in ${(
        db.seedMs / 1000
      ).toFixed(1)} s; server peak RSS ${db.serverPeakRssMB} MB; ` +
        `entity posture p99 at ${GOAL.rate} req/s: ${atGoal.p99Ms} ms (${
          atGoal.p99Ms < GOAL.p99Ms ? 'meets' : 'misses'
        } the ${GOAL.p99Ms} ms goal).`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const startedAt = new Date().toISOString();
  const host = machine();
  const results: DbResult[] = [];
  for (const database of databases) results.push(await runDatabase(database));
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  writeFormatted(
    path.join(dir, `${out}.json`),
    `${JSON.stringify(
      {
        startedAt,
        machine: host,
        accounts,
        days,
        connections,
        durationS,
        results,
      },
      null,
      2,
    )}\n`,
  );
  writeFormatted(
    path.join(dir, `${out}.md`),
    markdown(results, startedAt, host),
  );
  // eslint-disable-next-line no-console
  console.log(`Results in bench/results/${out}.json and ${out}.md`);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
