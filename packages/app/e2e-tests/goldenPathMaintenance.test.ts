import { readFileSync } from 'node:fs';
import { APIRequestContext, expect, test } from '@playwright/test';
import {
  call,
  guestToken,
  runTemplate,
  signInAsGuest,
} from './support/backstage';

/**
 * Golden-path maintenance for platform teams, in Chromium against the real backend and the ARM
 * emulator's demo preset: the policy impact page previews a stricter candidate policy (the one of
 * `examples/candidate-policy.yaml`) and shows exactly the accounts the audit API predicts, and
 * the fleet page's adoption view shows the share of accounts that came through the golden path.
 * Screenshots go to `.tmp/e2e-artifacts/`.
 */

const ARTIFACTS = '.tmp/e2e-artifacts';
const TEMPLATE = 'template:default/secure-azure-openai-account';
const PROD = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';
const DEMO_ACCOUNTS = [
  'aoai-chat-prod',
  'aoai-chat-dev',
  'aoai-search-prod',
  'aoai-search-legacy',
];
const CANDIDATE = readFileSync('examples/candidate-policy.yaml', 'utf8');

async function api<T = any>(
  request: APIRequestContext,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await call(request, `/api/azure-openai${path}`, body);
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  return response.json();
}

/** The audit's own prediction for the candidate, once every demo account has stored evidence. */
async function predictedImpact(request: APIRequestContext) {
  let impact: any;
  await expect
    .poll(
      async () => {
        impact = await api(request, '/golden-path/impact?limit=1000', {
          policyYaml: CANDIDATE,
        });
        return impact.accountsEvaluated;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);
  return impact;
}

/** Provisions one account through the golden path (scaffolder API), unless one already exists. */
async function ensureGoldenPathAccount(request: APIRequestContext) {
  const existing = await api(request, '/fleet?goldenPath=true&limit=1');
  if (existing.totalCount > 0) return;
  const run = await runTemplate(request, TEMPLATE, {
    name: 'aoai-e2e-adoption',
    owner: 'group:default/team-search',
    system: 'system:default/knowledge-search',
    subscriptionId: PROD,
    region: 'swedencentral',
    resourceGroup: 'rg-ai-golden-path',
    contentFilterProfile: 'strict',
    deployments: [
      {
        name: 'chat',
        model: 'gpt-4.1',
        version: '2025-04-14',
        sku: 'DataZoneStandard',
        capacity: 50,
      },
    ],
    consumerPrincipalIds: ['7c2e4d3b-1a5f-4b9c-8d0e-2f3a4b5c6d71'],
  });
  expect(run.status).toBe('completed');
}

test('a platform engineer previews a stricter policy and sees the accounts the audit predicts', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const impact = await predictedImpact(request);
  // The candidate is stricter than app-config.yaml: it must change some demo accounts.
  expect(impact.accountsChanged).toBeGreaterThan(0);
  const changedNames: string[] = impact.accounts.map((a: any) => a.name);
  const unchanged = DEMO_ACCOUNTS.filter(n => !changedNames.includes(n));

  await signInAsGuest(page);
  await page.goto('/azure-openai');
  await page.getByRole('button', { name: 'Policy impact' }).click();
  await expect(page).toHaveURL(/\/azure-openai\/policy-impact$/);
  await expect(page.getByText(/nothing calls Azure/)).toBeVisible();

  await page
    .getByLabel('Candidate golden-path policy (YAML or JSON)')
    .fill(CANDIDATE);
  await page.getByRole('button', { name: 'Preview impact' }).click();

  await expect(
    page.getByRole('group', { name: 'Accounts changed' }),
  ).toContainText(String(impact.accountsChanged));
  await expect(
    page.getByRole('group', { name: 'Accounts evaluated' }),
  ).toContainText(String(impact.accountsEvaluated));
  await expect(page.getByRole('group', { name: 'Grade worse' })).toContainText(
    String(impact.gradeWorse),
  );
  const accounts = page.getByRole('table', { name: 'Accounts that change' });
  await expect(accounts.locator('tbody tr')).toHaveCount(changedNames.length);
  for (const account of impact.accounts) {
    const row = accounts.locator('tr').filter({ hasText: account.name });
    for (const change of account.changes) {
      await expect(row).toContainText(change.controlId);
    }
  }
  for (const name of unchanged) {
    await expect(accounts).not.toContainText(name);
  }
  const byControl = page.getByRole('table', { name: 'Impact by control' });
  for (const control of impact.byControl) {
    await expect(byControl).toContainText(control.controlId);
  }
  await page.screenshot({
    path: `${ARTIFACTS}/policy-impact.png`,
    fullPage: true,
  });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `golden-path-impact-${impact.candidatePolicyVersion}.csv`,
  );
  const csv = readFileSync(await download.path(), 'utf8');
  for (const name of changedNames) expect(csv).toContain(name);
  for (const name of unchanged) expect(csv).not.toContain(name);

  // A candidate the audit refuses is shown next to the editor with the field it names.
  await page
    .getByLabel('Candidate golden-path policy (YAML or JSON)')
    .fill('allowedRegions: westeurope\n');
  await page.getByRole('button', { name: 'Preview impact' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The candidate was refused at allowedRegions',
  );
});

test('the adoption view shows the share of golden-path accounts and the accounts outside it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await ensureGoldenPathAccount(request);
  await expect
    .poll(
      async () =>
        (
          await api(request, '/fleet?goldenPath=true&limit=1')
        ).totalCount,
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBeGreaterThan(0);
  const golden = (await api(request, '/fleet?goldenPath=true&limit=1'))
    .totalCount;
  const all = (await api(request, '/fleet?limit=1')).totalCount;
  const outside = await api(
    request,
    '/fleet?goldenPath=false&sort=score&order=asc&limit=50',
  );

  await signInAsGuest(page);
  await page.goto('/azure-openai');
  await page.getByRole('tab', { name: 'Golden path adoption' }).click();
  await expect(
    page.getByRole('group', {
      name: 'Share of accounts through the golden path',
    }),
  ).toContainText(`${golden} of ${all} accounts came through the golden path`);
  const table = page.getByRole('table', {
    name: 'Accounts outside the golden path',
  });
  await expect(table.locator('tbody tr')).toHaveCount(outside.items.length);
  for (const item of outside.items) {
    const row = table.locator('tr').filter({ hasText: item.account.name });
    if (item.latest) {
      await expect(
        row.getByRole('img', { name: `Grade ${item.latest.grade}` }),
      ).toBeVisible();
    }
  }
  await expect(
    page.getByRole('table', { name: 'Template versions in use' }),
  ).toContainText(TEMPLATE);
  await page.screenshot({
    path: `${ARTIFACTS}/golden-path-adoption.png`,
    fullPage: true,
  });
});

test('the entity tab of a golden-path account shows its drift from the golden path as the audit reports it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await ensureGoldenPathAccount(request);
  let golden: any;
  await expect
    .poll(
      async () => {
        golden = (await api(request, '/fleet?goldenPath=true&limit=1'))
          .items[0];
        return golden?.goldenPath?.source;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe('event');
  const name = golden.account.name;
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `/api/catalog/entities/by-name/resource/default/${name}`,
            {
              headers: {
                Authorization: `Bearer ${await guestToken(request)}`,
              },
            },
          )
        ).status(),
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(200);
  const drift = await api(
    request,
    `/accounts/${encodeURIComponent(golden.account.id)}/drift`,
  );

  await signInAsGuest(page);
  await page.goto(`/catalog/default/resource/${name}/azure-openai`);
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Drift from the golden path' });
  if (drift.items.length === 0) {
    await expect(card).toContainText('Matches the golden path');
  } else {
    for (const item of drift.items) {
      await expect(card).toContainText(item.field);
    }
  }
  await expect(card).toContainText(`task ${golden.goldenPath.taskId}`);
});
