import { expect, test } from './fixtures';
import { E2E_SIGNIN_EMAIL_LIMIT } from '../playwright.config';

// Sign-in emails are limited per address (LIMIT_SIGNIN_EMAIL; the suite's server allows
// E2E_SIGNIN_EMAIL_LIMIT an hour): the next request in the hour is refused with 429 and the form says so
// in words; no further email reaches the outbox.
test('the sign-in form shows the limit message when one address asks for too many links', async ({ page, request }) => {
  const email = `limited-${Date.now()}@e2e.test`;
  for (let i = 0; i < E2E_SIGNIN_EMAIL_LIMIT; i++) {
    await page.goto('/signin');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page).toHaveURL(/\/signin\/check-email/);
  }
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  const refused = page.waitForResponse((r) => r.url().includes('/api/auth/signin/email') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const res = await refused;
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  await expect(page.locator('#signin-email-error')).toContainText('Too many sign-in links were asked for');
  await expect(page).toHaveURL(/\/signin(\?|$)/);
  const mail = await (await request.get(`/api/dev/mailbox?to=${encodeURIComponent(email)}&limit=50`)).json();
  expect(mail.messages).toHaveLength(E2E_SIGNIN_EMAIL_LIMIT);
});
