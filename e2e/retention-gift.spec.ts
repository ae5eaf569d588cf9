import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// A gift membership end to end (issue #15): a reader buys 3 months through /gift and the Stripe stand-in's
// hosted Checkout with a delivery date three days ahead; the app's test clock (test equipment,
// POST /api/dev/clock, which also runs the scheduled gift job) moves to that date and the recipient gets
// the delivery email; they redeem it signed in with their own address and vote; the clock moves to three
// days before the end and the reminder arrives; after the end they are no longer a patron.
// Runs after dashboard.spec (its patrons would change the seeded figures there).

const ADMIN = 'admin@e2e.test';
const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;
const DAY = 86_400_000;
type Me = { user: { email: string } | null; isPatron: boolean; patronState: string };

const me = async (page: Page): Promise<Me> => (await (await page.request.get('/api/me')).json()) as Me;

async function setClock(request: APIRequestContext, at: Date | null): Promise<void> {
  const res = await request.post('/api/dev/clock', { data: { at: at?.toISOString() ?? null } });
  expect(res.status(), await res.text()).toBe(200);
}

/** `months` calendar months after `d` (as lib/gifts does). */
function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** An editor opens a round with one topic at the desk; returns its slug. */
async function openRound(desk: Page, id: string, topic: string): Promise<string> {
  const slug = `e2e-gift-${id}`;
  await desk.goto('/desk/rounds/new');
  await desk.getByLabel('Title', { exact: true }).fill(`Gifted votes ${id}`);
  await desk.getByLabel('Slug (optional)').fill(slug);
  await desk.getByLabel('Votes per patron (1–10)').fill('1');
  await desk.getByRole('button', { name: 'Create draft round' }).click();
  await desk.waitForURL(/\/desk\/rounds\/[^/?]+\?done=/);
  const addForm = desk.locator('form', { has: desk.getByRole('button', { name: 'Add topic' }) });
  await addForm.getByLabel('Title').fill(topic);
  await addForm.getByRole('button', { name: 'Add topic' }).click();
  await expect(desk.locator('tbody tr', { has: desk.locator('strong', { hasText: topic }) })).toBeVisible();
  await desk.getByRole('button', { name: 'Open round' }).click();
  await expect(desk.getByRole('status')).toHaveText('Round opened.');
  return slug;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await warmUpSignIn(browser);
});

test.afterAll(async ({ request }) => {
  // Later journeys run on the real time.
  await setClock(request, null);
});

test('buy a gift → delivered on its date (test clock) → redeemed → the recipient votes → reminder before the end → ends', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const buyer = `giver-${id}@e2e.test`;
  const recipient = `lucky-${id}@e2e.test`;
  const topic = `Night buses ${id}`;
  const started = new Date(Date.now() - 1000);
  const deliverOn = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);

  const desk = await signedInPage(browser, ADMIN);
  const slug = await openRound(desk, id, topic);
  await desk.context().close();

  // The buyer pays for 3 months through /gift and the stand-in's hosted Checkout.
  await signIn(page, buyer);
  await page.goto('/gift');
  await page.getByLabel('Length').selectOption('3');
  await page.getByLabel("Recipient's email address").fill(recipient);
  await page.getByLabel('Your message (optional)').fill('For the night owl.');
  await page.getByLabel('Delivery date').fill(deliverOn);
  await page.getByRole('button', { name: 'Pay for the gift' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('E2E Giver');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/gift\/thanks/);
  await expect(page.getByRole('heading', { name: 'Thank you for your gift' })).toBeVisible();

  // Nothing is delivered before its date (the job runs at the real time).
  await setClock(page.request, new Date(Date.now() + 60_000));
  await page.waitForTimeout(3_000);
  const early = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(recipient)}`)).json()) as {
    messages: { kind: string }[];
  };
  expect(early.messages.filter((m) => m.kind === 'gift-delivery')).toEqual([]);

  // The clock moves to the delivery date: the gift job (queued with each move, until the payment's webhook
  // has landed too) emails the recipient.
  const deliveryTime = new Date(`${deliverOn}T09:00:00Z`);
  await expect
    .poll(
      async () => {
        await setClock(page.request, deliveryTime);
        const res = await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(recipient)}`);
        return ((await res.json()) as { messages: { kind: string }[] }).messages.some((m) => m.kind === 'gift-delivery');
      },
      { timeout: 60_000, intervals: [2_000], message: 'the delivery email on its date' },
    )
    .toBe(true);
  const delivery = await latestEmail(page.request, recipient, 'gift-delivery', started);
  const link = delivery.links.find((l) => l.includes('/gift/redeem?token='));
  expect(link, 'the delivery email carries the redeem link').toBeTruthy();

  // The recipient redeems it, signed in with their own address, and is a gifted patron.
  const lucky = await signedInPage(browser, recipient);
  expect((await me(lucky)).isPatron).toBe(false);
  const redeemedAt = new Date();
  await lucky.goto(link!);
  await lucky.getByRole('button', { name: `Start my 3-month membership as ${recipient}` }).click();
  await lucky.waitForURL(/\/account/);
  await expect(lucky.getByTestId('membership-status')).toContainText('You are a patron thanks to a gift membership');
  expect(await me(lucky)).toMatchObject({ isPatron: true, patronState: 'gifted' });

  // ... and votes.
  await lucky.goto(`/topics/${slug}`);
  await lucky.getByRole('button', { name: `Vote: ${topic}`, exact: true }).click();
  await expect(
    lucky.locator('li[data-topic-id]', { has: lucky.getByRole('heading', { level: 3, name: topic }) }).getByRole('status'),
  ).toHaveText('Vote counted. 0 of 1 left.');

  // Three days before the gift ends (3 months from redeeming), the reminder to continue as a paying patron.
  const endsAt = addMonths(redeemedAt, 3);
  const remindAt = new Date(endsAt.getTime() - 3 * DAY);
  await setClock(lucky.request, remindAt);
  const reminder = await latestEmail(lucky.request, recipient, 'gift-reminder', started);
  expect(reminder.links.some((l) => l.includes('/support'))).toBe(true);
  expect(await me(lucky)).toMatchObject({ isPatron: true, patronState: 'gifted' });

  // After the end the recipient is no longer a patron.
  await setClock(lucky.request, new Date(endsAt.getTime() + DAY));
  expect((await me(lucky)).isPatron).toBe(false);
  await setClock(lucky.request, null);
  expect(await me(lucky)).toMatchObject({ isPatron: true, patronState: 'gifted' });
  await lucky.context().close();
});
