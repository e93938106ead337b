/*
 * yarn golden-path:impact --policy <candidate.yaml> [--current app-config.yaml]
 *                         [--evidence <snapshot.json> | --backend <url>]
 *                         [--format md|json] [--expect <expected.json>]
 *
 * Prints what a candidate golden-path policy would change (accounts, controls, owners) as a
 * Markdown table for pull request review, and exits 0. No ARM call is made:
 *
 * - with --evidence, the current policy (azureOpenAI.goldenPath and azureOpenAI.audit of the
 *   --current config, default app-config.yaml) and the candidate are evaluated here on an
 *   evidence snapshot (see yarn golden-path:demo-evidence);
 * - with --backend, the audit backend evaluates the candidate on its stored evidence
 *   (POST /api/azure-openai/golden-path/impact; token from BACKSTAGE_TOKEN).
 *
 * --expect <file> turns it into a check: it exits 1 unless the changed accounts and their
 * changed controls are exactly those of the file ({ "accounts": { "<name>": ["<controlId> <from>
 * -> <to>", ...] } }).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigReader } from '@backstage/config';
import {
  computePolicyImpact,
  renderPolicyImpactMarkdown,
  type GoldenPathImpact,
} from '@pavedai/plugin-azure-openai-common';
import {
  goldenPathPolicyVersion,
  readGoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-node';
import { parse as parseYaml } from 'yaml';
import { readAuditConfig } from '../plugins/azure-openai-backend/src/config';
import { auditPolicy } from '../plugins/azure-openai-backend/src/goldenPath/auditPolicy';
import { parseCandidatePolicyYaml } from '../plugins/azure-openai-backend/src/goldenPath/candidate';
import { readSnapshot, snapshotReader } from './golden-path/snapshot';

const USAGE =
  'Usage: yarn golden-path:impact --policy <candidate.yaml> [--current app-config.yaml] (--evidence <snapshot.json> | --backend <url>) [--format md|json] [--expect <expected.json>]';

/** The changes of an impact as `{ name: ["AOAI-X-001 pass -> fail", ...] }`. */
export function changedAccounts(
  impact: GoldenPathImpact,
): Record<string, string[]> {
  return Object.fromEntries(
    impact.accounts.map(a => [
      a.name,
      a.changes.map(c => `${c.controlId} ${c.from} -> ${c.to}`),
    ]),
  );
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

async function fromEvidence(
  candidateYaml: string,
  policyFile: string,
  currentFile: string,
  evidenceFile: string,
): Promise<GoldenPathImpact> {
  const candidate = parseCandidatePolicyYaml(candidateYaml, policyFile);
  const config = new ConfigReader(
    (parseYaml(readText(currentFile, 'the current config')) ?? {}) as object,
    currentFile,
  );
  const current = readGoldenPathPolicy(config);
  const audit = readAuditConfig(config);
  const snapshot = readSnapshot(
    JSON.parse(readText(evidenceFile, 'the evidence snapshot')),
    evidenceFile,
  );
  return computePolicyImpact({
    evidence: snapshotReader(snapshot),
    currentPolicy: auditPolicy(current, audit),
    candidatePolicy: auditPolicy(candidate, audit),
    currentPolicyVersion: goldenPathPolicyVersion(current),
    candidatePolicyVersion: goldenPathPolicyVersion(candidate),
    now: new Date(snapshot.collectedAt),
    limit: Number.MAX_SAFE_INTEGER,
  });
}

async function fromBackend(
  candidateYaml: string,
  backend: string,
): Promise<GoldenPathImpact> {
  const url = `${backend.replace(
    /\/+$/,
    '',
  )}/api/azure-openai/golden-path/impact?limit=1000`;
  const token = process.env.BACKSTAGE_TOKEN;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ policyYaml: candidateYaml }),
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    throw new Error(
      `${url} answered ${res.status}: ${
        body?.error?.message ?? res.statusText
      }${res.status === 401 ? ' (set BACKSTAGE_TOKEN)' : ''}`,
    );
  }
  return body as GoldenPathImpact;
}

function compare(
  actual: Record<string, string[]>,
  expectedFile: string,
): string[] {
  const expected = JSON.parse(readText(expectedFile, 'the expectation'))
    .accounts as Record<string, string[]>;
  const problems: string[] = [];
  for (const name of new Set([
    ...Object.keys(expected),
    ...Object.keys(actual),
  ])) {
    const want = [...(expected[name] ?? [])].sort();
    const got = [...(actual[name] ?? [])].sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      problems.push(
        `${name}: expected [${want.join(', ')}], predicted [${got.join(', ')}]`,
      );
    }
  }
  return problems;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      policy: { type: 'string' },
      current: { type: 'string', default: 'app-config.yaml' },
      evidence: { type: 'string' },
      backend: { type: 'string' },
      format: { type: 'string', default: 'md' },
      expect: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.policy) throw new Error(`--policy is required.\n${USAGE}`);
  if (Boolean(values.evidence) === Boolean(values.backend)) {
    throw new Error(`Give exactly one of --evidence and --backend.\n${USAGE}`);
  }
  if (values.format !== 'md' && values.format !== 'json') {
    throw new Error(`--format must be md or json.\n${USAGE}`);
  }
  const candidateYaml = readText(values.policy, 'the candidate policy');
  const impact = values.evidence
    ? await fromEvidence(
        candidateYaml,
        values.policy,
        values.current!,
        values.evidence,
      )
    : await fromBackend(candidateYaml, values.backend!);
  process.stdout.write(
    values.format === 'json'
      ? `${JSON.stringify(impact, null, 2)}\n`
      : renderPolicyImpactMarkdown(impact),
  );
  if (values.expect) {
    const problems = compare(changedAccounts(impact), values.expect);
    if (problems.length > 0) {
      process.stderr.write(
        `The predicted impact differs from ${values.expect}:\n${problems
          .map(p => `- ${p}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    process.stderr.write(
      `The predicted impact matches ${values.expect} (${impact.accountsChanged} accounts).\n`,
    );
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
