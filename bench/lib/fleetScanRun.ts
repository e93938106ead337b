/*
 * One fleet scan in its own process (so that its peak RSS is its own), started by
 * bench/fleetScan.bench.ts with the emulator's URL. Runs the real scan path: AccountDiscovery
 * (Resource Graph) + EvidenceCollector over the real Azure SDK on loopback HTTP, the ScanService
 * (evaluation) and the DatabaseAuditStore on a SQLite file. Sends one JSON result to the parent.
 *
 * Modes:
 * - `optimized`: the plugin's default sources (createAzureSources) and configured concurrency;
 * - `naive`: the contrast baseline: one account at a time, one ARM call at a time, the account
 *   body read again per account, and the subscription-level evidence read again per account.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  AccountDiscovery,
  ArmRequestScheduler,
  ArmThrottleTracker,
  EvidenceCollector,
  parseArmResourceId,
} from '@pavedai/plugin-azure-openai-node';
import knexFactory from 'knex';
import { readAuditConfig } from '../../plugins/azure-openai-backend/src/config';
import { DatabaseAuditStore } from '../../plugins/azure-openai-backend/src/database/DatabaseAuditStore';
import { ScanService } from '../../plugins/azure-openai-backend/src/scan/ScanService';
import { createAzureSources } from '../../plugins/azure-openai-backend/src/sources/azureSources';
import type {
  AccountSource,
  EvidenceSource,
} from '../../plugins/azure-openai-backend/src/types';
import {
  countingLogger,
  databaseOf,
  peakRssMB,
  silentAuditor,
} from './benchServices';

/** What the parent sends as the only argument (JSON). */
export interface FleetScanRunArgs {
  emulatorUrl: string;
  mode: 'optimized' | 'naive';
  /** azureOpenAI.azure.concurrency */
  concurrency: { total: number; perSubscription: number };
  /** azureOpenAI.audit.concurrency (accounts in flight) */
  accountConcurrency: number;
  /** SQLite in a file in WAL mode (default), in a file with the default journal, or in memory. */
  sqlite?: 'file-wal' | 'file-fsync' | 'memory';
  /**
   * Scans to run one after the other in this process: the first is cold (code not yet loaded or
   * optimised, no previous results), the next ones are what a running backend does every interval.
   */
  repeat?: number;
  /** Stop after this many milliseconds (the scan is aborted; the result says how far it got). */
  timeLimitMs?: number;
}

/** What the child answers. */
export interface FleetScanRunResult {
  mode: FleetScanRunArgs['mode'];
  /** 0 for the first (cold) scan of the process. */
  scanIndex: number;
  wallMs: number;
  scanStatus: string;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  /** Accounts with a stored latest result, read back from the store after the scan. */
  accountsStored: number;
  /** Accounts whose stored result is `error` (collection failed). */
  accountsWithError: number;
  timedOut: boolean;
  peakRssMB: number;
  heapUsedMB: number;
  /** CPU seconds (user + system) of this process during the scan. */
  scanCpuS: number;
  /** Throttled answers the rate-limit policy saw (each one was retried by the SDK). */
  throttledWarnings: number;
}

async function main() {
  const args: FleetScanRunArgs = JSON.parse(process.argv[2]);
  // SQLite in a file (so the stored results do not count in the scan's RSS) in WAL mode with
  // synchronous=NORMAL: with the default rollback journal every committed account waits for an
  // fsync, and better-sqlite3 waits synchronously, blocking the event loop (--sqlite file-fsync
  // measures that); or in memory, as app-config.yaml runs it locally (--sqlite memory).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-scan-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: {
      filename:
        args.sqlite === 'memory' ? ':memory:' : path.join(dir, 'audit.sqlite'),
    },
    useNullAsDefault: true,
    pool: {
      afterCreate: (
        conn: { pragma(text: string): unknown },
        done: (error: Error | null, conn: unknown) => void,
      ) => {
        if (args.sqlite === 'file-wal') {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
        }
        done(null, conn);
      },
    },
  });
  const store = await DatabaseAuditStore.create({ database: databaseOf(knex) });
  const config = new ConfigReader({
    azureOpenAI: {
      azure: {
        credential: { kind: 'staticToken', token: 'fleet-scan-bench' },
        resourceManagerUrl: args.emulatorUrl,
        concurrency: args.concurrency,
        retries: 10,
      },
      audit: { concurrency: args.accountConcurrency },
    },
  });
  const logger = countingLogger();
  const sources =
    args.mode === 'optimized'
      ? createAzureSources(config, logger)
      : naiveSources(config, logger);

  const scans = ScanService.create({
    store,
    accountSource: sources.account,
    evidenceSource: sources.evidence,
    loadClaims: async () => new Map(),
    logger,
    auditor: silentAuditor,
    config: readAuditConfig(config),
  });
  for (let index = 0; index < (args.repeat ?? 1); index++) {
    if (index > 0) {
      // the parent resets the emulator's counters and buckets, then says go
      await new Promise(resolve => process.once('message', resolve));
    }
    logger.counts.clear();
    const controller = new AbortController();
    const timer = args.timeLimitMs
      ? setTimeout(
          () => controller.abort(new Error('bench time limit')),
          args.timeLimitMs,
        )
      : undefined;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const scan = await scans.runScheduledScan(controller.signal);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    clearTimeout(timer);

    const rows = await knex('azure_openai_results')
      .select(
        knex.raw('count(*) as n'),
        knex.raw("sum(case when status = 'error' then 1 else 0 end) as errors"),
      )
      .where({ scan_id: scan.id })
      .first();
    const result: FleetScanRunResult = {
      mode: args.mode,
      scanIndex: index,
      wallMs: Math.round(wallMs),
      scanStatus: scan.status,
      accountsTotal: scan.accountsTotal,
      accountsDone: scan.accountsDone,
      accountsFailed: scan.accountsFailed,
      accountsStored: Number(rows?.n ?? 0),
      accountsWithError: Number(rows?.errors ?? 0),
      timedOut: controller.signal.aborted,
      peakRssMB: peakRssMB(),
      scanCpuS: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      throttledWarnings:
        logger.counts.get('Azure Resource Manager throttled a request') ?? 0,
    };
    process.send!(result);
  }
  await knex.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The naive baseline: every read through a scheduler of one slot, the account body read per
 * account (no reuse of the discovery row) and the subscription's evidence read per account (no
 * sharing); the ScanService runs one account at a time.
 */
function naiveSources(
  config: ConfigReader,
  logger: ReturnType<typeof countingLogger>,
): { account: AccountSource; evidence: EvidenceSource } {
  const shared = {
    logger,
    throttleTracker: new ArmThrottleTracker(),
    scheduler: new ArmRequestScheduler({ total: 1, perSubscription: 1 }),
  };
  const discovery = AccountDiscovery.fromConfig(config, shared);
  const collector = EvidenceCollector.fromConfig(config, shared);
  return {
    account: {
      async *listAccounts({ signal }) {
        for await (const found of discovery.discover({ signal })) {
          yield { resourceId: found.id, location: found.location };
        }
      },
    },
    evidence: {
      startScan: () => ({
        collect: async (account, { signal }) => {
          const accountEvidence = await collector.collectAccount(
            account.resourceId,
            { signal },
          );
          const subscription = await collector.collectSubscription(
            parseArmResourceId(account.resourceId).subscriptionId,
            { signal },
          );
          return { account: accountEvidence, subscription };
        },
      }),
    },
  };
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
