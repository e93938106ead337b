#!/usr/bin/env node
/* eslint-disable no-console */
// Runs the real Azure SDK through the golden path against the emulator
// (create account -> RAI policy -> deployments -> private endpoint + DNS zone
// group -> diagnostic settings -> role assignment -> list everything),
// validates every response against the vendored REST specs and prints the
// emulator's stats. Usage: yarn golden-path [emulator-url]
// Without a URL it starts an emulator in-process. Exit code 1 on any failure.
require('@backstage/cli/config/nodeTransform.cjs');
const { startEmulator } = require('../src/startEmulator');
const { runGoldenPath } = require('../src/__testUtils__/goldenPath');

async function main() {
  const external = process.argv[2];
  const emu = external ? undefined : await startEmulator();
  const url = external ?? emu.url;
  try {
    const report = await runGoldenPath(url);
    for (const c of report.calls) {
      let verdict = 'not in vendored specs';
      if (c.operationId) {
        verdict = c.errors.length
          ? `FAIL ${c.errors.join('; ')}`
          : `ok (${c.operationId})`;
      }
      console.log(`${c.status} ${c.method.padEnd(6)} ${c.path}  ${verdict}`);
    }
    const stats = await (await fetch(`${url}/_emulator/stats`)).json();
    console.log('\nEmulator stats (calls per operation and status):');
    for (const [op, s] of Object.entries(stats.byOperation)) {
      console.log(`  ${op.padEnd(40)} ${JSON.stringify(s.byStatus)}`);
    }
    console.log(
      `\n${report.calls.length} calls, ${
        report.validated
      } validated against the spec, ${
        report.failures.length
      } failures, listKeys calls: ${
        stats.byOperation.Accounts_ListKeys?.total ?? 0
      }`,
    );
    process.exitCode = report.failures.length ? 1 : 0;
  } finally {
    await emu?.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
