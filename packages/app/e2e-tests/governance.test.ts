import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  APIRequestContext,
  expect,
  Locator,
  Page,
  test,
} from '@playwright/test';
import { guestToken, postureCard, signInAsGuest } from './support/backstage';

/**
 * The waiver workflow end to end: sam.search (the e2e guest, an owner of team-search and not an
 * approver) requests a short waiver through the dialog of the "Azure OpenAI" tab; pat.platform
 * of the platform team approves it through the API; the tab and the card show the control as
 * waived; once the waiver has expired, "Scan now" makes the control fail again.
 *
 * A second user cannot sign in through the guest provider, so the test signs pat.platform's
 * token itself with the key pair that `app-config.e2e.yaml` gives the auth backend (and that
 * nothing else trusts).
 */

const ARTIFACTS = '.tmp/e2e-artifacts';
const ACCOUNT = 'aoai-search-prod';
const ENTITY = `resource:default/${ACCOUNT}`;
const SAM = 'user:default/sam.search';
const PAT = 'user:default/pat.platform';
/** How long the requested waiver lasts: long enough to see it applied, short enough to wait out. */
const WAIVER_SECONDS = 45;
/** The one control of the catalog that is non-waivable. */
const NON_WAIVABLE = ['AOAI-DATA-002'];

/**
 * A user token for `userEntityRef` that carries its ownership claims (`ent`), signed with the e2e
 * backend's static key. It has the older format without a `typ` header (still accepted), which
 * backends forward as it is when they call other plugins on the user's behalf, so the permission
 * backend reads the ownership from the token itself: the auth backend has no record of this user,
 * who never signed in.
 */
function signedUserToken(
  userEntityRef: string,
  ownershipEntityRefs: string[],
): string {
  const key = createPrivateKey(
    readFileSync('.tmp/e2e-keys/e2e-user-token-signing.private.pem'),
  );
  const iat = Math.floor(Date.now() / 1000);
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = `${encode({
    alg: 'ES256',
    kid: 'e2e-user-token-signing',
  })}.${encode({
    iss: 'http://localhost:7007/api/auth',
    aud: 'backstage',
    sub: userEntityRef,
    ent: ownershipEntityRefs,
    iat,
    exp: iat + 600,
  })}`;
  const signature = sign('sha256', Buffer.from(token), {
    key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${token}.${signature.toString('base64url')}`;
}

async function api<T = any>(
  request: APIRequestContext,
  path: string,
  options: { token?: string; data?: unknown; expectStatus?: number } = {},
): Promise<T> {
  const token = options.token ?? (await guestToken(request));
  const headers = { Authorization: `Bearer ${token}` };
  const response =
    options.data === undefined
      ? await request.get(`/api/azure-openai${path}`, { headers })
      : await request.post(`/api/azure-openai${path}`, {
          headers,
          data: options.data,
        });
  const body = await response.json();
  expect(
    response.status(),
    `${path} answered ${response.status()}: ${JSON.stringify(body)}`,
  ).toBe(options.expectStatus ?? 200);
  return body;
}

async function controlStatus(
  request: APIRequestContext,
  controlId: string,
): Promise<string | undefined> {
  const posture = await api(
    request,
    `/entities/resource/default/${ACCOUNT}/posture`,
  );
  return posture.accounts[0]?.posture.results.find(
    (r: any) => r.controlId === controlId,
  )?.status;
}

/** The expandable row of a control on the tab. */
function controlRow(page: Page, controlId: string): Locator {
  return page
    .locator('.MuiAccordion-root')
    .filter({ has: page.getByRole('button', { name: `(${controlId})` }) });
}

/** `YYYY-MM-DDTHH:mm:ss` in the browser's time zone, as a `datetime-local` input takes it. */
async function localInputValue(page: Page, at: number): Promise<string> {
  return page.evaluate(ms => {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(
      d.getDate(),
    )}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, at);
}

test('an owner requests a waiver, a platform engineer approves it, and it expires', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);

  // Wait for the catalog to hold the account and the first scheduled scan to have graded it.
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `/api/azure-openai/entities/resource/default/${ACCOUNT}/posture`,
          { headers: { Authorization: `Bearer ${await guestToken(request)}` } },
        );
        return response.ok() ? (await response.json()).accounts.length : 0;
      },
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(1);
  const posture = await api(
    request,
    `/entities/resource/default/${ACCOUNT}/posture`,
  );
  const failing = posture.accounts[0].posture.results.find(
    (r: any) => r.status === 'fail' && !NON_WAIVABLE.includes(r.controlId),
  );
  expect(failing, `${ACCOUNT} has a failing waivable control`).toBeDefined();
  const controlId: string = failing.controlId;

  // sam.search asks for the waiver through the dialog.
  await signInAsGuest(page);
  await page.goto(`/catalog/default/resource/${ACCOUNT}/azure-openai`);
  await expect(page.getByRole('heading', { name: ACCOUNT })).toBeVisible();
  const row = controlRow(page, controlId);
  await row.getByRole('button', { name: `(${controlId})` }).click();
  await row.getByRole('button', { name: 'Request waiver' }).click();

  const dialog = page.getByRole('dialog', { name: /Request a waiver/ });
  await expect(dialog).toContainText(controlId);
  // Nothing filled in: the dialog says what is missing and sends nothing.
  await dialog.getByRole('button', { name: 'Request waiver' }).click();
  await expect(
    dialog.getByText('Say why the control cannot pass now.'),
  ).toBeVisible();
  await dialog
    .getByLabel('Reason')
    .fill("The fix ships with next week's release.");
  await dialog
    .getByLabel('Risk accepted')
    .fill('The account stays below the baseline for a few seconds.');
  await dialog
    .getByLabel('Compensating control')
    .fill('The e2e account holds no customer data.');
  let expiresAt = Date.now() + WAIVER_SECONDS * 1000;
  // Chromium writes a time with 0 seconds as HH:mm, which `fill` would not accept as typed.
  if (new Date(expiresAt).getSeconds() === 0) expiresAt += 1000;
  await dialog
    .getByLabel('Expires')
    .fill(await localInputValue(page, expiresAt));
  await dialog.getByRole('button', { name: 'Request waiver' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Waiver requested\./)).toBeVisible();

  // The request waits in the tab, as the requester's own: no approve buttons for sam.
  const pending = page.getByRole('table', { name: 'Waiver requests' });
  await expect(pending).toContainText(controlId);
  await expect(pending).toContainText(
    'Your request: pending approval by someone else',
  );
  await expect(pending.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/governance-requested.png` });

  const requested = await api(
    request,
    `/waivers?status=requested&entityRef=${encodeURIComponent(
      ENTITY,
    )}&controlId=${controlId}`,
  );
  expect(requested.items).toHaveLength(1);
  const waiver = requested.items[0];
  expect(waiver).toMatchObject({
    requestedBy: SAM,
    scope: { type: 'account' },
    status: 'requested',
  });

  // sam may not decide at all; pat.platform of the platform team approves.
  await api(request, `/waivers/${waiver.id}/decision`, {
    data: { decision: 'approve' },
    expectStatus: 403,
  });
  const approved = await api(request, `/waivers/${waiver.id}/decision`, {
    token: signedUserToken(PAT, [PAT, 'group:default/platform-team']),
    data: { decision: 'approve', comment: 'For the e2e test only.' },
  });
  expect(approved).toMatchObject({ status: 'approved', decidedBy: PAT });

  // The approval triggers a scan; then the tab shows the control as waived, not as a pass.
  await expect
    .poll(() => controlStatus(request, controlId), {
      timeout: 20_000,
      intervals: [500],
    })
    .toBe('waived');
  await page.reload();
  await expect(row).toContainText(
    /Waived until .*\(approved by pat\.platform\)/,
  );
  await expect(row.getByText('Waived', { exact: true })).toBeVisible();
  await expect(pending).toHaveCount(0);

  // The history says who did what.
  await row.getByRole('button', { name: `(${controlId})` }).click();
  await row.getByRole('button', { name: 'History' }).click();
  const events = page.getByRole('list', { name: 'Events' });
  await expect(events).toContainText('pat.platform approved a waiver');
  await expect(events).toContainText('sam.search requested a waiver');
  await page.screenshot({ path: `${ARTIFACTS}/governance-history.png` });
  await page.getByRole('button', { name: 'Close' }).click();

  // The card counts it as waived.
  await page.goto(`/catalog/default/resource/${ACCOUNT}`);
  const card = postureCard(page);
  await expect(card.getByText('Waived: 1')).toBeVisible();

  // Once the waiver has expired, a scan makes the control fail again.
  const wait = expiresAt + 1_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  await card.getByRole('button', { name: 'Scan now' }).click();
  await expect
    .poll(() => controlStatus(request, controlId), {
      timeout: 60_000,
      intervals: [500],
    })
    .toBe('fail');
  await expect(card.getByRole('button', { name: 'Scan now' })).toBeEnabled({
    timeout: 30_000,
  });
  await expect(card.getByText('Waived: 0')).toBeVisible();
  const after = await api(
    request,
    `/waivers?entityRef=${encodeURIComponent(ENTITY)}&controlId=${controlId}`,
  );
  expect(after.items.map((w: any) => w.status)).toEqual(['expired']);

  await page.goto(`/catalog/default/resource/${ACCOUNT}/azure-openai`);
  await expect(row.getByText('Fail', { exact: true })).toBeVisible();
  await expect(row).not.toContainText('Waived until');
});
