import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// Patron voting journeys through the real app: rounds and topics are run from the desk by an editor
// (admin@e2e.test, ADMIN_EMAILS in playwright.config.ts); readers become patrons through the local Stripe
// stand-in's hosted checkout (started with POST /api/checkout, not the /support UI) and its webhooks.

const ADMIN = 'admin@e2e.test';
const STAND_IN_PORT = Number(process.env.E2E_PORT ?? 3200) + 1000;

type Me = { user: { email: string } | null; isPatron: boolean; patronState: string };

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

/** datetime-local value in the newsroom's time zone, which the desk form uses (the e2e server sets no SITE_TIMEZONE: UTC). */
function localInput(d: Date): string {
  return d.toISOString().slice(0, 16);
}

/** A fresh browser context (own cookies) signed in as `email`. */
async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await warmUpSignIn(browser);
});

// ------------------------------------------------------------------------------------------------
// Desk helpers (editor)
// ------------------------------------------------------------------------------------------------

type DeskRound = { id: string; slug: string; title: string };

/** Creates a draft round in the desk, adds `topics`, opens it. Leaves `desk` on the round's desk page. */
async function createOpenRound(desk: Page, opts: { title: string; slug: string; topics: string[]; closesAt?: Date }): Promise<DeskRound> {
  await desk.goto('/desk/rounds/new');
  await desk.getByLabel('Title', { exact: true }).fill(opts.title);
  await desk.getByLabel('Slug (optional)').fill(opts.slug);
  await desk.getByLabel('Votes per patron (1–10)').fill('3');
  await desk.getByLabel('Suggestions per patron (0–10)').fill('2');
  if (opts.closesAt) await desk.getByLabel('Closes at').fill(localInput(opts.closesAt));
  await desk.getByRole('button', { name: 'Create draft round' }).click();
  await desk.waitForURL(/\/desk\/rounds\/[^/?]+\?done=/);
  await expect(desk.getByRole('status')).toHaveText('Round created as a draft.');
  const id = /\/desk\/rounds\/([^/?]+)/.exec(desk.url())![1]!;

  const addForm = desk.locator('form', { has: desk.getByRole('button', { name: 'Add topic' }) });
  for (const t of opts.topics) {
    await addForm.getByLabel('Title').fill(t);
    await addForm.getByRole('button', { name: 'Add topic' }).click();
    await expect(deskTopicRow(desk, t)).toBeVisible();
  }
  await desk.getByRole('button', { name: 'Open round' }).click();
  await expect(desk.getByRole('status')).toHaveText('Round opened.');
  await expect(desk.getByRole('heading', { level: 1 })).toContainText('OPEN');
  return { id, slug: opts.slug, title: opts.title };
}

function deskTopicRow(desk: Page, title: string): Locator {
  return desk.locator('tbody tr', { has: desk.locator('strong', { hasText: title }) });
}

async function closeRoundInDesk(desk: Page, round: DeskRound, commitment: string): Promise<void> {
  await desk.goto(`/desk/rounds/${round.id}`);
  await desk.getByLabel('What the newsroom commits to (shown with the results)').fill(commitment);
  await desk.getByRole('button', { name: 'Close round now' }).click();
  await expect(desk.getByRole('status')).toHaveText('Round closed.');
  await expect(desk.getByRole('heading', { level: 1 })).toContainText('CLOSED');
}

// ------------------------------------------------------------------------------------------------
// Becoming a patron (no /support UI: POST /api/checkout, then the stand-in's hosted checkout)
// ------------------------------------------------------------------------------------------------

type CheckoutFields = { tierId: string; currency: string; interval: string; amount: string; tierName: string };

/** The Reader tier's checkout fields, as the /support page renders them in its tier forms. */
async function readerTierFromSupportPage(page: Page): Promise<CheckoutFields> {
  let html = '';
  await expect
    .poll(
      async () => {
        html = await (await page.request.get('/support')).text();
        return html.includes('name="tierId"');
      },
      { timeout: 20_000, message: '/support lists at least one tier (demo tiers seeded at start-up)' },
    )
    .toBe(true);
  const forms = [...html.matchAll(/<form[^>]*action="\/api\/checkout"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!);
  const fields = forms.map((f) => {
    const inputs: Record<string, string> = {};
    for (const tag of f.match(/<input[^>]*>/g) ?? []) {
      const name = /\bname="([^"]*)"/.exec(tag)?.[1];
      const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
      if (name && value !== undefined) inputs[name] = value;
    }
    const tierName = /Become a (.+?) patron/.exec(f)?.[1] ?? '';
    return {
      tierId: inputs.tierId ?? '',
      currency: inputs.currency ?? '',
      interval: inputs.interval ?? '',
      amount: inputs.amount ?? '',
      tierName,
    };
  });
  const reader = fields.find((f) => f.tierName === 'Reader' && f.tierId) ?? fields.find((f) => f.tierId);
  expect(reader, 'a tier form on /support').toBeTruthy();
  return reader!;
}

/** Signed-in `page` pays for the Reader tier (monthly) and waits until the webhook made them a patron. */
async function becomePatron(page: Page): Promise<void> {
  const tier = await readerTierFromSupportPage(page);
  const res = await page.request.post('/api/checkout', {
    data: {
      mode: 'subscription',
      tierId: tier.tierId,
      currency: tier.currency || 'eur',
      interval: tier.interval || 'MONTH',
      amount: tier.amount,
      placement: 'topics',
    },
  });
  const body = (await res.json()) as { url?: string; error?: string };
  expect(res.status(), `checkout answered: ${JSON.stringify(body)}`).toBe(200);
  expect(body.url).toBeTruthy();
  await page.goto(body.url!);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${STAND_IN_PORT}/checkout/cs_`));
  await expect(page.getByText('TEST MODE')).toBeVisible();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 40');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('E2E Voter');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL(/\/support\/success\?session_id=cs_/);
  await expect
    .poll(async () => ((await (await page.request.get('/api/me')).json()) as Me).isPatron, {
      timeout: 30_000,
      message: 'the webhook makes them a patron',
    })
    .toBe(true);
}

// ------------------------------------------------------------------------------------------------
// Public round page helpers
// ------------------------------------------------------------------------------------------------

function topicItem(page: Page, title: string): Locator {
  return page.locator('li[data-topic-id]', { has: page.getByRole('heading', { level: 3, name: title }) });
}

const budgetLine = (page: Page) => page.getByText(/You have \d+ of \d+ votes? left in this round\./);

// ------------------------------------------------------------------------------------------------
// Journey 1
// ------------------------------------------------------------------------------------------------

test('a patron votes, is refused a fourth vote, withdraws and re-votes; the editor closes, commissions and publishes; the voter is told', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const id = unique();
  const voter = `voter-${id}@e2e.test`;
  const T = { ferry: `Ferry timetable ${id}`, library: `Library hours ${id}`, rent: `Rent increases ${id}`, school: `School meals ${id}` };

  const desk = await signedInPage(browser, ADMIN);
  const round = await createOpenRound(desk, {
    title: `What next? ${id}`,
    slug: `e2e-vote-${id}`,
    topics: [T.ferry, T.library, T.rent, T.school],
  });

  await signIn(page, voter);
  await becomePatron(page);

  await page.goto(`/topics/${round.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: round.title })).toBeVisible();
  await expect(budgetLine(page)).toHaveText('You have 3 of 3 votes left in this round.');
  // A second tab of the same patron, loaded before the budget is spent (a stale page).
  const stale = await page.context().newPage();
  await stale.goto(`/topics/${round.slug}`);
  await expect(stale.getByRole('button', { name: `Vote: ${T.school}`, exact: true })).toBeEnabled();

  // Three votes.
  const left = [2, 1, 0];
  for (const [i, t] of [T.ferry, T.library, T.rent].entries()) {
    await page.getByRole('button', { name: `Vote: ${t}`, exact: true }).click();
    await expect(topicItem(page, t).getByRole('status')).toHaveText(`Vote counted. ${left[i]} of 3 left.`);
    await expect(topicItem(page, t).getByRole('button', { name: `Withdraw vote: ${t}`, exact: true })).toBeVisible();
  }
  await expect(budgetLine(page)).toHaveText('You have 0 of 3 votes left in this round.');
  await expect(page.getByRole('button', { name: `Vote: ${T.school}`, exact: true })).toBeDisabled();

  // The fourth is refused, with an explanation: from the stale tab (the button there is still enabled)...
  await stale.getByRole('button', { name: `Vote: ${T.school}`, exact: true }).click();
  await expect(topicItem(stale, T.school).getByRole('status')).toHaveText(
    'You have used all 3 of your votes in this round. Withdraw one to vote for something else.',
  );
  // ...and through the API.
  const schoolId = await topicItem(page, T.school).getAttribute('data-topic-id');
  const refused = await page.request.post('/api/votes', { data: { topicId: schoolId, action: 'cast' } });
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({ code: 'BUDGET', error: expect.stringMatching(/used all 3 of your votes/) });
  await stale.close();

  // Withdraw one, vote again.
  await page.getByRole('button', { name: `Withdraw vote: ${T.library}`, exact: true }).click();
  await expect(topicItem(page, T.library).getByRole('status')).toHaveText('Vote withdrawn. 1 of 3 left.');
  await expect(budgetLine(page)).toHaveText('You have 1 of 3 votes left in this round.');
  await page.getByRole('button', { name: `Vote: ${T.school}`, exact: true }).click();
  await expect(topicItem(page, T.school).getByRole('status')).toHaveText('Vote counted. 0 of 3 left.');
  await expect(budgetLine(page)).toHaveText('You have 0 of 3 votes left in this round.');

  // The editor closes the round and commissions the winner (ties share first place; Ferry sorts first).
  await closeRoundInDesk(desk, round, 'We will report on the ferry timetable first.');
  await expect(desk.getByText('1 patron cast 3 votes.')).toBeVisible();
  await deskTopicRow(desk, T.ferry).getByRole('button', { name: 'Commission' }).click();
  await expect(desk.getByRole('status')).toHaveText('Topic commissioned.');
  await expect(deskTopicRow(desk, T.ferry).getByRole('cell', { name: 'COMMISSIONED', exact: true })).toBeVisible();

  // The article: written as a draft, linked to the topic, then published.
  const slug = `ferry-timetable-${id}`;
  const articleTitle = `The ferry timetable, explained ${id}`;
  await desk.goto('/desk/articles/new');
  await desk.getByLabel('Title', { exact: true }).fill(articleTitle);
  await desk.getByLabel('Slug').fill(slug);
  await desk.getByLabel('Standfirst').fill('Patrons asked; we found out.');
  await desk.getByLabel('Body (Markdown)').fill('Boats leave **every hour**.');
  await desk.getByLabel('Section').selectOption({ label: 'City Hall' });
  await desk.getByLabel('Ana Ruiz').check();
  await desk.getByRole('button', { name: 'Save draft' }).click();
  await expect(desk.getByTestId('article-status')).toContainText(/draft/i);
  const articleDeskUrl = desk.url();

  await desk.goto(`/desk/rounds/${round.id}`);
  await deskTopicRow(desk, T.ferry).getByLabel(`Article slug for ${T.ferry}`).fill(slug);
  await deskTopicRow(desk, T.ferry).getByRole('button', { name: 'Link article' }).click();
  await expect(desk.getByRole('status')).toHaveText('Article linked; voters are emailed when it is published.');

  const beforePublish = new Date(Date.now() - 1000);
  await desk.goto(articleDeskUrl);
  await desk.getByRole('button', { name: 'Publish now' }).click();
  await expect(desk.getByTestId('article-status')).toContainText(/published/i);

  // The voter's mailbox has the email with the article link.
  const mail = await latestEmail(page.request, voter, 'voting-topic-published', beforePublish);
  expect(mail.subject).toContain(articleTitle);
  const articleLink = mail.links.find((l) => l.endsWith(`/articles/${slug}`));
  expect(articleLink, `email links: ${mail.links.join(', ')}`).toBeTruthy();
  // Exactly one such email (no duplicates from link + publish).
  const { messages } = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(voter)}`)).json()) as {
    messages: { kind: string }[];
  };
  expect(messages.filter((m) => m.kind === 'voting-topic-published')).toHaveLength(1);

  // The article page shows the mark, linking to the round.
  await page.goto(new URL(articleLink!).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(articleTitle);
  const mark = page.getByRole('link', { name: 'Commissioned by 1 patron', exact: true });
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute('href', `/topics/${round.slug}`);

  // The closed round's public page: ranked results.
  await mark.click();
  await expect(page).toHaveURL(new RegExp(`/topics/${round.slug}$`));
  await expect(page.locator('section[aria-labelledby="round-title"] > .kicker')).toHaveText('Results');
  await expect(page.getByText(/^Closed .* 1 patron cast 3 votes\.$/)).toBeVisible();
  await expect(page.getByText('We will report on the ferry timetable first.')).toBeVisible();
  const headings = page.locator('li[data-topic-id] h3');
  await expect(headings).toHaveText([`1. ${T.ferry}`, `1. ${T.rent}`, `1. ${T.school}`, `4. ${T.library}`]);
  await expect(topicItem(page, T.ferry).getByText('1 vote', { exact: true })).toBeVisible();
  await expect(topicItem(page, T.library).getByText('0 votes', { exact: true })).toBeVisible();
  await expect(topicItem(page, T.ferry).locator('[data-status="PUBLISHED"]')).toHaveText('Published');
  await expect(topicItem(page, T.ferry).getByRole('link', { name: articleTitle })).toHaveAttribute('href', `/articles/${slug}`);
  await expect(page.getByRole('button', { name: /^(Vote|Withdraw vote):/ })).toHaveCount(0);

  await desk.context().close();
});

// ------------------------------------------------------------------------------------------------
// Journey 2
// ------------------------------------------------------------------------------------------------

test('a reader picks a topic on /topics, becomes a patron through checkout, and finds the pick counted as a vote', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const id = unique();
  const reader = `picker-${id}@e2e.test`;
  const T = { parks: `Park maintenance ${id}`, potholes: `Potholes on Mill Road ${id}` };

  // Closes soonest of the open rounds, so it is the one /topics shows.
  const desk = await signedInPage(browser, ADMIN);
  const round = await createOpenRound(desk, {
    title: `Picks round ${id}`,
    slug: `e2e-picks-${id}`,
    topics: [T.parks, T.potholes],
    closesAt: new Date(Date.now() + 3 * 3_600_000),
  });
  await desk.context().close();

  await signIn(page, reader);
  await page.goto('/topics');
  await expect(page.getByRole('heading', { level: 1, name: round.title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Become a patron to vote' })).toBeVisible();
  await expect(budgetLine(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Vote: ${T.parks}`, exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: `Pick this topic: ${T.potholes}`, exact: true }).click();
  await expect(topicItem(page, T.potholes).getByRole('status')).toHaveText(
    'Remembered. Become a patron and this pick turns into your vote.',
  );
  await expect(page.getByRole('button', { name: `Picked ✓ (remove): ${T.potholes}`, exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: `Picked ✓ (remove): ${T.potholes}`, exact: true })).toBeVisible();
  await expect(topicItem(page, T.potholes).getByText('0 votes', { exact: true })).toBeVisible();

  await becomePatron(page);

  // The pick became a vote when the first payment landed (invoice.paid webhook).
  await expect(async () => {
    await page.goto('/topics');
    await expect(budgetLine(page)).toHaveText('You have 2 of 3 votes left in this round.', { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  await expect(page.getByRole('heading', { level: 1, name: round.title })).toBeVisible();
  await expect(page.getByRole('button', { name: `Withdraw vote: ${T.potholes}`, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `Vote: ${T.parks}`, exact: true })).toBeEnabled();
  await expect(topicItem(page, T.potholes).getByText('1 vote', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Become a patron to vote' })).toHaveCount(0);
});

// ------------------------------------------------------------------------------------------------
// Journey 3
// ------------------------------------------------------------------------------------------------

test('bad input: a suggested <script> stays literal text; voting on a closed round is refused with JSON', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const id = unique();
  const patron = `suggester-${id}@e2e.test`;
  const topic = `Council minutes online ${id}`;
  const nasty = `<script>alert(1)</script> in the minutes ${id}`;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const desk = await signedInPage(browser, ADMIN);
  desk.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const round = await createOpenRound(desk, { title: `Bad input round ${id}`, slug: `e2e-bad-${id}`, topics: [topic] });

  // The API refuses anonymous and malformed requests with JSON messages.
  const anon = await page.request.post('/api/votes', { data: { topicId: 'x', action: 'cast' } });
  expect(anon.status()).toBe(401);
  expect((await anon.json()).error).toBeTruthy();

  await signIn(page, patron);
  await becomePatron(page);

  const notJson = await page.request.post('/api/votes', { headers: { 'content-type': 'text/plain' }, data: 'topicId=x' });
  expect(notJson.status()).toBe(415);
  expect(await notJson.json()).toMatchObject({ code: 'INVALID', error: expect.any(String) });
  const badAction = await page.request.post('/api/votes', { data: { topicId: 'x', action: 'delete-everything' } });
  expect(badAction.status()).toBe(400);
  expect(await badAction.json()).toMatchObject({ code: 'INVALID', error: 'action must be cast, withdraw, pick or unpick' });
  const unknown = await page.request.post('/api/votes', { data: { topicId: 'no-such-topic', action: 'cast' } });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ code: 'UNKNOWN_TOPIC', error: expect.any(String) });

  // The patron suggests a topic with markup in it.
  await page.goto(`/topics/${round.slug}`);
  const suggest = page.locator('form', { has: page.getByRole('button', { name: 'Suggest this topic' }) });
  await suggest.getByLabel('Topic').fill(nasty);
  await suggest.getByLabel('Why it matters (optional)').fill('<b>not bold</b>');
  await suggest.getByRole('button', { name: 'Suggest this topic' }).click();
  await expect(suggest.getByRole('status')).toHaveText('Thank you. Your suggestion will appear once an editor has reviewed it.');
  await expect(page.getByRole('listitem').filter({ hasText: 'Awaiting review' })).toContainText(nasty);

  // The editor approves it; the desk shows it as text.
  await desk.goto(`/desk/rounds/${round.id}`);
  await expect(deskTopicRow(desk, nasty)).toBeVisible();
  await deskTopicRow(desk, nasty).getByRole('button', { name: 'Approve' }).click();
  await expect(desk.getByRole('status')).toHaveText('Topic approved: open for votes.');
  await expect(desk.locator('strong', { hasText: nasty })).toHaveText(nasty);

  // Public page: literal text, no script ran, no markup injected.
  await page.goto(`/topics/${round.slug}`);
  await expect(page.getByRole('heading', { level: 3, name: nasty })).toBeVisible();
  await expect(topicItem(page, nasty).locator('p').first()).toHaveText('<b>not bold</b>');
  await expect(topicItem(page, nasty).locator('script, b')).toHaveCount(0);
  expect(await page.content()).not.toContain('<script>alert(1)</script>');
  const nastyId = await topicItem(page, nasty).getAttribute('data-topic-id');
  const topicId = await topicItem(page, topic).getAttribute('data-topic-id');
  // It can be voted for, like any open topic.
  await page.getByRole('button', { name: `Vote: ${nasty}`, exact: true }).click();
  await expect(topicItem(page, nasty).getByRole('status')).toHaveText('Vote counted. 2 of 3 left.');

  // The round closes; votes (and withdrawals, and picks) on it are refused with a JSON message.
  await closeRoundInDesk(desk, round, '');
  for (const [topicIdToTry, action] of [
    [topicId, 'cast'],
    [nastyId, 'withdraw'],
    [topicId, 'pick'],
  ] as const) {
    const res = await page.request.post('/api/votes', { data: { topicId: topicIdToTry, action } });
    expect(res.status(), `${action} on a closed round`).toBe(409);
    expect(res.headers()['content-type']).toContain('application/json');
    expect(await res.json()).toMatchObject({ code: 'ROUND_CLOSED', error: 'This round has closed. Voting is no longer possible.' });
  }
  await page.goto(`/topics/${round.slug}`);
  await expect(page.getByRole('heading', { level: 3, name: `1. ${nasty}` })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Vote|Withdraw vote):/ })).toHaveCount(0);

  // The other order: an article already published (and its page cached) is linked afterwards. The
  // voter is emailed at once (escaped HTML) and the article page gains the mark.
  const slug = `council-minutes-${id}`;
  const articleTitle = `Council minutes are now online ${id}`;
  await desk.goto('/desk/articles/new');
  await desk.getByLabel('Title', { exact: true }).fill(articleTitle);
  await desk.getByLabel('Slug').fill(slug);
  await desk.getByLabel('Standfirst').fill('You asked for it.');
  await desk.getByLabel('Body (Markdown)').fill('All of them, searchable.');
  await desk.getByLabel('Section').selectOption({ label: 'City Hall' });
  await desk.getByLabel('Ana Ruiz').check();
  await desk.getByRole('button', { name: 'Publish now' }).click();
  await expect(desk.getByTestId('article-status')).toContainText(/published/i);
  await page.goto(`/articles/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(articleTitle);
  await expect(page.getByRole('link', { name: /^Commissioned by/ })).toHaveCount(0);

  const beforeLink = new Date(Date.now() - 1000);
  await desk.goto(`/desk/rounds/${round.id}`);
  await deskTopicRow(desk, nasty).getByLabel(`Article slug for ${nasty}`).fill(slug);
  await deskTopicRow(desk, nasty).getByRole('button', { name: 'Link article' }).click();
  await expect(desk.getByRole('status')).toHaveText('Article linked; topic published; 1 voter emailed.');
  const mail = await latestEmail(page.request, patron, 'voting-topic-published', beforeLink);
  expect(mail.links.some((l) => l.endsWith(`/articles/${slug}`))).toBe(true);
  const { messages } = (await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(patron)}`)).json()) as {
    messages: { id: string; html: string; text: string }[];
  };
  const full = messages.find((m) => m.id === mail.id)!;
  expect(full.text).toContain(nasty);
  expect(full.html).not.toContain('<script>alert(1)</script>');
  expect(full.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  await expect(async () => {
    await page.goto(`/articles/${slug}`);
    await expect(page.getByRole('link', { name: 'Commissioned by 1 patron', exact: true })).toHaveAttribute(
      'href',
      `/topics/${round.slug}`,
      { timeout: 1000 },
    );
  }).toPass({ timeout: 20_000, intervals: [500, 1000, 2000] });

  expect(dialogs, 'no alert() ran').toEqual([]);
  await desk.context().close();
});
