import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// Pay first (issue 18): a reader who is not signed in picks a tier and pays; Checkout (the local
// stand-in's hosted page) collects the address. A new address is signed in on the success page with no
// mailbox step; an address that already has an account is not, and gets a sign-in link instead.

const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;

type Me = { user: { email: string } | null; isPatron: boolean };
const me = async (page: Page): Promise<Me> => (await (await page.request.get('/api/me')).json()) as Me;

async function firstArticlePath(page: Page): Promise<string> {
  const xml = await (await page.request.get('/sitemap.xml')).text();
  const m = /<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(xml);
  expect(m, 'the sitemap lists articles').toBeTruthy();
  return new URL(m![1]!).pathname;
}

/** The hosted Checkout asks for the address itself (the reader never typed it on our site). */
async function payOnCheckoutWithEmail(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Pay First');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
}

/** Article → end-of-article call to action → /support → a Supporter tier, without signing in. */
async function fromArticleToCheckout(page: Page): Promise<string> {
  const articlePath = await firstArticlePath(page);
  const slug = articlePath.split('/').pop()!;
  await page.goto(articlePath);
  const cta = page.locator('[data-cta="end-of-article"]');
  await expect(cta).toBeVisible();
  await cta.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/support\\?from=${slug}&placement=end-of-article$`));
  await expect(page.getByText('You came from')).toBeVisible();
  await page.getByRole('button', { name: 'Become a Supporter patron' }).click();
  return slug;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await warmUpSignIn(browser);
});

test('a new reader pays first and is signed in on the success page, then votes: no mailbox step', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `pay-first-${Date.now()}@e2e.test`;

  // A pick made before joining (kept in this browser) rides along through Checkout.
  await page.goto('/topics', { timeout: 60_000 });
  const pick = page.getByRole('button', { name: /^Pick this topic: / }).first();
  const pickedTitle = (await pick.getAttribute('aria-label'))!.replace(/^Pick this topic: /, '');
  await pick.click();
  await expect(page.getByRole('button', { name: `Picked ✓ (remove): ${pickedTitle}`, exact: true })).toBeVisible();

  const slug = await fromArticleToCheckout(page);
  await payOnCheckoutWithEmail(page, email);

  // The page waits for the webhook, then signs this browser in (one-time claim) and confirms.
  await expect(page.getByRole('status')).toContainText('You are now a Supporter patron', { timeout: 45_000 });
  expect(await me(page)).toMatchObject({ user: { email }, isPatron: true });

  // The checkout kept its attribution.
  const data = (await (await page.request.get('/api/account/export')).json()) as {
    checkouts: { fromArticle: string | null; placement: string | null; status: string }[];
  };
  expect(data.checkouts[0]).toMatchObject({ fromArticle: slug, placement: 'end-of-article', status: 'COMPLETED' });

  // No sign-in email was needed.
  const mailbox = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as {
    messages: { kind: string }[];
  };
  expect(mailbox.messages.filter((m) => m.kind === 'magic-link')).toHaveLength(0);

  // Votes: the pick made before paying is a vote now, and another vote can be cast.
  await page.goto('/topics');
  await expect(page.getByRole('button', { name: `Withdraw vote: ${pickedTitle}`, exact: true })).toBeVisible();
  const vote = page.getByRole('button', { name: /^Vote: / }).first();
  const votedTitle = (await vote.getAttribute('aria-label'))!.replace(/^Vote: /, '');
  await vote.click();
  await expect(page.getByRole('button', { name: `Withdraw vote: ${votedTitle}`, exact: true })).toBeVisible();

  // A patron's end-of-article slot asks for a referral (with their personal link), not for membership.
  await page.goto(await firstArticlePath(page));
  const ask = page.locator('[data-ask="referral"][data-slot="end-of-article"]');
  await expect(ask).toBeVisible();
  await expect(ask.getByLabel('Your personal link')).toHaveValue(/\/r\/[a-z0-9]{8}$/);
  await expect(page.locator('[data-cta="end-of-article"]')).toBeHidden();
  // The link leads a new reader to /support with the invitation.
  const link = await ask.getByLabel('Your personal link').inputValue();
  const visitor = await page.context().browser()!.newPage();
  await visitor.goto(link);
  await expect(visitor).toHaveURL(/\/support\?placement=referral&ref=[a-z0-9]{8}$/);
  await expect(visitor.getByTestId('referral-notice')).toBeVisible();
  // The invited reader pays first too; the membership is attributed to the patron who shared the link.
  await visitor.getByRole('button', { name: 'Become a Supporter patron' }).click();
  await payOnCheckoutWithEmail(visitor, `invited-${Date.now()}@e2e.test`);
  await expect(visitor.getByRole('status')).toContainText('You are now a Supporter patron', { timeout: 45_000 });
  await visitor.close();

  // Staff see the referral on the dashboard: as a source, and under its referrer.
  const staff = await page.context().browser()!.newPage();
  await signIn(staff, 'admin@e2e.test');
  await staff.goto('/dashboard');
  await expect(staff.getByTestId('referrers')).toContainText(email);
  await expect(staff.getByTestId('pay-first-funnel')).toBeVisible();
  await staff.close();
});

test('paying first with the address of an existing account ends signed out, with a sign-in link in the mailbox', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `has-account-${Date.now()}@e2e.test`;
  // The account exists (signed in once, in another browser).
  const other = await browser.newContext();
  await signIn(await other.newPage(), email);
  await other.close();

  const paidAt = new Date(Date.now() - 1000);
  await fromArticleToCheckout(page);
  await payOnCheckoutWithEmail(page, email);

  await expect(page.getByTestId('guest-checkout-status')).toContainText('This address already has an account', { timeout: 45_000 });
  expect(await me(page)).toMatchObject({ user: null });
  // Trying the claim by hand is refused too.
  const sessionId = new URL(page.url()).searchParams.get('session_id')!;
  const claim = await page.request.post('/api/checkout/claim', {
    form: { session_id: sessionId },
    headers: { origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(claim.status()).toBe(403);
  expect(await me(page)).toMatchObject({ user: null });

  // The sign-in link leads into the account, which has the membership.
  const mail = await latestEmail(page.request, email, 'magic-link', paidAt);
  const link = mail.links.find((l) => l.includes('/signin/confirm'))!;
  await page.goto(link);
  await page.getByRole('button', { name: `Sign in as ${email}` }).click();
  await page.waitForURL(/\/account/);
  expect(await me(page)).toMatchObject({ user: { email }, isPatron: true });
});
