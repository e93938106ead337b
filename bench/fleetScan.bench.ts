/*
 * Benchmark: a fleet scan against the ARM emulator, with the lower bound it could reach.
 *
 * Run from the repository root:  yarn bench:fleet-scan [--sizes 100x10,1000x50,10000x200]
 *   [--concurrency 8/4] [--account-concurrency 4] [--naive 100x10,1000x50] [--naive-limit-s 90]
 *   [--out fleet-scan]
 *
 * For each size N accounts over M subscriptions, the emulator (@pavedai/azure-arm-emulator, in
 * this process) serves a generated fleet with 40 ms per call and ARM's token buckets (reads: 250
 * burst, 25/s per subscription x caller). The scan runs in a child process (its peak RSS is its
 * own) through the real path: Resource Graph discovery, the EvidenceCollector over the Azure SDK
 * on loopback HTTP, evaluation in the ScanService, the DatabaseAuditStore on a SQLite file.
 *
 * Reported per run: wall time, ARM calls per account by operation, 429s, retries, peak RSS,
 * and the lower bound the run could reach given its calls, the latency, the concurrency limits
 * and the token buckets, with the ratio wall / lower bound. A naive baseline (one account and one
 * call at a time, nothing shared) runs at the sizes given by --naive, stopped after
 * --naive-limit-s and extrapolated from the accounts it finished.
 *
 * Results: bench/results/<out>.json and <out>.md. Not a test; it asserts nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type EmulatorStats } from '@pavedai/azure-arm-emulator';
import { ConfigReader } from '@backstage/config';
import { readAzureAccessConfig } from '@pavedai/plugin-azure-openai-node';
import { readAuditConfig } from '../plugins/azure-openai-backend/src/config';
import { forkTs, machine, option, writeFormatted } from './lib/benchServices';
import type { FleetScanRunArgs, FleetScanRunResult } from './lib/fleetScanRun';

const LATENCY_MS = 40;
const READS = { burst: 250, perSecond: 25 };

interface Size {
  accounts: number;
  subscriptions: number;
}

function parseSizes(text: string): Size[] {
  return text
    .split(',')
    .filter(Boolean)
    .map(s => {
      const [accounts, subscriptions] = s.split('x').map(Number);
      return { accounts, subscriptions };
    });
}

const sizes = parseSizes(option('sizes', '100x10,1000x50,10000x200'));
const naiveSizes = parseSizes(option('naive', '100x10,1000x50'));
const naiveLimitMs = Number(option('naive-limit-s', '90')) * 1000;
/** Which scans to run: the optimized scan, the naive baseline, or both. */
const modes = option('modes', 'optimized,naive').split(',');
/** Cold scans (each in a new process) per size up to --warm-up-to; the summary takes their median. */
const coldRuns = Number(option('cold-runs', '3'));
/** Earlier results files (bench/results/<name>.json) whose runs join this summary. */
const merge = option('merge', '').split(',').filter(Boolean);
/** Up to this size a second (warm) scan follows the first in the same process. */
const warmUpTo = Number(option('warm-up-to', '1000'));
// Defaults: the plugin's (azureOpenAI.azure.concurrency and azureOpenAI.audit.concurrency).
const defaults = {
  arm: readAzureAccessConfig(new ConfigReader({})).concurrency,
  accounts: readAuditConfig(new ConfigReader({})).concurrency,
};
const [total, perSubscription] = option(
  'concurrency',
  `${defaults.arm.total}/${defaults.arm.perSubscription}`,
)
  .split('/')
  .map(Number);
const accountConcurrency = Number(
  option('account-concurrency', String(defaults.accounts)),
);
const out = option('out', 'fleet-scan');
const sqlite = option('sqlite', 'file-wal') as
  | 'file-wal'
  | 'file-fsync'
  | 'memory';

/** Calls of one run, as the emulator saw them. */
interface CallLog {
  bySubscription: Map<string, number>;
  tenant: number;
  /** When each answered call was answered (performance.now()) and whether it read one account. */
  answered: Array<{ at: number; account: boolean }>;
}

/**
 * Where the time went, from the emulator's side: how long before the first call about an account
 * (discovery), how busy the concurrency slots were in the steady part of the scan (calls between
 * the 10th and 90th percentile of answers), and how long the last 5% of calls took (the tail).
 */
function phases(calls: CallLog, totalConcurrency: number) {
  const log = calls.answered;
  if (log.length < 20) return undefined;
  const start = log[0].at - LATENCY_MS;
  const firstAccount = log.find(c => c.account);
  const at = (q: number) =>
    log[Math.min(log.length - 1, Math.floor(q * log.length))].at;
  const from = at(0.1);
  const to = at(0.9);
  const steadyCalls = log.filter(c => c.at > from && c.at <= to).length;
  return {
    untilFirstAccountCallMs: firstAccount
      ? Math.round(firstAccount.at - LATENCY_MS - start)
      : undefined,
    steadyBusyShare:
      Math.round(
        ((steadyCalls * LATENCY_MS) / ((to - from) * totalConcurrency)) * 100,
      ) / 100,
    tailMs: Math.round(log[log.length - 1].at - at(0.95)),
  };
}

const ACCOUNT_PATH =
  /\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/?]+/i;

/**
 * The fastest the run could have been: no faster than any one of these limits allows.
 * - concurrency: every call takes `latency` and at most `total` run at once;
 * - per subscription: at most `perSubscription` at once within the busiest subscription;
 * - token bucket: the busiest subscription gets `burst` calls at once, then `perSecond`;
 * - discovery: Resource Graph pages (tenant calls) follow each other.
 */
function lowerBound(
  calls: CallLog,
  concurrency: { total: number; perSubscription: number },
  accounts: number,
  accountConcurrency: number,
) {
  const perSub = [...calls.bySubscription.values()];
  const all = perSub.reduce((a, b) => a + b, 0) + calls.tenant;
  const busiest = Math.max(0, ...perSub);
  const terms = {
    concurrencyMs: (all * LATENCY_MS) / concurrency.total,
    perSubscriptionConcurrencyMs:
      (busiest * LATENCY_MS) / concurrency.perSubscription,
    tokenBucketMs:
      (Math.max(0, busiest - READS.burst) / READS.perSecond) * 1000,
    discoveryMs: calls.tenant * LATENCY_MS,
    // Each account needs at least two round trips one after the other (the account body, then
    // the DNS zone groups of the private endpoints it names), with `accountConcurrency` at once.
    accountChainMs: Math.ceil(accounts / accountConcurrency) * 2 * LATENCY_MS,
  };
  const boundMs = Math.max(...Object.values(terms));
  const limitedBy = Object.entries(terms).find(([, v]) => v === boundMs)![0];
  return {
    boundMs: Math.round(boundMs),
    limitedBy,
    terms: Object.fromEntries(
      Object.entries(terms).map(([k, v]) => [k, Math.round(v)]),
    ),
    /** The floor ARM's buckets alone set (any concurrency). */
    armFloorMs: Math.round(Math.max(terms.tokenBucketMs, terms.discoveryMs)),
    callsAnswered: all,
    busiestSubscriptionCalls: busiest,
  };
}

/**
 * Runs the scan process; `onScan` gets each scan's result and must be done with the emulator
 * (counters read and reset) before the next scan starts.
 */
function runChild(
  args: FleetScanRunArgs,
  onScan: (result: FleetScanRunResult) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each scan process there.
    const child = forkTs(
      path.join(__dirname, 'lib/fleetScanRun.ts'),
      args,
      process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : [],
    );
    let received = 0;
    let failure: unknown;
    child.on('message', m => {
      // @backstage/cli's transform also reports the files it loads ({ type: 'watch' })
      if (typeof (m as FleetScanRunResult)?.scanIndex !== 'number') return;
      onScan(m as FleetScanRunResult)
        .then(() => {
          received += 1;
          if (received < (args.repeat ?? 1)) child.send('next');
        })
        .catch(error => {
          failure = error;
          child.kill();
        });
    });
    child.on('error', reject);
    child.on('exit', code =>
      !failure && received === (args.repeat ?? 1)
        ? resolve()
        : reject(failure ?? new Error(`the scan process exited with ${code}`)),
    );
  });
}

function perAccount(stats: EmulatorStats, accounts: number) {
  return Object.fromEntries(
    Object.entries(stats.byOperation)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, s]) => [op, Math.round((s.total / accounts) * 100) / 100]),
  );
}

async function runOne(
  size: Size,
  mode: FleetScanRunArgs['mode'],
  options: { timeLimitMs?: number; repeat: number },
) {
  const calls: CallLog = { bySubscription: new Map(), tenant: 0, answered: [] };
  const emulator = await startEmulator({
    fleet: { ...size, seed: 42 },
    latencyMs: LATENCY_MS,
    throttling: { reads: READS },
    onRequest: entry => {
      if (entry.status === 429 || entry.status === 0) return;
      calls.answered.push({
        at: performance.now(),
        account: ACCOUNT_PATH.test(entry.path),
      });
      const m = /^\/+subscriptions\/([^/?]+)/i.exec(entry.path);
      if (m) {
        const key = m[1].toLowerCase();
        calls.bySubscription.set(key, (calls.bySubscription.get(key) ?? 0) + 1);
      } else {
        calls.tenant += 1;
      }
    },
  });
  const concurrency =
    mode === 'naive'
      ? { total: 1, perSubscription: 1 }
      : { total, perSubscription };
  const accountsAtOnce = mode === 'naive' ? 1 : accountConcurrency;
  const rows: Row[] = [];
  let loadBefore = machine().loadavg;
  let emulatorCpuBefore = process.cpuUsage();
  try {
    await runChild(
      {
        emulatorUrl: emulator.url,
        mode,
        concurrency,
        accountConcurrency: accountsAtOnce,
        sqlite,
        repeat: options.repeat,
        timeLimitMs: options.timeLimitMs,
      },
      async result => {
        rows.push(
          toRow(size, mode, concurrency, accountsAtOnce, result, {
            stats: emulator.stats(),
            calls,
            emulatorCpu: process.cpuUsage(emulatorCpuBefore),
            loadBefore,
          }),
        );
        // The next scan starts as a scheduled one would an interval later: same fleet, buckets
        // refilled, counters cleared.
        emulator.reset();
        calls.bySubscription.clear();
        calls.tenant = 0;
        calls.answered = [];
        loadBefore = machine().loadavg;
        emulatorCpuBefore = process.cpuUsage();
      },
    );
    return rows;
  } finally {
    await emulator.stop();
  }
}

function toRow(
  size: Size,
  mode: FleetScanRunArgs['mode'],
  concurrency: { total: number; perSubscription: number },
  accountsAtOnce: number,
  result: FleetScanRunResult,
  seen: {
    stats: EmulatorStats;
    calls: CallLog;
    emulatorCpu: NodeJS.CpuUsage;
    loadBefore: number[];
  },
) {
  const { stats } = seen;
  const bound = lowerBound(
    seen.calls,
    concurrency,
    result.accountsDone,
    accountsAtOnce,
  );
  const statuses: Record<string, number> = {};
  for (const op of Object.values(stats.byOperation)) {
    for (const [status, n] of Object.entries(op.byStatus)) {
      statuses[status] = (statuses[status] ?? 0) + n;
    }
  }
  const serverErrors = Object.entries(statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((a, [, n]) => a + n, 0);
  const done = Math.max(1, result.accountsDone);
  const row = {
    size,
    scan: result.scanIndex === 0 ? 'cold' : 'warm',
    latencyMs: LATENCY_MS,
    sqlite,
    concurrency,
    accountConcurrency: accountsAtOnce,
    ...result,
    armCalls: stats.totalRequests,
    armCallsPerAccount: Math.round((stats.totalRequests / done) * 100) / 100,
    callsPerAccountByOperation: perAccount(stats, done),
    statuses,
    throttled429: stats.throttled,
    // Every 429 and 5xx answer was retried by the SDK (retries: 10).
    retries: stats.throttled + serverErrors,
    lowerBound: bound,
    ratioToLowerBound:
      Math.round((result.wallMs / Math.max(1, bound.boundMs)) * 100) / 100,
    ratioToArmFloor:
      bound.armFloorMs > 0
        ? Math.round((result.wallMs / bound.armFloorMs) * 100) / 100
        : null,
    msPerAccount: Math.round((result.wallMs / done) * 10) / 10,
    phases: phases(seen.calls, concurrency.total),
    extrapolatedFullMs: result.timedOut
      ? Math.round((result.wallMs / done) * size.accounts)
      : undefined,
    /** CPU seconds of the emulator (this process) during the scan; the scan's own are scanCpuS. */
    emulatorCpuS:
      Math.round((seen.emulatorCpu.user + seen.emulatorCpu.system) / 1e4) / 100,
    loadavgBefore: seen.loadBefore,
    loadavgAfter: machine().loadavg,
  };
  // eslint-disable-next-line no-console
  console.log(
    `${mode.padEnd(9)} ${row.scan} ${size.accounts}/${size.subscriptions}: ${(
      result.wallMs / 1000
    ).toFixed(1)} s, ` +
      `${result.accountsDone}/${size.accounts} accounts${
        result.timedOut ? ' (stopped at the time limit)' : ''
      }, ` +
      `${row.armCallsPerAccount} calls/account, ${stats.throttled} x 429, ` +
      `bound ${(bound.boundMs / 1000).toFixed(1)} s (${
        bound.limitedBy
      }), ratio ${row.ratioToLowerBound}, ` +
      `RSS ${result.peakRssMB} MB, CPU scan ${result.scanCpuS} s + emulator ${
        row.emulatorCpuS
      } s, load ${row.loadavgAfter.join(' ')}`,
  );
  return row;
}

/** One scan's numbers; `mergedFrom` names the results file it was read from (--merge). */
type Row = ReturnType<typeof toRow> & { mergedFrom?: string };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 100) / 100;
}

/** The optimized cold scans of one size, and the one whose ratio is the median. */
function coldScans(rows: Row[], size: Size) {
  const cold = rows.filter(
    r =>
      r.mode === 'optimized' &&
      r.scan === 'cold' &&
      r.size.accounts === size.accounts &&
      r.size.subscriptions === size.subscriptions,
  );
  const ratio = median(cold.map(r => r.ratioToLowerBound));
  const typical = [...cold].sort(
    (a, b) =>
      Math.abs(a.ratioToLowerBound - ratio) -
      Math.abs(b.ratioToLowerBound - ratio),
  )[0];
  return { cold, ratio, typical };
}

function markdown(
  rows: Row[],
  startedAt: string,
  host: ReturnType<typeof machine>,
) {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const lines = [
    '# Fleet scan benchmark',
    '',
    `Run ${startedAt} with \`yarn bench:fleet-scan\` on ${host.cpus} cores (${host.cpuModel}), Node ${host.node}.`,
    `Load average at the start: ${host.loadavg.join(
      ', ',
    )} (1, 5, 15 min). The machine is shared:`,
    'other test suites may have been running, and the emulator runs on the same 2 cores as the scan,',
    'so wall times include CPU contention the lower bound does not model.',
    '',
    `Emulator: ${LATENCY_MS} ms per call, ARM read buckets ${READS.burst} burst + ${READS.perSecond}/s per subscription x caller.`,
    'Lower bound = the largest of: calls x latency / total concurrency; busiest subscription calls x latency /',
    'per-subscription concurrency; (busiest subscription calls - 250) / 25 per s; Resource Graph pages x latency;',
    'accounts / account concurrency x 2 round trips x latency (each account reads its body, then what it names).',
    'ARM floor = the token-bucket and discovery terms only (what any concurrency could reach).',
    '',
    'Where the time went (from the emulator): time until the first call about an account (discovery),',
    'share of the concurrency slots busy between the 10th and 90th percentile of answers, and the time',
    'the last 5% of calls took (the tail).',
    '',
  ];
  const sizesRun = rows
    .filter(r => r.mode === 'optimized' && r.scan === 'cold')
    .map(r => r.size)
    .filter(
      (size, i, all) =>
        all.findIndex(
          o =>
            o.accounts === size.accounts &&
            o.subscriptions === size.subscriptions,
        ) === i,
    );
  lines.push(
    '## Summary',
    '',
    '| Accounts / subs | Cold scans | Wall / bound, cold (median, range) | Wall / bound, warm | ARM calls / account | 429s | Accounts stored | Peak RSS (max) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const size of sizesRun) {
    const { cold, ratio } = coldScans(rows, size);
    const warm = rows.filter(
      r =>
        r.mode === 'optimized' &&
        r.scan === 'warm' &&
        r.size.accounts === size.accounts,
    );
    const ratios = cold.map(r => r.ratioToLowerBound);
    lines.push(
      `| ${size.accounts} / ${size.subscriptions} | ${
        cold.length
      } | **${ratio}** (${Math.min(...ratios)}–${Math.max(...ratios)}) | ${
        warm.map(r => r.ratioToLowerBound).join(', ') || 'n/a'
      } | ${cold[0].armCallsPerAccount} | ${cold.reduce(
        (a, r) => a + r.throttled429,
        0,
      )} | ${Math.min(...cold.map(r => r.accountsStored))} of ${
        size.accounts
      } | ${Math.max(...cold.map(r => r.peakRssMB))} MB |`,
    );
  }
  lines.push(
    '',
    '## Every scan',
    '',
    '| Run | Accounts / subs | Concurrency (total/per sub, accounts) | Wall | Accounts stored | ARM calls / account | 429s | Retries | Lower bound (limit) | Wall / bound | Wall / ARM floor | Until first account call | Steady busy share | Tail | Peak RSS | Load (1 min) after |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    const wall = r.timedOut
      ? `${s(r.wallMs)} s, stopped; ${s(r.extrapolatedFullMs!)} s extrapolated`
      : `${s(r.wallMs)} s`;
    lines.push(
      `| ${r.mode}, ${r.scan}${
        r.mergedFrom ? ` (from ${r.mergedFrom}.json)` : ''
      } | ${r.size.accounts} / ${r.size.subscriptions} | ${
        r.concurrency.total
      }/${r.concurrency.perSubscription}, ${r.accountConcurrency} | ${wall} | ${
        r.accountsStored
      } of ${r.size.accounts} | ${r.armCallsPerAccount} | ${r.throttled429} | ${
        r.retries
      } | ${s(r.lowerBound.boundMs)} s (${r.lowerBound.limitedBy.replace(
        /Ms$/,
        '',
      )}) | ${r.ratioToLowerBound} | ${r.ratioToArmFloor ?? 'n/a'} | ${
        r.phases?.untilFirstAccountCallMs ?? 'n/a'
      } ms | ${r.phases?.steadyBusyShare ?? 'n/a'} | ${
        r.phases?.tailMs ?? 'n/a'
      } ms | ${r.peakRssMB} MB | ${r.loadavgAfter[0]} |`,
    );
  }
  const naive = rows.filter(r => r.mode === 'naive');
  if (naive.length) {
    lines.push('', '## Speed-up over the naive baseline', '');
    for (const n of naive) {
      const o = coldScans(rows, n.size).typical;
      if (o) {
        lines.push(
          `- ${n.size.accounts} accounts: naive ${n.msPerAccount} ms per account, ${n.armCallsPerAccount} calls per account; ` +
            `optimized (median cold scan) ${o.msPerAccount} ms per account, ${o.armCallsPerAccount} calls per account: ` +
            `**${(n.msPerAccount / o.msPerAccount).toFixed(1)}x** faster.`,
        );
      }
    }
  }
  lines.push('', '## ARM calls per account by operation', '');
  for (const r of rows) {
    lines.push(
      `- ${r.mode} (${r.scan}) ${r.size.accounts}/${r.size.subscriptions}: ` +
        Object.entries(r.callsPerAccountByOperation)
          .map(([op, n]) => `${op} ${n}`)
          .join(', '),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const startedAt = new Date().toISOString();
  const host = machine();
  const rows: Row[] = [];
  for (const size of sizes) {
    const small = size.accounts <= warmUpTo;
    for (
      let run = 0;
      modes.includes('optimized') && run < (small ? coldRuns : 1);
      run++
    ) {
      // the first process also scans a second time (warm); the others only scan cold
      rows.push(
        ...(await runOne(size, 'optimized', {
          repeat: small && run === 0 ? 2 : 1,
        })),
      );
    }
    if (
      modes.includes('naive') &&
      naiveSizes.some(
        n =>
          n.accounts === size.accounts &&
          n.subscriptions === size.subscriptions,
      )
    ) {
      rows.push(
        ...(await runOne(size, 'naive', {
          timeLimitMs: naiveLimitMs,
          repeat: 1,
        })),
      );
    }
  }
  const dir = path.join(__dirname, 'results');
  for (const name of merge) {
    const earlier = JSON.parse(
      fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'),
    ) as { runs: Row[] };
    rows.push(...earlier.runs.map(r => ({ ...r, mergedFrom: name })));
  }
  fs.mkdirSync(dir, { recursive: true });
  writeFormatted(
    path.join(dir, `${out}.json`),
    `${JSON.stringify(
      {
        startedAt,
        machine: host,
        latencyMs: LATENCY_MS,
        reads: READS,
        runs: rows,
      },
      null,
      2,
    )}\n`,
  );
  writeFormatted(path.join(dir, `${out}.md`), markdown(rows, startedAt, host));
  // eslint-disable-next-line no-console
  console.log(`Results in bench/results/${out}.json and ${out}.md`);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
