import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import Stripe from 'stripe';
import { latestEmail, signIn } from './sign-in';

// Membership journeys through the real app, the local Stripe stand-in's hosted pages and its signed
// webhooks. Each new customer lives on its own Stripe test clock (STRIPE_TEST_CLOCKS=1 in
// playwright.config.ts), which the test advances directly through the stand-in's API.

const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;
const stripe = new Stripe('sk_test_patronage_local', { host: '127.0.0.1', port: STAND_IN_PORT, protocol: 'http', maxNetworkRetries: 1 });
const DAY = 86_400;

type Me = { user: { email: string } | null; isPatron: boolean; patronState: string };
const me = async (page: Page): Promise<Me> => (await (await page.request.get('/api/me')).json()) as Me;

async function firstArticlePath(page: Page): Promise<string> {
  const xml = await (await page.request.get('/sitemap.xml')).text();
  const m = /<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(xml);
  expect(m, 'the sitemap lists articles').toBeTruthy();
  return new URL(m![1]!).pathname;
}

/** Reloads /account until `check` passes (webhooks are asynchronous). */
async function onAccount(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.goto('/account');
    await check();
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
}

async function payOnHostedCheckout(page: Page, card: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('E2E Patron');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
}

async function openPortal(page: Page): Promise<void> {
  await page.goto('/account');
  await page.getByRole('button', { name: 'Manage membership' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/portal/bps_`));
}

async function advanceClock(clockId: string, to: number): Promise<void> {
  await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
  await expect.poll(async () => (await stripe.testHelpers.testClocks.retrieve(clockId)).status, { timeout: 30_000 }).toBe('ready');
}

test('article → support → sign in → yearly EUR checkout → account → portal: change tier, cancel, resume', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `patron-${Date.now()}@e2e.test`;
  const articlePath = await firstArticlePath(page);
  const slug = articlePath.split('/').pop()!;

  // The end-of-article call to action carries the article and the placement.
  await page.goto(articlePath);
  const cta = page.locator('[data-cta="end-of-article"]');
  await expect(cta).toBeVisible();
  await cta.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/support\\?from=${slug}&placement=end-of-article$`));
  await expect(page.getByText('You came from')).toBeVisible();

  // Inline sign-in by email link, back to /support with the attribution.
  const requestedAt = new Date(Date.now() - 1000);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  await page.goto(mail.links.find((l) => l.includes('/signin/confirm'))!);
  await page.getByRole('button', { name: `Sign in as ${email}` }).click();
  await page.waitForURL(/\/support\?/);
  expect(new URL(page.url()).searchParams.get('from')).toBe(slug);
  expect(new URL(page.url()).searchParams.get('placement')).toBe('end-of-article');

  // Yearly, in euros, Supporter tier.
  await page.getByLabel('Yearly').check();
  await page.locator('fieldset').getByLabel('Currency').selectOption('eur');
  await expect(page.getByText('€100.00')).toBeVisible();
  await page.getByRole('button', { name: 'Become a Supporter patron' }).click();
  await expect(page.getByText('€100.00').first()).toBeVisible();
  await payOnHostedCheckout(page, '4242 4242 4242 4242');

  // Active only once the webhook has landed (the page polls).
  await expect(page.getByRole('status')).toContainText('You are now a Supporter patron', { timeout: 30_000 });

  await page.goto('/account');
  await expect(page.getByTestId('membership-tier')).toHaveText('Supporter');
  await expect(page.getByTestId('membership-amount')).toContainText('€100.00 EUR per year');
  await expect(page.getByTestId('membership-next-charge')).not.toBeEmpty();
  await expect(page.getByTestId('invoices').getByRole('link', { name: 'View invoice' }).first()).toHaveAttribute('href', /\/invoices\/in_/);
  expect(await me(page)).toMatchObject({ isPatron: true, patronState: 'active' });

  // Attribution, through the reader's own data export.
  const exported = await page.request.get('/api/account/export');
  expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="my-data-/);
  const data = (await exported.json()) as {
    checkouts: { fromArticle: string | null; placement: string | null; status: string; interval: string; currency: string }[];
  };
  expect(data.checkouts).toHaveLength(1);
  expect(data.checkouts[0]).toMatchObject({
    fromArticle: slug,
    placement: 'end-of-article',
    status: 'COMPLETED',
    interval: 'YEAR',
    currency: 'eur',
  });

  // Patrons don't see the calls to action (hidden client-side; the article page stays static).
  await page.goto(articlePath);
  await expect(page.locator('html')).toHaveAttribute('data-patron', '');
  await expect(page.locator('[data-cta="end-of-article"]')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Account', exact: true })).toBeVisible();

  // Change tier in the portal: Supporter → Champion (yearly, EUR).
  await openPortal(page);
  const champion = await page.locator('option', { hasText: /^Champion — €200\.00 per year$/ }).getAttribute('value');
  await page.getByLabel('Change plan').selectOption(champion!);
  await page.getByRole('button', { name: 'Update plan' }).click();
  await expect(page.getByRole('status')).toHaveText('Your plan has been updated.');
  await page.getByRole('link', { name: /^Return to / }).click();
  await expect(page).toHaveURL(/\/account$/);
  await onAccount(page, async () => {
    await expect(page.getByTestId('membership-tier')).toHaveText('Champion', { timeout: 1000 });
    await expect(page.getByTestId('membership-amount')).toContainText('€200.00 EUR per year', { timeout: 1000 });
  });

  // Cancel: still a patron until the period ends.
  await openPortal(page);
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  await expect(page.getByRole('status')).toContainText('canceled at the end of the billing period');
  await onAccount(page, async () => {
    await expect(page.getByTestId('membership-status')).toContainText(/Your membership ends on \w+ \d{1,2}, \d{4}/, { timeout: 1000 });
  });
  expect(await me(page)).toMatchObject({ isPatron: true, patronState: 'canceling' });

  // Resume.
  await openPortal(page);
  await page.getByRole('button', { name: 'Renew plan' }).click();
  await expect(page.getByRole('status')).toHaveText('Your plan has been renewed.');
  await onAccount(page, async () => {
    await expect(page.getByTestId('membership-status')).toContainText('You are a patron', { timeout: 1000 });
  });
  expect(await me(page)).toMatchObject({ isPatron: true, patronState: 'active' });
});

test('a failed renewal: past due with a card nudge within the grace period, no longer a patron after it', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `pastdue-${Date.now()}@e2e.test`;
  await signIn(page, email);
  await page.goto('/support?placement=banner');
  await page.getByLabel('Monthly').check();
  await page.locator('fieldset').getByLabel('Currency').selectOption('usd');
  await page.getByRole('button', { name: 'Become a Reader patron' }).click();
  // First payment succeeds; every later charge on this card fails.
  await payOnHostedCheckout(page, '4000 0000 0000 0341');
  await expect(page.getByRole('status')).toContainText('You are now a Reader patron', { timeout: 30_000 });

  const [customer] = (await stripe.customers.list({ email, limit: 1 })).data;
  expect(customer?.test_clock, 'the customer lives on a test clock').toBeTruthy();
  const clockId = typeof customer!.test_clock === 'string' ? customer!.test_clock : customer!.test_clock!.id;
  const [sub] = (await stripe.subscriptions.list({ customer: customer!.id, limit: 1 })).data;
  const periodEnd = sub!.items.data[0]!.current_period_end;

  // Past the renewal: the charge fails, the subscription is past due, the reader gets an email.
  const failedAfter = new Date(Date.now() - 1000);
  await advanceClock(clockId, periodEnd + 3600);
  const failed = await latestEmail(page.request, email, 'billing-payment-failed', failedAfter);
  expect(failed.links.some((l) => l.endsWith('/account'))).toBe(true);
  await onAccount(page, async () => {
    await expect(page.getByTestId('card-update-nudge')).toContainText('Please update your card', { timeout: 1000 });
  });
  await expect(page.getByTestId('membership')).toHaveAttribute('data-state', 'past_due_grace');
  expect(await me(page)).toMatchObject({ isPatron: true, patronState: 'past_due_grace' });
  await expect(page.getByTestId('card-nudge')).toBeVisible(); // header nudge
  expect((await stripe.subscriptions.retrieve(sub!.id)).status).toBe('past_due');

  // Beyond the 7-day grace period (the day-3 retry fails too): no longer a patron.
  await advanceClock(clockId, periodEnd + 7 * DAY + 2 * 3600);
  await expect.poll(async () => (await me(page)).patronState, { timeout: 30_000 }).toBe('past_due_lapsed');
  expect((await me(page)).isPatron).toBe(false);
  await page.goto('/account');
  await expect(page.getByTestId('membership')).toHaveAttribute('data-state', 'past_due_lapsed');
  await expect(page.getByTestId('card-update-nudge')).toContainText('Update your card');
});

test('bad input gets clear 4xx answers, never a 500', async ({ page, request }) => {
  expect((await request.get('/api/account/export')).status()).toBe(401);
  expect((await request.post('/api/account/delete', { form: { confirm: 'DELETE' } })).status()).toBe(401);
  expect((await request.get('/account', { maxRedirects: 0 })).headers().location).toContain('/signin?callbackUrl=%2Faccount');
  const missing = await page.goto('/support/success');
  expect(missing?.status()).toBe(200);
  await expect(page.getByTestId('success-error')).toContainText('missing');
  await page.goto('/support/success?session_id=%3Cscript%3E');
  await expect(page.getByTestId('success-error')).toContainText('malformed');

  const email = `delete-${Date.now()}@e2e.test`;
  await signIn(page, email);
  const notJson = await page.request.post('/api/account/delete', { data: 'nope', headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);
  const wrong = await page.request.post('/api/account/delete', { data: { confirm: 'delete please' } });
  expect(wrong.status()).toBe(400);
  expect(((await wrong.json()) as { error: string }).error).toBe('Type DELETE to confirm.');
  expect((await me(page)).user?.email).toBe(email);

  // The real form: type DELETE, the account goes, the reader is signed out.
  await page.goto('/account');
  await expect(page.getByRole('button', { name: 'Delete my account' })).toBeDisabled();
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole('heading', { name: 'Your account has been deleted' })).toBeVisible();
  expect((await me(page)).user).toBeNull();
});
