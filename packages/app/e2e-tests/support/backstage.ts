import { APIRequestContext, expect, Locator, Page } from '@playwright/test';

/** Shared helpers of the end-to-end tests: the guest's token, API calls, template runs. */

/** The loopback ARM emulator the e2e backend talks to (playwright.config.ts). */
export const EMULATOR = 'http://127.0.0.1:7071';

/** A token of the e2e guest user (sam.search of team-search, app-config.e2e.yaml). */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(
    '/api/auth/guest/refresh?env=development',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

/** `GET` (or `POST` with `body`) on the backend as the guest; the raw response. */
export async function call(
  request: APIRequestContext,
  path: string,
  body?: unknown,
) {
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };
  return body === undefined
    ? request.get(path, { headers })
    : request.post(path, { headers, data: body });
}

/** Runs a template through the scaffolder API and waits for it; its status and log. */
export async function runTemplate(
  request: APIRequestContext,
  templateRef: string,
  values: Record<string, unknown>,
): Promise<{ id: string; status: string; log: string }> {
  // Right after start the catalog may not have read the template's file yet.
  const [, namespace, name] = /^template:([^/]+)\/(.+)$/.exec(templateRef)!;
  await expect
    .poll(
      async () =>
        (
          await call(
            request,
            `/api/catalog/entities/by-name/template/${namespace}/${name}`,
          )
        ).status(),
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(200);
  const created = await call(request, '/api/scaffolder/v2/tasks', {
    templateRef,
    values,
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  let status = '';
  await expect
    .poll(
      async () => {
        status = (
          await (await call(request, `/api/scaffolder/v2/tasks/${id}`)).json()
        ).status;
        return ['completed', 'failed', 'cancelled'].includes(status);
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  const events = await (
    await call(request, `/api/scaffolder/v2/tasks/${id}/events`)
  ).json();
  const log = events.map((e: any) => e.body?.message ?? '').join('\n');
  return { id, status, log };
}

/** Signs in as the guest in the browser. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await expect(page.getByText('Guest', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Create', exact: true }).first(),
  ).toBeVisible();
}

/** The "Azure OpenAI posture" card on an entity page. */
export function postureCard(page: Page): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Azure OpenAI posture', { exact: true }) });
}

/** Calls per ARM operation the emulator answered since it started. */
export async function emulatorCalls(
  request: APIRequestContext,
): Promise<Record<string, number>> {
  const stats = await (await request.get(`${EMULATOR}/_emulator/stats`)).json();
  return Object.fromEntries(
    Object.entries(stats.byOperation as Record<string, { total: number }>).map(
      ([op, s]) => [op, s.total],
    ),
  );
}

/** Operations that change ARM state, among the calls made between two `emulatorCalls`. */
export function writesBetween(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const writes: Record<string, number> = {};
  for (const [op, total] of Object.entries(after)) {
    const delta = total - (before[op] ?? 0);
    if (
      delta > 0 &&
      /_(Create|CreateOrUpdate|CreateOrUpdateByScope|Update|Delete)$/.test(op)
    ) {
      writes[op] = delta;
    }
  }
  return writes;
}
