/*
 * Benchmark: evaluate a whole fleet, as one scheduled scan does after collection.
 *
 * Run from the repository root:  yarn bench:evaluate-fleet [accounts]   (default 10,000)
 *
 * The fleet mixes the fixtures' postures (hardened, insecure, drifted, minimal, partly unreadable,
 * malformed) with a distinct ARM id per account. Reports the time per account (median, p95, and
 * the ratio of the median to the 1 ms goal), total evaluation time and throughput, the heap
 * allocated per evaluation (measured over batches without a GC in between), and the heap
 * retained by keeping every result (what a scan holds if it does not stream to the store).
 * Not a test: it asserts nothing and is never run by `yarn test`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { evaluateAccount } from '../src/engine/evaluate';
import type { EvaluationInput } from '../src/evidence';
import {
  FIXTURE_NOW,
  fixturePolicy,
  loadFixture,
} from '../src/__fixtures__/fixtures';

const GOAL_MS = 1;
const accounts = Number(process.argv[2] ?? 10_000);
const FIXTURES = [
  'pass-hardened',
  'fail-insecure',
  'fail-drift',
  'na-minimal',
  'unknown-forbidden',
  'unknown-malformed',
  'unknown-system-policy',
];

const fixtures = FIXTURES.map(loadFixture);

/** The fixture's input with the account renamed, so no two accounts share an id. */
function accountInput(index: number): {
  input: EvaluationInput;
  context: Parameters<typeof evaluateAccount>[1];
} {
  const fixture = fixtures[index % fixtures.length];
  const input = structuredClone(fixture.input) as EvaluationInput;
  const account = input.account.account;
  if (
    account?.state === 'present' &&
    account.value &&
    typeof account.value === 'object'
  ) {
    const body = account.value as { id?: string; name?: string };
    if (typeof body.id === 'string') {
      body.id = body.id.replace(/[^/]+$/, `aoai-bench-${index}`);
      body.name = `aoai-bench-${index}`;
    }
  }
  return {
    input,
    context: { policy: fixturePolicy(fixture), now: FIXTURE_NOW },
  };
}

const fleet = Array.from({ length: accounts }, (_, i) => accountInput(i));

let sink = 0;
for (const { input, context } of fleet.slice(0, 500)) {
  sink += evaluateAccount(input, context).results.length;
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const times: number[] = new Array(accounts);
const kept: unknown[] = [];
const started = process.hrtime.bigint();
for (let i = 0; i < accounts; i++) {
  const { input, context } = fleet[i];
  const t0 = process.hrtime.bigint();
  const evaluation = evaluateAccount(input, context);
  times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  kept.push(evaluation);
}
const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
gc?.();
const retainedPerAccount =
  (process.memoryUsage().heapUsed - heapBefore) / accounts;
sink += kept.length;
kept.length = 0;

let gcCount = 0;
const observer = new PerformanceObserver(list => {
  gcCount += list.getEntries().length;
});
observer.observe({ entryTypes: ['gc'] });

function allocationPerEvaluation(): number | undefined {
  if (!gc) return undefined;
  const batch = 50;
  for (let attempt = 0; attempt < 20; attempt++) {
    gc();
    const seen = gcCount;
    const keep: unknown[] = [];
    const offset = (attempt * batch) % accounts;
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < batch; i++) {
      const { input, context } = fleet[(offset + i) % accounts];
      keep.push(evaluateAccount(input, context));
    }
    const after = process.memoryUsage().heapUsed;
    sink += keep.length;
    if (gcCount === seen) return (after - before) / batch;
  }
  return undefined;
}

setImmediate(() => {
  const allocated = allocationPerEvaluation();
  observer.disconnect();
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  const kib = (n: number | undefined) =>
    n === undefined
      ? 'n/a (run with --expose-gc)'
      : `${(n / 1024).toFixed(1)} KiB`;
  const lines = [
    `evaluateAccount over a fleet of ${accounts} accounts (${FIXTURES.length} postures, distinct ids)`,
    `per account: median ${median.toFixed(4)} ms, p95 ${p95.toFixed(
      4,
    )} ms; median / ${GOAL_MS} ms goal = ${(median / GOAL_MS).toFixed(3)}`,
    `whole fleet: ${(totalMs / 1000).toFixed(2)} s, ${Math.round(
      accounts / (totalMs / 1000),
    )} accounts/s on one core`,
    `allocated per evaluation: ${kib(
      allocated,
    )}; retained per kept result: ${kib(retainedPerAccount)}`,
    `(sink ${sink})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
