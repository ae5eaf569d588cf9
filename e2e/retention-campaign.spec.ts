import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn, warmUpSignIn } from './sign-in';

// Campaigns (issue #15): an editor sets one up at /desk/campaigns; a checkout during it moves the
// progress bar on /support (numbers fetched in the browser from the cached /api/campaigns/current).

const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;
type Me = { isPatron: boolean };

const local = (d: Date) => d.toISOString().slice(0, 16);

async function becomePatron(page: Page): Promise<void> {
  const html = await (await page.request.get('/support')).text();
  const form = /<form[^>]*action="\/api\/checkout"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const field = (n: string) =>
    new RegExp(`name="${n}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? /value="([^"]*)"[^>]*name="${n}"/.exec(form)?.[1] ?? '';
  const res = await page.request.post('/api/checkout', {
    data: {
      mode: 'subscription',
      tierId: field('tierId'),
      currency: field('currency') || 'usd',
      interval: 'MONTH',
      amount: field('amount'),
    },
  });
  const body = (await res.json()) as { url?: string };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  await page.goto(body.url!);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('E2E Campaigner');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
  await expect.poll(async () => ((await (await page.request.get('/api/me')).json()) as Me).isPatron, { timeout: 30_000 }).toBe(true);
}

test.beforeAll(async ({ browser }) => {
  await warmUpSignIn(browser);
});

test('an editor sets up a campaign; a checkout during it moves the progress bar on /support', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin@e2e.test');
  await page.goto('/desk/campaigns');
  const title = `Winter drive ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Starts (UTC)').fill(local(new Date(Date.now() - 3600_000)));
  // Ends soonest of any campaign other specs might create, so it is the one shown.
  await page.getByLabel('Ends (UTC)').fill(local(new Date(Date.now() + 2 * 3600_000)));
  await page.getByLabel('Goal', { exact: true }).selectOption('patrons');
  await page.getByLabel('Goal value (patrons, or whole units of the currency)').fill('500');
  await page.getByRole('button', { name: 'Save campaign' }).click();
  await expect(page.getByRole('status')).toContainText(title);

  // Each check in a fresh browser: the endpoint is cached by browsers for 30 s.
  const progressSeen = async (): Promise<number> => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto('/support');
    const bar = p.getByTestId('campaign-progress');
    await expect(bar).toBeVisible();
    await expect(bar).toContainText(title);
    const n = Number(await bar.getAttribute('data-progress'));
    await context.close();
    return n;
  };
  const before = await progressSeen();

  const reader = await browser.newContext();
  const rp = await reader.newPage();
  await signIn(rp, `campaigner-${Date.now()}@e2e.test`);
  await becomePatron(rp);
  await reader.close();

  await expect.poll(progressSeen, { timeout: 60_000, message: 'the new patron moves the bar' }).toBe(before + 1);
});
