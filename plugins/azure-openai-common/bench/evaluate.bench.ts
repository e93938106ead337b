/*
 * Benchmark: evaluate one account with 4 deployments (fixture pass-hardened).
 *
 * Run from plugins/azure-openai-common:  yarn bench
 * (node --expose-gc --max-semi-space-size=64 --require @backstage/cli/config/nodeTransform.cjs bench/evaluate.bench.ts)
 *
 * Reports the median and p95 time per evaluation, the ratio of the median to the 1 ms goal,
 * and the bytes allocated per evaluation (heap growth over a batch with no GC in between).
 * Not a test: it asserts nothing and is never run by `yarn test`.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { evaluateAccount } from '../src/engine/evaluate';
import {
  FIXTURE_NOW,
  fixturePolicy,
  loadFixture,
} from '../src/__fixtures__/fixtures';

const GOAL_MS = 1;
const WARMUP = 500;
const SAMPLES = 2000;
const ALLOC_BATCH = 50;

const fixture = loadFixture('pass-hardened');
const context = { policy: fixturePolicy(fixture), now: FIXTURE_NOW };
const deployments = (
  fixture.input.account.deployments as { value: { value: unknown[] } }
).value.value.length;

let sink = 0;
for (let i = 0; i < WARMUP; i++)
  sink += evaluateAccount(fixture.input, context).results.length;

const times: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const start = process.hrtime.bigint();
  const e = evaluateAccount(fixture.input, context);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  sink += e.results.length;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p95 = times[Math.floor(times.length * 0.95)];

const gc = (globalThis as { gc?: () => void }).gc;
let gcCount = 0;
const observer = new PerformanceObserver(list => {
  gcCount += list.getEntries().length;
});
observer.observe({ entryTypes: ['gc'] });

function allocationPerEvaluation(): number | undefined {
  if (!gc) return undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    gc();
    const seen = gcCount;
    const keep: unknown[] = [];
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < ALLOC_BATCH; i++)
      keep.push(evaluateAccount(fixture.input, context));
    const after = process.memoryUsage().heapUsed;
    sink += keep.length;
    if (gcCount === seen) return (after - before) / ALLOC_BATCH;
  }
  return undefined;
}

setImmediate(() => {
  const bytes = allocationPerEvaluation();
  observer.disconnect();
  const sample = evaluateAccount(fixture.input, context);
  const counts = Object.entries(sample.score.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const lines = [
    `evaluateAccount: 1 account, ${deployments} deployments, ${sample.results.length} controls (${counts})`,
    `samples: ${SAMPLES} after ${WARMUP} warm-up runs`,
    `median: ${median.toFixed(4)} ms   p95: ${p95.toFixed(
      4,
    )} ms   min: ${times[0].toFixed(4)} ms`,
    `median / goal (${GOAL_MS} ms): ${(median / GOAL_MS).toFixed(
      3,
    )}   evaluations per second at median: ${Math.round(1000 / median)}`,
    bytes === undefined
      ? 'allocation per evaluation: unavailable (run with --expose-gc, or a GC kept interrupting the batch)'
      : `allocation per evaluation (retained heap growth over ${ALLOC_BATCH} evaluations, no GC): ${Math.round(
          bytes,
        )} bytes (~${(bytes / 1024).toFixed(1)} KiB)`,
    `(checksum ${sink})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
