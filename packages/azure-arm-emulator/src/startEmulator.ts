import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createAdminHandler } from './admin';
import { systemClock, type EmulatorClock } from './clock';
import { FaultRegistry, type FaultRule } from './faults';
import { LroManager, type LroOptions } from './lro';
import { createRandom } from './random';
import { createRouter } from './routes';
import { createRequestListener, type RequestLogEntry } from './server';
import { EmulatorState, type EmulatorStateSnapshot } from './state';
import { StatsRecorder, type EmulatorStats } from './stats';
import { TokenBuckets, type ThrottlingOptions } from './throttling';
import { buildPreset, type PresetName } from './presets';
import { generateFleet, type FleetOptions } from './presets/fleet';

/**
 * Options of {@link startEmulator}.
 *
 * @public
 */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free port. */
  port?: number;
  /** Initial data: `empty` (default) or `demo` (the accounts of `examples/`). */
  preset?: PresetName;
  /** Adds a generated fleet to the initial data. */
  fleet?: FleetOptions;
  /** Initial data as a snapshot; replaces `preset` and `fleet`. */
  state?: EmulatorStateSnapshot;
  /** A JSON state file: loaded at start when it exists (replacing other initial data), written by `stop()`. */
  stateFile?: string;
  /** Page size of ARM list operations (default 100). */
  pageSize?: number;
  /** The origin written into `nextLink` and operation URLs (default `https://management.azure.com`). */
  publicBaseUrl?: string;
  /** Long-running operation timing. */
  lro?: LroOptions;
  /** Token buckets. */
  throttling?: ThrottlingOptions;
  /** Latency added to every ARM call: milliseconds, or a uniform range. */
  latencyMs?: number | { min: number; max: number };
  /** Fault rules active from the start. */
  faults?: FaultRule[];
  /** The clock (default: system time). Use `createManualClock()` in tests. */
  clock?: EmulatorClock;
  /** Seed of the random source used for fault rates and latency ranges (default 1). */
  seed?: number;
  /** Called once per answered ARM call (the CLI's `--log` prints these). */
  onRequest?: (entry: RequestLogEntry) => void;
}

/**
 * A running emulator.
 *
 * @public
 */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The port it listens on (on 127.0.0.1). */
  port: number;
  /** The live state; tests may read and change it. */
  state: EmulatorState;
  /** The active fault rules. */
  faults: FaultRegistry;
  /** Counts since start or the last reset. */
  stats(): EmulatorStats;
  /** Clears the counters. */
  resetStats(): void;
  /** Puts the state back to the initial data and clears stats, faults, operations and buckets. */
  reset(): void;
  /** Stops the server (and writes `stateFile` when set). */
  stop(): Promise<void>;
}

/**
 * Starts the emulator on 127.0.0.1.
 *
 * @public
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const clock = options.clock ?? systemClock;
  const random = createRandom(options.seed ?? 1);
  const publicBaseUrl = (
    options.publicBaseUrl ?? 'https://management.azure.com'
  ).replace(/\/+$/, '');
  const state = new EmulatorState();
  const stepMs = options.lro?.stepMs ?? 0;
  if (!(stepMs >= 0)) {
    throw new TypeError('lro.stepMs must be a non-negative number.');
  }
  const pageSize = options.pageSize ?? 100;
  if (!(Number.isInteger(pageSize) && pageSize > 0)) {
    throw new TypeError('pageSize must be a positive integer.');
  }
  const lro = new LroManager(state, clock, stepMs, publicBaseUrl);
  const faults = new FaultRegistry(random);
  const buckets = new TokenBuckets(options.throttling, clock);
  const stats = new StatsRecorder();

  const initial = initialSnapshot(options);
  state.load(initial);
  for (const f of options.faults ?? []) {
    faults.add(f);
  }

  const reset = () => {
    state.load(initial);
    lro.clear();
    faults.clear();
    buckets.reset();
    stats.reset();
  };
  const load = (snapshot: EmulatorStateSnapshot) => {
    state.load(snapshot);
    lro.clear();
  };

  const server = createServer(
    createRequestListener({
      router: createRouter(),
      state,
      clock,
      lro,
      faults,
      buckets,
      stats,
      random,
      options: { pageSize, publicBaseUrl },
      latencyMs: options.latencyMs,
      onRequest: options.onRequest,
      admin: createAdminHandler({ state, faults, stats, reset, load }),
    }),
  );
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    faults,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    reset,
    stop: async () => {
      if (options.stateFile) {
        writeFileSync(options.stateFile, JSON.stringify(state.dump(), null, 2));
      }
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function initialSnapshot(options: EmulatorOptions): EmulatorStateSnapshot {
  if (options.stateFile && existsSync(options.stateFile)) {
    return JSON.parse(readFileSync(options.stateFile, 'utf8'));
  }
  if (options.state) {
    return options.state;
  }
  const snapshot = buildPreset(options.preset ?? 'empty');
  if (options.fleet) {
    const fleet = generateFleet(options.fleet);
    snapshot.resources.push(...fleet.resources);
    snapshot.deletedAccounts.push(...fleet.deletedAccounts);
    snapshot.subscriptions = [
      ...(snapshot.subscriptions ?? []),
      ...(fleet.subscriptions ?? []),
    ];
  }
  return snapshot;
}
