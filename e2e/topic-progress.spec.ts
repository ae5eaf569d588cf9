import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { payForFirstTier } from './checkout';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// Topic progress through the real app: an editor (admin@e2e.test, ADMIN_EMAILS in playwright.config.ts)
// runs a round; a patron votes (and so follows the topic); the editor commissions it, assigns a reporter
// and posts an update at /desk; the update reaches the voter's mailbox once; the public topic page shows
// the timeline; the email's stop link stops the next update without signing in.

const ADMIN = 'admin@e2e.test';
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

type OutboxList = { messages: { kind: string; text: string; links: string[] }[] };

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

function deskTopicRow(desk: Page, title: string): Locator {
  return desk.locator('tbody tr', { has: desk.locator('strong', { hasText: title }) });
}

async function topicUpdateEmails(page: Page, to: string) {
  const { messages } = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}&limit=50`)).json()) as OutboxList;
  return messages.filter((m) => m.kind === 'voting-topic-update');
}

/** Signed-in `page` pays for the first tier on /support (monthly) through the stand-in and waits for the webhook. */
async function becomePatron(page: Page): Promise<void> {
  await payForFirstTier(page, { placement: 'topics', cardholder: 'E2E Follower' });
  await expect
    .poll(async () => ((await (await page.request.get('/api/me')).json()) as { isPatron: boolean }).isPatron, { timeout: 30_000 })
    .toBe(true);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await warmUpSignIn(browser);
});

test('an editor posts an update to a commissioned topic; its voter gets it once; the topic page shows the timeline; the stop link works', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const id = unique();
  const voter = `follower-${id}@e2e.test`;
  const topic = `Harbour dredging contracts ${id}`;
  const other = `Bus shelter repairs ${id}`;
  const slug = `e2e-progress-${id}`;

  // The editor opens a round with two topics.
  const desk = await signedInPage(browser, ADMIN);
  await desk.goto('/desk/rounds/new');
  await desk.getByLabel('Title', { exact: true }).fill(`What next? ${id}`);
  await desk.getByLabel('Slug (optional)').fill(slug);
  await desk.getByRole('button', { name: 'Create draft round' }).click();
  await desk.waitForURL(/\/desk\/rounds\/[^/?]+\?done=/);
  const roundDesk = desk.url().split('?')[0]!;
  const addForm = desk.locator('form', { has: desk.getByRole('button', { name: 'Add topic' }) });
  for (const t of [topic, other]) {
    await addForm.getByLabel('Title').fill(t);
    await addForm.getByRole('button', { name: 'Add topic' }).click();
    await expect(deskTopicRow(desk, t)).toBeVisible();
  }
  await desk.getByRole('button', { name: 'Open round' }).click();
  await expect(desk.getByRole('status')).toHaveText('Round opened.');

  // A reader becomes a patron and votes: the round page says who can vote and how many did.
  await signIn(page, voter);
  await becomePatron(page);
  await page.goto(`/topics/${slug}`);
  const integrity = page.getByRole('region', { name: 'How this vote works' });
  await expect(integrity.getByText('3 votes, at most one per topic')).toBeVisible();
  await page.getByRole('button', { name: `Vote: ${topic}`, exact: true }).click();
  await expect(page.getByText('Vote counted. 2 of 3 left.')).toBeVisible();
  await page.reload();
  await expect(integrity.getByTestId('turnout')).toContainText('1 patron cast 1 vote');

  // The editor closes the round, commissions the topic, assigns a reporter and posts an update.
  await desk.goto(roundDesk);
  await desk.getByRole('button', { name: 'Close round now' }).click();
  await expect(desk.getByRole('status')).toHaveText('Round closed.');
  await deskTopicRow(desk, topic).getByRole('button', { name: 'Commission' }).click();
  await expect(desk.getByRole('status')).toHaveText('Topic commissioned.');
  await deskTopicRow(desk, topic).getByRole('link', { name: 'Progress and updates' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toContainText(topic);
  await desk.getByLabel('Stage').selectOption('ASSIGNED');
  await desk.getByLabel('Reporter’s name (when assigning)').fill('Maya Ortiz');
  await desk.getByRole('button', { name: 'Save stage' }).click();
  await expect(desk.getByRole('status')).toHaveText('Stage saved.');
  const postedAt = new Date(Date.now() - 1000);
  const update = `Maya filed a records request with the port authority (${id}).`;
  await desk.getByLabel('Update (emailed once to every follower)').fill(update);
  await desk.getByRole('button', { name: 'Post update' }).click();
  await expect(desk.getByRole('status')).toHaveText('Update posted. Followers are being emailed.');

  // The voter follows the topic through their vote: the update arrives, once.
  const mail = await latestEmail(page.request, voter, 'voting-topic-update', postedAt);
  expect(mail.subject).toBe(`Update: “${topic}”`);
  await expect
    .poll(
      async () => {
        await desk.reload();
        return desk.getByRole('cell', { name: 'Sending…' }).count();
      },
      { timeout: 30_000, message: 'the update is marked emailed' },
    )
    .toBe(0);
  expect((await topicUpdateEmails(page, voter)).filter((m) => m.text.includes(update))).toHaveLength(1);

  // The public topic page: timeline, update, and the voter shown as following.
  const topicUrl = mail.links.find((l) => /\/topics\/e2e-progress-[^/]+\/[^/?]+$/.test(l))!;
  expect(topicUrl).toBeTruthy();
  await page.goto(new URL(topicUrl).pathname);
  await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline.locator('li[data-stage="COMMISSIONED"]')).toContainText('Commissioned');
  await expect(timeline.locator('li[data-stage="ASSIGNED"]')).toContainText('Assigned to Maya Ortiz');
  await expect(timeline.locator('li[data-upcoming="true"]')).toHaveText(['Next: reporting', 'Next: published']);
  await expect(page.getByRole('list', { name: 'Updates from the newsroom' })).toContainText(update);
  await expect(page.getByRole('button', { name: 'Following ✓ (unfollow)' })).toBeVisible();

  // The stop link works without signing in; the next update is not emailed to this reader.
  const stopLink = mail.links.find((l) => l.includes('/topic-emails/stop?token='))!;
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(new URL(stopLink).pathname + new URL(stopLink).search);
  await anonymous.getByRole('button', { name: 'Stop topic emails' }).click();
  await expect(anonymous.getByRole('heading', { level: 1, name: 'Topic emails stopped' })).toBeVisible();
  await anonymous.context().close();

  await desk.getByLabel('Update (emailed once to every follower)').fill(`Second update (${id}).`);
  await desk.getByRole('button', { name: 'Post update' }).click();
  await expect(desk.getByRole('status')).toHaveText('Update posted. Followers are being emailed.');
  await expect
    .poll(
      async () => {
        await desk.reload();
        return desk.getByRole('cell', { name: 'Sending…' }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  expect(await topicUpdateEmails(page, voter)).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Follow this topic' })).toBeVisible();
});
