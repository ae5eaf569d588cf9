import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// Cancelling in the app (issue #15): without signing in through the emailed one-time link, and
// signed in, taking the pause offer. Memberships are paid through the stand-in's hosted Checkout.

const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;
type Me = { user: { email: string } | null; isPatron: boolean; patronState: string };
const me = async (page: Page): Promise<Me> => (await (await page.request.get('/api/me')).json()) as Me;

/** A monthly tier's checkout fields, as /support renders them in its tier forms. */
async function monthlyTier(page: Page): Promise<Record<string, string>> {
  let html = '';
  await expect
    .poll(
      async () => {
        html = await (await page.request.get('/support')).text();
        return html.includes('name="tierId"');
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const forms = [...html.matchAll(/<form[^>]*action="\/api\/checkout"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => {
    const inputs: Record<string, string> = {};
    for (const tag of m[1]!.match(/<input[^>]*>/g) ?? []) {
      const name = /\bname="([^"]*)"/.exec(tag)?.[1];
      const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
      if (name && value !== undefined) inputs[name] = value;
    }
    return inputs;
  });
  const tier = forms.find((f) => f.tierId && (f.interval ?? 'MONTH') === 'MONTH') ?? forms.find((f) => f.tierId);
  expect(tier, 'a tier form on /support').toBeTruthy();
  return tier!;
}

async function becomePatron(page: Page): Promise<void> {
  const tier = await monthlyTier(page);
  const res = await page.request.post('/api/checkout', {
    data: {
      mode: 'subscription',
      tierId: tier.tierId,
      currency: tier.currency || 'usd',
      interval: 'MONTH',
      amount: tier.amount,
      placement: 'account',
    },
  });
  const body = (await res.json()) as { url?: string; error?: string };
  expect(res.status(), `checkout answered: ${JSON.stringify(body)}`).toBe(200);
  await page.goto(body.url!);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('E2E Leaver');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
  await expect.poll(async () => (await me(page)).isPatron, { timeout: 30_000, message: 'the webhook makes them a patron' }).toBe(true);
}

test.beforeAll(async ({ browser }) => {
  await warmUpSignIn(browser);
});

test('cancel without signing in: /cancel → emailed one-time link → confirm → cancelled at period end, with a confirmation email', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `leaver-${Date.now()}@e2e.test`;
  await signIn(page, email);
  await becomePatron(page);

  // Someone who is not signed in (another browser) cancels with the address alone.
  const context = await browser.newContext();
  const anon = await context.newPage();
  await anon.goto('/');
  await anon.getByRole('link', { name: 'Cancel membership' }).click();
  await expect(anon).toHaveURL(/\/cancel$/);
  const askedAt = new Date(Date.now() - 1000);
  await anon.getByLabel('Email address').fill(email);
  await anon.getByRole('button', { name: 'Email me a cancellation link' }).click();
  await expect(anon.getByTestId('cancel-link-sent')).toBeVisible();
  // An unknown address gets the very same answer.
  await anon.goto('/cancel');
  await anon.getByLabel('Email address').fill(`nobody-${Date.now()}@e2e.test`);
  await anon.getByRole('button', { name: 'Email me a cancellation link' }).click();
  await expect(anon.getByTestId('cancel-link-sent')).toBeVisible();

  const mail = await latestEmail(anon.request, email, 'cancel-link', askedAt);
  const link = mail.links.find((l) => l.includes('/cancel/confirm?token='));
  expect(link, 'the email carries the one-time link').toBeTruthy();
  // A mail scanner opening it first spends nothing.
  expect((await anon.request.get(link!)).status()).toBe(200);
  await anon.goto(link!);
  await expect(anon.getByRole('heading', { name: 'Confirm your cancellation' })).toBeVisible();
  await anon.getByLabel('The coverage is not what I hoped for').check();
  await anon.getByLabel('Anything you would like to tell us? (optional)').fill('More council coverage, please.');
  await anon.getByRole('button', { name: 'Cancel my membership' }).click();
  await expect(anon).toHaveURL(/\/cancel\/done\?outcome=canceled/);
  await expect(anon.getByTestId('cancel-outcome')).toContainText('It stays active until');

  // The link works once.
  await anon.goto(link!);
  await expect(anon.getByTestId('cancel-link-invalid')).toBeVisible();
  await context.close();

  // The patron: still a patron until the period ends, and the confirmation email arrived.
  await expect.poll(async () => (await me(page)).patronState, { timeout: 30_000 }).toBe('canceling');
  await page.goto('/account');
  await expect(page.getByTestId('membership-status')).toContainText('Your membership ends on');
  await latestEmail(page.request, email, 'billing-cancellation-confirmed', askedAt);
});

test('signed in: /account/cancel asks why, offers a pause; taking it shows "paused" in /account and in the portal, and /api/me says not a patron', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const email = `pauser-${Date.now()}@e2e.test`;
  await signIn(page, email);
  await becomePatron(page);

  await page.goto('/account');
  await page.getByTestId('cancel-membership-link').click();
  await expect(page).toHaveURL(/\/account\/cancel$/);
  await page.getByLabel('It costs more than I can afford right now').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/account\/cancel\?request=/);
  await expect(page.getByRole('heading', { name: 'Before you go' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause my payments for 2 months' }).click();
  await expect(page).toHaveURL(/\/cancel\/done\?outcome=paused/);

  await page.goto('/account');
  await expect(page.getByTestId('membership')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('membership-status')).toContainText('paused');
  expect(await me(page)).toMatchObject({ isPatron: false, patronState: 'paused' });

  // The portal (Stripe's; here the stand-in's) says so too.
  await page.getByRole('button', { name: 'Manage membership' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/portal/bps_`));
  await expect(page.getByTestId('portal-paused')).toContainText('Payments paused until');
});
