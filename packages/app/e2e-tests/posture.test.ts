import { APIRequestContext, expect, test } from '@playwright/test';
import {
  EMULATOR,
  guestToken,
  postureCard,
  signInAsGuest,
} from './support/backstage';

/**
 * The Azure OpenAI posture UI against the real backend, which scans the ARM emulator's demo
 * preset 5 s after it starts. Screenshots go to `.tmp/e2e-artifacts/`.
 */

const ARTIFACTS = '.tmp/e2e-artifacts';
const DEMO_ACCOUNTS = [
  'aoai-chat-prod',
  'aoai-chat-dev',
  'aoai-search-prod',
  'aoai-search-legacy',
];

async function api<T = any>(
  request: APIRequestContext,
  path: string,
): Promise<T> {
  const response = await request.get(`/api/azure-openai${path}`, {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
  });
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  return response.json();
}

/**
 * Waits until the scheduled first scan has stored a result for every demo account (the fleet may
 * also hold accounts other tests provisioned through the golden path).
 */
async function waitForFirstScan(request: APIRequestContext) {
  await expect
    .poll(
      async () => {
        const fleet = await api(request, '/fleet?limit=50');
        return fleet.items.filter(
          (i: any) => i.latest && DEMO_ACCOUNTS.includes(i.account.name),
        ).length;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(DEMO_ACCOUNTS.length);
}

test.beforeEach(async ({ page, request }) => {
  await waitForFirstScan(request);
  await signInAsGuest(page);
});

test('the card of an insecure component shows its grade and top failing controls', async ({
  page,
  request,
}) => {
  const posture = await api(
    request,
    '/entities/component/default/search-api/posture',
  );
  expect(posture.aggregate.grade).toBe('F');

  await page.goto('/catalog/default/component/search-api');
  const card = postureCard(page);
  await expect(card.getByRole('img', { name: 'Grade F' })).toBeVisible();
  await expect(
    card.getByText(`Score ${posture.aggregate.score.toFixed(1)} / 100`),
  ).toBeVisible();
  await expect(
    card.getByText(`Fail: ${posture.aggregate.counts.fail}`),
  ).toBeVisible();
  const top = card.getByRole('list', { name: 'Top failing controls' });
  await expect(top.getByRole('listitem').first()).toContainText('Critical');
  await expect(top.getByRole('listitem')).toHaveCount(5);
  await expect(card.getByText(/Last scanned/)).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: `${ARTIFACTS}/card.png` });

  await card
    .getByRole('link', { name: /All controls and remediation/ })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/search-api\/azure-openai/,
  );
  await expect(
    page.getByRole('heading', { name: 'aoai-search-legacy' }),
  ).toBeVisible();
});

test('Scan now is offered only where the permission policy allows it', async ({
  page,
  request,
}) => {
  // In the e2e backend the guest is sam.search, a member of team-search only (see
  // app-config.e2e.yaml); the golden-path policy lets owners and the platform team scan.
  const decide = async (entityRef: string) => {
    const response = await request.post('/api/permission/authorize', {
      headers: { Authorization: `Bearer ${await guestToken(request)}` },
      data: {
        items: [
          {
            id: '1',
            permission: {
              type: 'resource',
              name: 'azure-openai.scan.create',
              attributes: { action: 'create' },
              resourceType: 'catalog-entity',
            },
            resourceRef: entityRef,
          },
        ],
      },
    });
    expect(response.ok()).toBe(true);
    return (await response.json()).items[0].result;
  };
  expect(await decide('component:default/search-api')).toBe('ALLOW');
  expect(await decide('component:default/support-chatbot')).toBe('DENY');

  await page.goto('/catalog/default/component/search-api');
  const searchCard = postureCard(page);
  await expect(
    searchCard.getByRole('button', { name: 'Scan now' }),
  ).toBeVisible();

  await page.goto('/catalog/default/component/support-chatbot');
  const chatCard = postureCard(page);
  await expect(chatCard.getByRole('img', { name: /^Grade / })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(chatCard.getByRole('button', { name: 'Scan now' })).toHaveCount(
    0,
  );
});

test('the tab can be used with the keyboard', async ({ page }) => {
  await page.goto(
    '/catalog/default/component/search-api/azure-openai?status=fail&severity=critical',
  );
  const control = page
    .getByRole('button', { name: /API keys disabled.*\(AOAI-IAM-001\)/ })
    .first();
  await control.focus();
  await page.keyboard.press('Enter');
  await expect(control).toHaveAttribute('aria-expanded', 'true');
  await expect(
    page.getByRole('table', { name: 'Evidence for AOAI-IAM-001' }).first(),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(control).toHaveAttribute('aria-expanded', 'false');
});

test('the card follows the dark theme', async ({ page }) => {
  await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
  await page.goto('/catalog/default/component/doc-indexer');
  const card = postureCard(page);
  await expect(card.getByRole('img', { name: /^Grade / })).toBeVisible();
  const background = await card.evaluate(
    el => getComputedStyle(el).backgroundColor,
  );
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(3 * 128);
  await card.screenshot({ path: `${ARTIFACTS}/card-dark.png` });
});

test('the hardened account resource shows grade A', async ({
  page,
  request,
}) => {
  const posture = await api(
    request,
    '/entities/resource/default/aoai-chat-prod/posture',
  );
  expect(posture.aggregate).toMatchObject({ grade: 'A' });
  expect(posture.aggregate.counts.fail).toBe(0);
  expect(posture.aggregate.counts.unknown).toBe(0);
  await page.goto('/catalog/default/resource/aoai-chat-prod');
  const card = postureCard(page);
  await expect(card.getByRole('img', { name: 'Grade A' })).toBeVisible();
  await expect(card.getByText('No failing controls.')).toBeVisible();
  // Its manual controls still wait for a statement, and the card says so.
  await expect(
    card.getByText(
      `Attestation needed: ${posture.aggregate.counts['attestation-required']}`,
    ),
  ).toBeVisible();
});

test('a system card pools the accounts of its components', async ({
  page,
  request,
}) => {
  const posture = await api(
    request,
    '/entities/system/default/knowledge-search/posture',
  );
  // The two demo accounts of its components, and any account the golden-path tests added to it.
  const names = posture.accounts.map((a: any) => a.account.name);
  expect(names).toEqual(
    expect.arrayContaining(['aoai-search-prod', 'aoai-search-legacy']),
  );
  await page.goto('/catalog/default/system/knowledge-search');
  const card = postureCard(page);
  await expect(
    card.getByRole('img', { name: `Grade ${posture.aggregate.grade}` }),
  ).toBeVisible();
  await expect(
    card.getByText(new RegExp(`^${names.length} accounts`)),
  ).toBeVisible();
  await expect(
    card.getByRole('list', { name: 'Top failing controls' }),
  ).toContainText(/on aoai-search-(legacy|prod)/);
});

test('the tab shows the controls with evidence and remediation, filtered from the URL', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/search-api/azure-openai');
  for (const name of ['aoai-search-prod', 'aoai-search-legacy']) {
    await expect(page.getByRole('heading', { name })).toBeVisible();
  }
  await expect(
    page.getByRole('heading', { name: 'Network security' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Beyond the baseline' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', {
      name: 'Score over time for aoai-search-legacy',
    }),
  ).toBeVisible();

  await page.goto(
    '/catalog/default/component/search-api/azure-openai?status=fail&severity=critical',
  );
  const legacy = page.locator('section', {
    has: page.getByRole('heading', { name: 'aoai-search-legacy' }),
  });
  const control = legacy.getByRole('button', {
    name: /Public network access disabled \(AOAI-NET-002\)/,
  });
  await expect(control).toBeVisible();
  await expect(legacy.getByText('Pass', { exact: true })).toHaveCount(0);
  await control.click();
  await expect(
    legacy.getByRole('table', { name: 'Evidence for AOAI-NET-002' }),
  ).toContainText('publicNetworkAccess');
  await expect(legacy.getByText('With the az CLI')).toBeVisible();
  await expect(legacy.getByText('In Bicep')).toBeVisible();
  await expect(
    legacy.getByRole('button', { name: 'Copy text' }).first(),
  ).toBeVisible();
  await expect(
    legacy.getByRole('link', { name: /Documentation:/ }),
  ).toBeVisible();
  // Let the accordion finish opening before the screenshot.
  await expect(legacy.locator('.MuiCollapse-entered')).toHaveCount(1);
  await page.screenshot({ path: `${ARTIFACTS}/tab.png`, fullPage: true });
});

test('the fleet page lists every demo account and its filters narrow the list', async ({
  page,
  request,
}) => {
  await page
    .getByRole('link', { name: 'Azure OpenAI', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/azure-openai$/);
  await expect(
    page.getByRole('heading', { name: 'Azure OpenAI fleet' }),
  ).toBeVisible();
  const all = await api(request, '/fleet?limit=50');
  expect(all.totalCount).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);
  await expect(page.getByText(`Accounts (${all.totalCount})`)).toBeVisible();
  for (const name of DEMO_ACCOUNTS) {
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  }
  await page.screenshot({ path: `${ARTIFACTS}/fleet.png`, fullPage: true });

  // Failing critical and high controls per account, as the API counts them.
  const legacy = all.items.find(
    (i: any) => i.account.name === 'aoai-search-legacy',
  );
  const headers = await page.getByRole('columnheader').allInnerTexts();
  const column = (title: string) =>
    headers.findIndex(h =>
      h.trim().toLowerCase().startsWith(title.toLowerCase()),
    );
  const legacyRow = page.getByRole('row', { name: /aoai-search-legacy/ });
  for (const [title, count] of [
    ['Critical', legacy.latest.failingBySeverity.critical],
    ['High', legacy.latest.failingBySeverity.high],
  ] as const) {
    expect(column(title)).toBeGreaterThan(0);
    await expect(legacyRow.getByRole('cell').nth(column(title))).toHaveText(
      String(count),
    );
  }
  expect(legacy.latest.failingBySeverity.critical).toBeGreaterThan(0);

  const failing = await api(request, '/fleet?grade=F');
  expect(failing.totalCount).toBeGreaterThan(0);
  expect(failing.totalCount).toBeLessThan(all.totalCount);
  const filters = page.getByRole('group', { name: 'Filter accounts' });
  await filters.getByRole('button', { name: /Grade/ }).click();
  await page.getByRole('option', { name: 'F', exact: true }).click();
  await expect(
    page.getByText(`Accounts (${failing.totalCount})`),
  ).toBeVisible();
  await expect(page).toHaveURL(/[?&]grade=F(&|$)/);
  for (const item of failing.items) {
    await expect(
      page.getByRole('cell', { name: item.account.name, exact: true }),
    ).toBeVisible();
  }

  await page.getByRole('tab', { name: 'By control' }).click();
  await expect(
    page.getByText('By control: what fails most across the fleet'),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'By owner' }).click();
  const searchAccounts = all.items.filter(
    (i: any) => i.account.owner === 'group:default/team-search',
  ).length;
  expect(searchAccounts).toBeGreaterThanOrEqual(2);
  const searchTeam = page.getByRole('row', { name: /Knowledge Search/ });
  await expect(searchTeam.getByRole('cell').nth(2)).toHaveText(
    String(searchAccounts),
  );
  await searchTeam.getByRole('button', { name: /Show accounts of/ }).click();
  await expect(page.getByText(`Accounts (${searchAccounts})`)).toBeVisible();
  for (const name of ['aoai-search-prod', 'aoai-search-legacy']) {
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
  }
});

test('Scan now after a change in Azure updates the grade without a reload', async ({
  page,
  request,
}) => {
  const before = await api(
    request,
    '/entities/component/default/doc-indexer/posture',
  );
  const original = await (
    await request.get(`${EMULATOR}/_emulator/state`)
  ).json();
  try {
    await page.goto('/catalog/default/component/doc-indexer');
    const card = postureCard(page);
    await expect(
      card.getByRole('img', { name: `Grade ${before.aggregate.grade}` }),
    ).toBeVisible();
    await page.evaluate(() => {
      (window as any).__aoaiNoReload = true;
    });

    // Open the private account to the internet, turn keys back on and drop its identity, as
    // someone might in the portal.
    const changed = structuredClone(original);
    const account = changed.resources.find((r: any) =>
      String(r.id).toLowerCase().endsWith('/accounts/aoai-search-prod'),
    );
    account.properties.publicNetworkAccess = 'Enabled';
    account.properties.networkAcls = { defaultAction: 'Allow' };
    account.properties.disableLocalAuth = false;
    account.properties.restrictOutboundNetworkAccess = false;
    account.identity = { type: 'None' };
    const put = await request.put(`${EMULATOR}/_emulator/state`, {
      data: changed,
    });
    expect(put.ok()).toBe(true);

    await card.getByRole('button', { name: 'Scan now' }).click();
    await expect(
      card.getByRole('img', { name: /^Grade / }),
    ).not.toHaveAccessibleName(`Grade ${before.aggregate.grade}`, {
      timeout: 45_000,
    });
    const after = await api(
      request,
      '/entities/component/default/doc-indexer/posture',
    );
    expect(after.aggregate.grade).not.toBe(before.aggregate.grade);
    await expect(
      card.getByRole('img', { name: `Grade ${after.aggregate.grade}` }),
    ).toBeVisible();
    await expect(
      card.getByRole('list', { name: 'Top failing controls' }),
    ).toContainText('AOAI-NET-002');
    expect(await page.evaluate(() => (window as any).__aoaiNoReload)).toBe(
      true,
    );
    await card.screenshot({ path: `${ARTIFACTS}/card-after-scan.png` });
  } finally {
    await request.put(`${EMULATOR}/_emulator/state`, { data: original });
  }
});
