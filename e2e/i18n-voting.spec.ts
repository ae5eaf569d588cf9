import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { payForFirstTier } from './checkout';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// Voting in Ukrainian (issue #16): an editor gives a round and a topic Ukrainian names at /desk; a patron
// votes on /uk/topics/<round> and sees the Ukrainian confirmation, budget and counts; a sign-in asked for
// from /uk/signin arrives in Ukrainian with a /uk link and brings the reader back to /uk.

const ADMIN = 'admin@e2e.test';
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

function topicItem(page: Page, title: string): Locator {
  return page.locator('li[data-topic-id]', { has: page.getByRole('heading', { level: 3, name: title }) });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await warmUpSignIn(browser);
});

test('a patron votes on /uk/topics and reads the confirmation, budget and counts in Ukrainian', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const id = unique();
  const slug = `e2e-uk-${id}`;
  const roundEn = `Spring vote ${id}`;
  const roundUk = `Весняне голосування ${id}`;
  const topicEn = `Rents in the old town ${id}`;
  const topicUk = `Оренда житла в старому місті ${id}`;
  const otherEn = `Night buses ${id}`;

  // The editor creates the round with a Ukrainian name, adds a topic with one (and one without), opens it.
  const desk = await signedInPage(browser, ADMIN);
  await desk.goto('/desk/rounds/new');
  await desk.getByLabel('Title', { exact: true }).fill(roundEn);
  await desk.getByLabel('Slug (optional)').fill(slug);
  await desk.getByLabel('Name in Ukrainian (optional)').fill(roundUk);
  await desk.getByRole('button', { name: 'Create draft round' }).click();
  await desk.waitForURL(/\/desk\/rounds\/[^/?]+\?done=/);
  const addForm = desk.locator('form', { has: desk.getByRole('button', { name: 'Add topic' }) });
  await addForm.getByLabel('Title', { exact: true }).fill(topicEn);
  await addForm.getByLabel('Name in Ukrainian (optional)').fill(topicUk);
  await addForm.getByRole('button', { name: 'Add topic' }).click();
  await expect(desk.getByRole('status')).toHaveText('Topic added.');
  await addForm.getByLabel('Title', { exact: true }).fill(otherEn);
  await addForm.getByRole('button', { name: 'Add topic' }).click();
  await expect(desk.locator('tbody tr', { has: desk.locator('strong', { hasText: otherEn }) })).toBeVisible();
  await desk.getByRole('button', { name: 'Open round' }).click();
  await expect(desk.getByRole('status')).toHaveText('Round opened.');

  // A reader becomes a patron, then opens the round in Ukrainian.
  const voter = `uk-voter-${id}@e2e.test`;
  await signIn(page, voter);
  await payForFirstTier(page, { placement: 'topics', cardholder: 'E2E Ukrainian Voter' });
  await expect
    .poll(async () => ((await (await page.request.get('/api/me')).json()) as { isPatron: boolean }).isPatron, { timeout: 30_000 })
    .toBe(true);

  await page.goto(`/uk/topics/${slug}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page).toHaveTitle(new RegExp(roundUk));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(roundUk);
  await expect(page.locator('section[aria-labelledby="round-title"] > .kicker')).toHaveText('Голосуйте зараз');
  await expect(page.getByText('Кожен патрон має 3 голоси.', { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Як працює це голосування' })).toBeVisible();
  await expect(page.getByText(/У вас лишилося 3 з 3 голосів у цьому раунді\./)).toBeVisible();
  // The topic without a Ukrainian name falls back to English.
  await expect(page.getByRole('heading', { level: 3, name: otherEn })).toBeVisible();
  await expect(topicItem(page, topicUk).getByText('0 голосів')).toBeVisible();

  await page.getByRole('button', { name: `Голосувати: ${topicUk}`, exact: true }).click();
  await expect(topicItem(page, topicUk).getByRole('status')).toHaveText('Голос зараховано. Лишилося 2 з 3.');
  await expect(topicItem(page, topicUk).getByRole('button', { name: `Забрати голос: ${topicUk}`, exact: true })).toBeVisible();
  await expect(page.getByText(/У вас лишилося 2 з 3 голосів у цьому раунді\./)).toBeVisible();
  await expect(topicItem(page, topicUk).getByText('1 голос', { exact: true })).toBeVisible();
  await expect(page.getByTestId('turnout')).toContainText('1 патрон віддав 1 голос');

  // The English page is unchanged: English names and sentences.
  await page.goto(`/topics/${slug}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(roundEn);
  await expect(page.getByText(/You have 2 of 3 votes left in this round\./)).toBeVisible();
  await expect(topicItem(page, topicEn).getByText('1 vote', { exact: true })).toBeVisible();
  await desk.context().close();
});

test('a sign-in asked for from /uk/signin arrives in Ukrainian with a /uk link and comes back to /uk', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `uk-signin-${unique()}@e2e.test`;
  const page = await (await browser.newContext()).newPage();
  const requestedAt = new Date(Date.now() - 1000);
  await page.goto('/uk/signin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('main form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  expect(mail.subject).toMatch(/^Вхід на /);
  const link = mail.links.find((l) => l.includes('/signin/confirm'));
  expect(link, 'the email links to the confirm page').toBeTruthy();
  expect(new URL(link!).pathname).toBe('/uk/signin/confirm');
  const { messages } = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as {
    messages: { kind: string; text: string }[];
  };
  const text = messages.find((m) => m.kind === 'magic-link')!.text;
  expect(text).toContain('Щоб увійти, відкрийте це посилання:');
  expect(text).toContain('Посилання спрацює один раз і діє 30 хвилин.');
  await page.goto(link!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/signin') && !url.pathname.startsWith('/api/auth'));
  expect(new URL(page.url()).pathname).toBe('/uk');
  await page.context().close();
});
