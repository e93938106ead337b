import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { call as get, guestToken, signInAsGuest } from './support/backstage';

/**
 * The golden path end to end: the "Secure Azure OpenAI account" template provisions into the
 * ARM emulator through the real scaffolder, the account reaches the catalog without a Git host
 * (the entity provider adopts it), and the audit grades it A. The guest is sam.search of
 * team-search (app-config.e2e.yaml). Screenshots go to `.tmp/e2e-artifacts/`.
 */

const ARTIFACTS = '.tmp/e2e-artifacts';
const TEMPLATE = 'template:default/secure-azure-openai-account';
const PROD = '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01';

/** Waits until the account's entity is in the catalog and its posture has the given grade. */
async function expectEntityGraded(
  request: APIRequestContext,
  name: string,
  grade: string,
) {
  await expect
    .poll(
      async () =>
        (
          await get(
            request,
            `/api/catalog/entities/by-name/resource/default/${name}`,
          )
        ).status(),
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(200);
  await expect
    .poll(
      async () => {
        const response = await get(
          request,
          `/api/azure-openai/entities/resource/default/${name}/posture`,
        );
        return response.ok()
          ? (await response.json()).aggregate?.grade
          : undefined;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(grade);
}

/** Picks `option` in the MUI select labelled `label`. */
async function choose(page: Page, label: string, option: RegExp | string) {
  await page
    .getByRole('button', { name: new RegExp(label) })
    .first()
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

test('the template run through the scaffolder API provisions an account that reaches the catalog graded A', async ({
  request,
}) => {
  const name = 'aoai-e2e-api';
  const created = await request.post('/api/scaffolder/v2/tasks', {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
    data: {
      templateRef: TEMPLATE,
      values: {
        name,
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
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await expect
    .poll(
      async () =>
        (
          await (await get(request, `/api/scaffolder/v2/tasks/${id}`)).json()
        ).status,
      { timeout: 45_000, intervals: [500] },
    )
    .toBe('completed');

  const events = await (
    await get(request, `/api/scaffolder/v2/tasks/${id}/events`)
  ).json();
  const log = events.map((e: any) => e.body?.message ?? '').join('\n');
  expect(log).toContain('Pre-flight passed');
  expect(log).toContain('Post-flight audit: grade A');
  expect(log).toContain('Skipping step publish');

  await expectEntityGraded(request, name, 'A');

  // The audit recorded the run's provenance and finds the account as the golden path built it.
  const accountId = encodeURIComponent(
    `/subscriptions/${PROD}/resourceGroups/rg-ai-golden-path/providers/Microsoft.CognitiveServices/accounts/${name}`,
  );
  const drift = await get(
    request,
    `/api/azure-openai/accounts/${accountId}/drift`,
  );
  expect(drift.status()).toBe(200);
  expect(await drift.json()).toMatchObject({
    goldenPath: {
      source: 'event',
      templateRef: TEMPLATE,
      templateVersion: '1.0.0',
      taskId: id,
    },
    items: [],
  });
});

test('a developer fills the form in the browser and lands on the entity page graded A', async ({
  page,
  request,
}) => {
  const name = 'aoai-e2e-ui';
  await signInAsGuest(page);
  await page.goto('/create');
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Secure Azure OpenAI account' });
  await card.getByRole('button', { name: 'Choose' }).click();

  // Page 1: who owns it.
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Owner').fill('Knowledge');
  await page
    .getByRole('option', { name: /Knowledge Search/ })
    .first()
    .click();
  await page.getByLabel('System').fill('Knowledge');
  await page
    .getByRole('option', { name: /Knowledge Search/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 2: only what the golden-path policy allows is offered.
  await choose(page, 'Subscription', PROD);
  await choose(page, 'Region', 'westeurope');
  await choose(page, 'Content filter', /strict/);
  await page.getByRole('button', { name: 'Add deployment' }).click();
  await expect(page.getByText(/Cap for DataZoneStandard: 200/)).toBeVisible();
  await page.screenshot({
    path: `${ARTIFACTS}/golden-path-form.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 3: no repository (no Git host locally); then review and create.
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page
      .getByText('Run completed with status: completed')
      .or(page.getByRole('link', { name: 'Open in the catalog' }))
      .first(),
  ).toBeVisible({ timeout: 45_000 });
  await expectEntityGraded(request, name, 'A');

  await page.getByRole('link', { name: 'Open in the catalog' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/default/resource/${name}`));
  const posture = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Azure OpenAI posture', { exact: true }) });
  await expect(posture.getByRole('img', { name: 'Grade A' })).toBeVisible();
  await page.screenshot({
    path: `${ARTIFACTS}/golden-path-entity.png`,
    fullPage: true,
  });
});
