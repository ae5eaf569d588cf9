import { expect, type Page } from '@playwright/test';

/**
 * Signed-in `page` starts a checkout for the first tier offered on /support (its default billing) with
 * `placement`, pays it with the test card on the Stripe stand-in's hosted page, and lands on the
 * success page.
 */
export async function payForFirstTier(page: Page, { placement, cardholder }: { placement: string; cardholder: string }): Promise<void> {
  let html = '';
  await expect
    .poll(async () => (html = await (await page.request.get('/support')).text()).includes('name="tierId"'), { timeout: 20_000 })
    .toBe(true);
  const form = /<form[^>]*action="\/api\/checkout"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  const field = (name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? '';
  const res = await page.request.post('/api/checkout', {
    data: {
      mode: 'subscription',
      tierId: field('tierId'),
      currency: field('currency') || 'eur',
      interval: field('interval') || 'MONTH',
      amount: field('amount'),
      placement,
    },
  });
  const body = (await res.json()) as { url?: string };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  await page.goto(body.url!);
  await expect(page).toHaveURL(/\/checkout\/cs_/);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill(cardholder);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
}
