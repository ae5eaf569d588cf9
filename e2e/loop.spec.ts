import { expect, test } from './fixtures';
import { latestEmail, signIn } from './sign-in';

// The co-creation loop on a fresh `npm start` (demo newsroom, demo rounds and demo patrons seeded on
// the empty database): a newcomer finds the open round from the home page, past winners show what they
// became, /transparency publishes the figures and the spending staff enter at /desk/spending.

const ADMIN = 'admin@e2e.test';
const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;

test('a newcomer reaches the open round from the header; the home module shows the leading topics', async ({ page }) => {
  await page.goto('/');
  const roundModule = page.getByTestId('home-round');
  await expect(roundModule).toBeVisible();
  const title = (await roundModule.getByRole('heading', { level: 2 }).textContent())!.trim();
  expect(title.length).toBeGreaterThan(10);
  await expect(roundModule.getByTestId('home-round-time-left')).toHaveText(/^\d+ days? left$|^\d+ hours? left$/);
  // Leading topics with live counts, most votes first.
  const votes = await roundModule.locator('.home-round__votes').allTextContents();
  expect(votes.length).toBeGreaterThanOrEqual(2);
  const counts = votes.map((v) => Number(v.replace(/[^\d]/g, '')));
  expect(counts[0]).toBeGreaterThan(0);
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  // A reader is asked to become a patron; the patron's "Vote" shows once /api/me says so (<html data-patron>).
  await expect(roundModule.getByRole('link', { name: 'Become a patron to vote' })).toBeVisible();
  await expect(roundModule.getByTestId('home-round-vote')).toBeHidden();
  await page.evaluate(() => document.documentElement.setAttribute('data-patron', ''));
  await expect(roundModule.getByTestId('home-round-vote')).toBeVisible();
  await expect(roundModule.getByRole('link', { name: 'Become a patron to vote' })).toBeHidden();
  await page.evaluate(() => document.documentElement.removeAttribute('data-patron'));

  // From the header to the round.
  // (/topics is rendered per request: its first render on a busy machine can take a while.)
  await Promise.all([
    page.waitForURL(/\/topics$/, { timeout: 60_000 }),
    page.getByRole('banner').getByRole('link', { name: 'Vote', exact: true }).click(),
  ]);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // The footer leads there too, and to /transparency.
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Vote on what we cover next' })).toHaveAttribute('href', '/topics');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: /^Transparency/ })).toHaveAttribute('href', '/transparency');
});

test('a demo article commissioned by a past round says so, and its end-of-article note mentions the open round', async ({ page }) => {
  await page.goto('/articles/rents-rose-faster-than-wages');
  const mark = page.getByRole('link', { name: /^Commissioned by \d+ patrons$/ });
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute('href', '/topics/rents-and-repairs');
  await expect(page.getByTestId('cta-open-round')).toContainText('Patrons are voting right now');
  await mark.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rents, repairs and who is responsible' })).toBeVisible();
  await expect(page.getByText(/cannot check anonymous reviews/)).toBeVisible();
});

test('/transparency shows live figures, and spending entered at /desk/spending appears there', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/support');
  await page.getByRole('link', { name: 'see our figures and spending' }).click();
  await expect(page).toHaveURL(/\/transparency$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Transparency' })).toBeVisible();
  await expect(page.getByTestId('figure-patrons')).toHaveText(/^\d[\d,]* patrons now$/);
  await expect(page.getByTestId('figure-rounds')).toContainText(/\d+ topic votes held/);
  await expect(page.getByTestId('figure-published')).toHaveText(/^[1-9]\d* of them published$/);

  await signIn(page, ADMIN);
  await page.goto('/desk/spending');
  await page.getByLabel('Quarter').selectOption({ index: 0 });
  const quarter = await page.getByLabel('Quarter').inputValue();
  await page.getByLabel('Category').selectOption({ label: 'Records requests and legal review' });
  await page.getByLabel(/^Amount/).fill('not money');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Enter an amount/)).toBeVisible();
  // What was chosen survives the refusal.
  await expect(page.getByLabel('Category')).toHaveValue('records');
  await expect(page.getByLabel('Quarter')).toHaveValue(quarter);
  await page.getByLabel(/^Amount/).fill('4,321');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved. It is on the transparency page now.');

  await expect(async () => {
    await page.goto('/transparency');
    const row = page.getByTestId('spending-table').getByRole('row', { name: new RegExp(`^${quarter} Records requests and legal review`) });
    await expect(row).toContainText('4,321', { timeout: 1000 });
    await expect(row).toContainText(quarter);
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  // Beside the demo newsroom's spending for its last completed quarters (seeded on the empty database).
  await expect(
    page.getByTestId('spending-table').getByRole('row', { name: /Reporting \(staff and freelance reporters\)/ }),
  ).not.toHaveCount(0);
});

test('a newcomer becomes a patron from the home module, then votes in the open round', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `newcomer-${Date.now()}@e2e.test`;
  await page.goto('/');
  const roundModule = page.getByTestId('home-round');
  const slug = (await roundModule.getAttribute('data-round'))!;
  const leading = (await roundModule.locator('.home-round__topics li > span:first-child').first().textContent())!.trim();
  await roundModule.getByRole('link', { name: 'Become a patron to vote' }).click();
  await expect(page).toHaveURL(new RegExp(`/support\\?placement=topics&round=${slug}$`));

  // Inline sign-in by email link, back to /support with the attribution.
  const requestedAt = new Date(Date.now() - 1000);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  await page.goto(mail.links.find((l) => l.includes('/signin/confirm'))!);
  await page.getByRole('button', { name: `Sign in as ${email}` }).click();
  await page.waitForURL(/\/support\?/);
  expect(new URL(page.url()).searchParams.get('round')).toBe(slug);

  await page.getByRole('button', { name: 'Become a Supporter patron' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('E2E Newcomer');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
  await expect(page.getByRole('status')).toContainText('You are now a Supporter patron', { timeout: 30_000 });

  // The same cached home page now offers "Vote" (chosen in the browser from /api/me).
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-patron', '');
  await expect(page.getByTestId('home-round-vote')).toBeVisible();
  await expect(page.getByTestId('home-round').getByRole('link', { name: 'Become a patron to vote' })).toBeHidden();
  await Promise.all([page.waitForURL(/\/topics$/, { timeout: 60_000 }), page.getByTestId('home-round-vote').click()]);
  await page.getByRole('button', { name: `Vote: ${leading}`, exact: true }).click();
  await expect(page.getByRole('button', { name: `Withdraw vote: ${leading}`, exact: true })).toBeVisible();
  await expect(page.getByText(/You have 2 of 3 votes left in this round\./)).toBeVisible();
});
