/*
 * Small stand-ins for Backstage core services, shared by the fleet-scale benchmarks. The
 * benchmarks run outside a backend, so logging and auditing are counted rather than written.
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type {
  AuditorService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** A logger that counts messages by text (for throttling warnings) and drops them. */
export function countingLogger(): LoggerService & {
  counts: Map<string, number>;
} {
  const counts = new Map<string, number>();
  const count = (message: string) =>
    counts.set(message, (counts.get(message) ?? 0) + 1);
  const logger = {
    counts,
    error: count,
    warn: count,
    info: count,
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/** An auditor that records nothing. */
export const silentAuditor: AuditorService = {
  createEvent: async () => ({
    success: async () => {},
    fail: async () => {},
  }),
};

/** The DatabaseService of one knex client, with the plugin's migrations applied. */
export function databaseOf(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

/** Load averages (1, 5, 15 min) and core count, recorded with every result. */
export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadavg: os.loadavg().map(l => Math.round(l * 100) / 100),
    totalMemMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
  };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Writes a result file formatted as the repository's Prettier config formats it. */
export function writeFormatted(file: string, text: string): void {
  fs.writeFileSync(file, text);
  execFileSync(process.execPath, [
    require.resolve('prettier/bin-prettier.js'),
    '--write',
    '--loglevel=warn',
    file,
  ]);
}

/** The value after `--name` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined
    ? process.argv[i + 1]
    : fallback;
}

/**
 * Starts a TypeScript file of the repository in a child process (with an IPC channel), with the
 * transform `yarn` scripts use; `extraNodeArgs` go to node.
 */
export function forkTs(
  file: string,
  arg: unknown,
  extraNodeArgs: string[] = [],
) {
  return fork(file, [JSON.stringify(arg)], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ...extraNodeArgs,
    ],
  });
}
