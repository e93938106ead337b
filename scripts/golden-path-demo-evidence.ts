/*
 * Writes examples/demo-evidence.json: the evidence the audit collects from the ARM emulator's
 * demo preset (the four accounts of examples/), in the snapshot format `yarn golden-path:impact
 * --evidence` reads. Run from the repository root:
 *
 *   yarn golden-path:demo-evidence [out.json]
 *
 * The emulator runs on a fixed clock, so only ARM etags differ from one run to the next.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { createManualClock, startEmulator } from '@pavedai/azure-arm-emulator';
import { accountIdFor } from '../plugins/azure-openai-backend/src/database/armId';
import { ownershipFor } from '../plugins/azure-openai-backend/src/linking/EntityLinker';
import { createAzureSources } from '../plugins/azure-openai-backend/src/sources/azureSources';
import { SNAPSHOT_FORMAT, type EvidenceSnapshot } from './golden-path/snapshot';

const COLLECTED_AT = '2026-11-28T12:00:00.000Z';

const quiet: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
};

async function main() {
  const out = path.resolve(process.argv[2] ?? 'examples/demo-evidence.json');
  const emulator = await startEmulator({
    preset: 'demo',
    clock: createManualClock(Date.parse(COLLECTED_AT)),
  });
  try {
    const config = new ConfigReader({
      azureOpenAI: {
        azure: {
          credential: { kind: 'staticToken', token: 'demo-evidence' },
          resourceManagerUrl: emulator.url,
        },
      },
    });
    const sources = createAzureSources(config, quiet);
    const collection = sources.evidence.startScan({});
    const accounts: EvidenceSnapshot['accounts'] = [];
    for await (const account of sources.account.listAccounts({})) {
      const input = await collection.collect(account, {});
      // Owner and system as the audit derives them without a catalog claim (from the tags).
      const { owner, system } = ownershipFor(account, undefined);
      accounts.push({
        id: accountIdFor(account.resourceId),
        resourceId: account.resourceId,
        name: account.resourceId.split('/').pop()!,
        ...(owner ? { owner } : {}),
        ...(system ? { system } : {}),
        input,
      });
    }
    accounts.sort((a, b) =>
      a.resourceId.toLowerCase().localeCompare(b.resourceId.toLowerCase()),
    );
    const snapshot: EvidenceSnapshot = {
      format: SNAPSHOT_FORMAT,
      source:
        'ARM emulator, demo preset (yarn golden-path:demo-evidence); the evidence the audit stores for each account',
      collectedAt: COLLECTED_AT,
      accounts,
    };
    fs.writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
    process.stdout.write(`Wrote ${accounts.length} accounts to ${out}\n`);
  } finally {
    await emulator.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
