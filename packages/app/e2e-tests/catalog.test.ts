import { expect, test } from '@playwright/test';
import { signInAsGuest } from './support/backstage';

test('a guest signs in and finds the demo components in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  for (const title of [
    'Support Chatbot',
    'Chat Gateway',
    'Document Indexer',
    'Search API',
  ]) {
    await expect(
      page.getByRole('link', { name: title, exact: true }),
    ).toBeVisible();
  }
});

test('the Azure OpenAI account resources are in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/?filters%5Bkind%5D=resource&filters%5Buser%5D=all');
  for (const name of [
    'aoai-chat-prod',
    'aoai-chat-dev',
    'aoai-search-prod',
    'aoai-search-legacy',
  ]) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test('an entity page renders with its owner and the accounts it depends on', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/chat-gateway');
  await expect(
    page.getByRole('heading', { name: 'Chat Gateway', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Routes chat traffic to the production account and experiments to the dev account.',
    ),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Chat Experience' }).first(),
  ).toBeVisible();
  const resources = page
    .getByRole('heading', { name: 'Depends on resources' })
    .locator('xpath=ancestor::*[.//table][1]');
  for (const name of ['aoai-chat-prod', 'aoai-chat-dev']) {
    await expect(
      resources.getByRole('link', { name, exact: true }),
    ).toBeVisible();
  }
});
