import type { Page } from '@playwright/test';
import Stripe from 'stripe';
import { expect, test } from './fixtures';
import { latestEmail, warmUpSignIn } from './sign-in';

// Becoming and being a patron in Ukrainian (issue #16): every page of the journey keeps /uk, speaks
// Ukrainian, and Stripe's hosted Checkout is asked for English (it has no Ukrainian; never Russian).

const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;
const stripe = new Stripe('sk_test_patronage_local', { host: '127.0.0.1', port: STAND_IN_PORT, protocol: 'http', maxNetworkRetries: 1 });

test.beforeAll(async ({ browser }) => {
  await warmUpSignIn(browser);
});

/** Signs in from /uk/signin through the emailed link; the reader comes back to `to` (a /uk page). */
async function signInInUkrainian(page: Page, email: string, to: string): Promise<void> {
  const requestedAt = new Date(Date.now() - 1000);
  await page.goto(`/uk/signin?${new URLSearchParams({ callbackUrl: to })}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Увійти на');
  await page.getByLabel('Електронна пошта').fill(email);
  await page.getByRole('button', { name: 'Надіслати посилання для входу' }).click();
  await expect(page).toHaveURL(/\/uk\/signin\/check-email/);
  await expect(page.getByRole('heading', { name: 'Перевірте пошту' })).toBeVisible();
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  const link = mail.links.find((l) => l.includes('/signin/confirm'));
  expect(link, 'the emailed confirm page keeps the language').toContain('/uk/signin/confirm');
  await page.goto(link!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await page.getByRole('button', { name: `Увійти як ${email}` }).click();
  await page.waitForURL((url) => url.pathname === new URL(to, 'http://x').pathname);
}

test('sign-in from /uk/signin keeps /uk all the way to the account page', async ({ page }) => {
  test.setTimeout(90_000);
  const email = `uk-reader-${Date.now()}@e2e.test`;
  await signInInUkrainian(page, email, '/uk/account');
  await expect(page).toHaveURL(/\/uk\/account$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1, name: 'Ваш обліковий запис' })).toBeVisible();
  await expect(page.getByTestId('membership-status')).toContainText('Ви ще не патрон');
});

test('reader → patron in Ukrainian: /uk/support → tier → stand-in Checkout (English) → /uk/support/success → /uk/account', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const email = `uk-patron-${Date.now()}@e2e.test`;
  await signInInUkrainian(page, email, '/uk/support');

  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Станьте патроном');
  await expect(page.getByRole('heading', { name: 'Запитання' })).toBeVisible();
  await page
    .getByRole('button', { name: /^Стати патроном рівня/ })
    .first()
    .click();

  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  const sessionId = /\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(page.url())![1]!;
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  expect(session.locale, 'Checkout has no Ukrainian: English, never auto or ru').toBe('en');
  expect(session.success_url).toContain('/uk/support/success?session_id=');
  expect(session.cancel_url).toContain('/uk/support');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Олена Патрон');
  await page.getByRole('button', { name: 'Subscribe' }).click();

  await page.waitForURL(/\/uk\/support\/success\?session_id=cs_/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1, name: 'Дякуємо за вашу підтримку' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Ласкаво просимо!' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Керувати членством' }).click();

  await expect(page).toHaveURL(/\/uk\/account$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1, name: 'Ваш обліковий запис' })).toBeVisible();
  await expect(page.getByTestId('membership-status')).toContainText('Ви патрон');
  await expect(page.getByRole('button', { name: 'Керувати членством' })).toBeVisible();
  await expect(page.getByTestId('cancel-membership-link')).toHaveAttribute('href', '/uk/account/cancel');
});

test('the /uk/support sign-in box lands on /uk/signin/check-email; a spent link lands on /uk/signin with a Ukrainian error', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = `uk-support-box-${Date.now()}@e2e.test`;
  const requestedAt = new Date(Date.now() - 1000);
  await page.goto('/uk/support');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  // next-auth answers the plain form post with a redirect to its check-email page: in Ukrainian.
  const box = page.locator('form.support-signin');
  await box.getByLabel('Електронна пошта').fill(email);
  await box.getByRole('button', { name: 'Надіслати посилання для входу' }).click();
  await expect(page).toHaveURL(/\/uk\/signin\/check-email/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { name: 'Перевірте пошту' })).toBeVisible();

  // Sign in with the link, then use it again (no language cookie this time: the link's way back says /uk).
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  const link = new URL(mail.links.find((l) => l.includes('/signin/confirm'))!);
  expect(link.pathname).toBe('/uk/signin/confirm');
  await page.goto(link.toString());
  await page.getByRole('button', { name: `Увійти як ${email}` }).click();
  await page.waitForURL((url) => url.pathname === '/uk/support');
  await page.context().clearCookies();
  const callback = `/api/auth/callback/email?${new URLSearchParams({
    callbackUrl: link.searchParams.get('callbackUrl') ?? '/uk/support',
    token: link.searchParams.get('token')!,
    email,
  })}`;
  await page.goto(callback);
  await expect(page).toHaveURL(/\/uk\/signin\?error=Verification/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('alert').filter({ hasText: 'посилання для входу' })).toContainText('Запросіть нове');
});
