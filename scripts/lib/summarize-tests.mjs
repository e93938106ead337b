// Totals what scripts/test.sh ran: the static checks, Jest (unit, integration and database
// tests) and Playwright (end to end), and prints one line "N passed, N failed[, N skipped]".
// Usage: node summarize-tests.mjs <checks.json> <jest.json> <e2e.json>
import { existsSync, readFileSync } from 'node:fs';

const [checksFile, jestFile, e2eFile] = process.argv.slice(2);
const read = file =>
  file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

const checks = read(checksFile) ?? [];
for (const check of checks) {
  if (check.ok) passed += 1;
  else failed += 1;
}
lines.push(
  `static checks: ${checks.filter(c => c.ok).length} passed, ${
    checks.filter(c => !c.ok).length
  } failed`,
);

const jest = read(jestFile);
if (!jest) {
  failed += 1;
  lines.push('jest: no report (the run did not finish); counted as 1 failure');
} else {
  const broken = jest.numRuntimeErrorTestSuites ?? 0;
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + broken;
  skipped += (jest.numPendingTests ?? 0) + (jest.numTodoTests ?? 0);
  lines.push(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${broken} suites failed to run`,
  );
}

const e2e = read(e2eFile);
if (!e2e) {
  failed += 1;
  lines.push('e2e: no report (the run did not finish); counted as 1 failure');
} else {
  const {
    expected = 0,
    unexpected = 0,
    flaky = 0,
    skipped: s = 0,
  } = e2e.stats ?? {};
  passed += expected + flaky;
  failed += unexpected;
  skipped += s;
  lines.push(`e2e: ${expected + flaky} passed, ${unexpected} failed`);
}

console.log(lines.join('\n'));
console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed > 0 ? 1 : 0);
