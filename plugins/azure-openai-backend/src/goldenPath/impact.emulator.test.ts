import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createManualClock,
  startEmulator,
  type RunningEmulator,
} from '@pavedai/azure-arm-emulator';
import {
  computePolicyImpact,
  type GoldenPathImpact,
} from '@pavedai/plugin-azure-openai-common';
import { goldenPathPolicyVersion } from '@pavedai/plugin-azure-openai-node';
import express from 'express';
import request from 'supertest';
import {
  appConfigPolicy,
  createGoldenPathWorld,
  REPO_ROOT,
} from './__testUtils__/goldenPathWorld';
import { parseCandidatePolicyYaml } from './candidate';
import { DatabaseGoldenPathStore } from './DatabaseGoldenPathStore';

jest.setTimeout(120_000);

const ROOT = REPO_ROOT;
const NOW = new Date('2026-11-28T12:00:00Z');
const CANDIDATE_YAML = fs.readFileSync(
  path.join(ROOT, 'examples/candidate-policy.yaml'),
  'utf8',
);
/** What examples/candidate-policy.yaml is predicted to change on the demo fleet. */
const EXPECTED: Record<string, string[]> = JSON.parse(
  fs.readFileSync(
    path.join(ROOT, 'examples/candidate-policy.expected.json'),
    'utf8',
  ),
).accounts;

function changedAccounts(impact: GoldenPathImpact): Record<string, string[]> {
  return Object.fromEntries(
    impact.accounts.map(a => [
      a.name,
      a.changes.map(c => `${c.controlId} ${c.from} -> ${c.to}`),
    ]),
  );
}

describe('POST /golden-path/impact on the demo fleet (ARM emulator, stored evidence)', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  let emulator: RunningEmulator;
  let app: express.Express;
  let deniedApp: express.Express;
  let goldenPath: DatabaseGoldenPathStore;

  beforeAll(async () => {
    emulator = await startEmulator({
      preset: 'demo',
      clock: createManualClock(NOW.getTime()),
    });
    const world = await createGoldenPathWorld({
      databases,
      emulator,
      policy: appConfigPolicy(),
      now: () => NOW,
    });
    goldenPath = world.goldenPath;
    const scan = await world.scan();
    if (scan.accountsDone !== 4) {
      throw new Error(`The demo scan stored ${scan.accountsDone} accounts`);
    }
    app = await world.app(true);
    deniedApp = await world.app(false);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('predicts exactly the accounts the fixture expects, without a single ARM call', async () => {
    emulator.resetStats();
    const res = await request(app)
      .post('/golden-path/impact')
      .send({ policyYaml: CANDIDATE_YAML });
    expect(res.status).toBe(200);
    expect(emulator.stats().totalRequests).toBe(0);

    const impact = res.body as GoldenPathImpact;
    expect(changedAccounts(impact)).toEqual(EXPECTED);
    expect(impact).toMatchObject({
      accountsEvaluated: 4,
      accountsWithoutEvidence: 0,
      accountsChanged: 4,
      currentPolicyVersion: goldenPathPolicyVersion(appConfigPolicy()),
      candidatePolicyVersion: goldenPathPolicyVersion(
        parseCandidatePolicyYaml(CANDIDATE_YAML, 'candidate'),
      ),
    });
    expect(
      impact.byControl.map(c => [c.controlId, c.regressions, c.improvements]),
    ).toEqual([
      ['AOAI-DATA-002', 3, 0],
      ['AOAI-GOV-005', 1, 0],
      ['AOAI-GOV-006', 1, 0],
    ]);
    expect(impact.byOwner).toContainEqual(
      expect.objectContaining({
        owner: 'group:default/team-search',
        accounts: 2,
        changed: 2,
      }),
    );
  });

  it('gives the same prediction from the committed snapshot of the demo evidence', async () => {
    const snapshot = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'examples/demo-evidence.json'), 'utf8'),
    );
    const items = snapshot.accounts.map((a: any) => ({
      account: {
        id: a.id,
        resourceId: a.resourceId,
        name: a.name,
        owner: a.owner,
      },
      input: a.input,
    }));
    const impact = await computePolicyImpact({
      evidence: {
        listEvidencePage: async ({ after }) => (after ? [] : items),
        countAccountsWithoutEvidence: async () => 0,
      },
      currentPolicy: appConfigPolicy(),
      candidatePolicy: parseCandidatePolicyYaml(CANDIDATE_YAML, 'candidate'),
      currentPolicyVersion: 'current',
      candidatePolicyVersion: 'candidate',
      now: new Date(snapshot.collectedAt),
      limit: 100,
    });
    expect(changedAccounts(impact)).toEqual(EXPECTED);
    expect(impact.accounts.map(a => a.owner)).toEqual([
      'group:default/team-chat',
      'group:default/team-search',
      'group:default/team-chat',
      'group:default/team-search',
    ]);
  });

  it('accepts the candidate as an object and pages the changed accounts', async () => {
    const candidate = parseCandidatePolicyYaml(CANDIDATE_YAML, 'candidate');
    const first = await request(app)
      .post('/golden-path/impact?limit=2')
      .send({ policy: candidate });
    expect(first.status).toBe(200);
    expect(first.body.accounts.map((a: any) => a.name)).toEqual([
      'aoai-chat-dev',
      'aoai-search-legacy',
    ]);
    expect(first.body.accountsChanged).toBe(4);
    const second = await request(app)
      .post(
        `/golden-path/impact?limit=2&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      )
      .send({ policy: candidate });
    expect(second.body.accounts.map((a: any) => a.name)).toEqual([
      'aoai-chat-prod',
      'aoai-search-prod',
    ]);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('downloads the changed accounts as CSV, one row per account and control', async () => {
    emulator.resetStats();
    const res = await request(app)
      .post('/golden-path/impact?format=csv')
      .send({ policyYaml: CANDIDATE_YAML });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="golden-path-impact-[0-9a-f]{16}\.csv"$/,
    );
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'account_id,resource_id,account_name,owner,system,current_grade,candidate_grade,grade_change,control_id,control_title,severity,from,to,direction',
    );
    expect(
      lines.slice(1).map(l => {
        const cells = l.split(',');
        return `${cells[2]} ${cells[8]} ${cells[11]} -> ${cells[12]}`;
      }),
    ).toEqual([
      'aoai-chat-dev AOAI-DATA-002 pass -> fail',
      'aoai-search-legacy AOAI-DATA-002 pass -> fail',
      'aoai-search-legacy AOAI-GOV-006 pass -> fail',
      'aoai-chat-prod AOAI-DATA-002 pass -> fail',
      'aoai-search-prod AOAI-GOV-005 pass -> fail',
    ]);
    expect(emulator.stats().totalRequests).toBe(0);
  });

  it.each([
    [
      'a policy that fails validation',
      {
        policy: {
          contentFilterProfiles: { standard: { severityThreshold: 'High' } },
        },
      },
      /policy\.contentFilterProfiles\.standard\.severityThreshold.*'Low'/,
    ],
    [
      'YAML that does not parse',
      { policyYaml: 'allowedRegions: [westeurope' },
      /Invalid policyYaml: not YAML at line/,
    ],
    [
      'both forms at once',
      { policy: {}, policyYaml: '{}' },
      /exactly one of policy.*and policyYaml/,
    ],
    ['neither form', {}, /exactly one of policy/],
    ['an unknown field', { policy: {}, extra: 1 }, /extra/],
  ])('answers 400 naming the field for %s', async (_, body, message) => {
    const res = await request(app).post('/golden-path/impact').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 400 for a bad format and 403 without fleet read', async () => {
    const bad = await request(app)
      .post('/golden-path/impact?format=xml')
      .send({ policy: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/format: expected 'json' or 'csv'/);
    const denied = await request(deniedApp)
      .post('/golden-path/impact')
      .send({ policy: {} });
    expect(denied.status).toBe(403);
  });

  it('stores the evidence of the demo fleet compactly', async () => {
    const stats = await goldenPath.getStorageStats();
    expect(stats.accounts).toBe(4);
    // two subscriptions (prod and dev), each stored once
    expect(stats.subscriptionRows).toBe(2);
    expect(stats.accountStoredBytes).toBeLessThan(stats.accountRawBytes / 4);
  });
});
