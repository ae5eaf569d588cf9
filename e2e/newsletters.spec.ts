import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { payForFirstTier } from './checkout';
import { latestEmail, signIn, warmUpSignIn } from './sign-in';

// Newsletters through the real app (issue #14): a reader signs up from an article (double opt-in:
// the confirmation is in the local mailbox), the editor sends that article to the newsletter from
// /desk, the reader receives it, and a one-click unsubscribe (a POST without cookies, as mail
// providers send it) works; a patrons-only letter never reaches a reader who is not a patron.

const ADMIN = 'admin@e2e.test';
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

type OutboxList = { messages: { kind: string; subject: string; text: string; links: string[] }[] };

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

async function mailbox(page: Page, to: string) {
  return ((await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}&limit=50`)).json()) as OutboxList).messages;
}

/** The editor writes an issue of `newsletter` holding `articleTitle`, sends a test, then sends it. Returns the issue's desk page. */
async function sendIssue(desk: Page, newsletter: string, subject: string, articleTitle: string): Promise<string> {
  await desk.goto('/desk/newsletters');
  await desk.getByRole('link', { name: newsletter }).click();
  await desk.getByLabel('Subject line').fill(subject);
  await desk.getByLabel(articleTitle).first().check();
  await desk.getByRole('button', { name: 'Save draft issue' }).click();
  await desk.waitForURL(/\/desk\/newsletters\/issues\/[^/?]+\?done=/);
  const issueUrl = desk.url().split('?')[0]!;
  // The preview is the email's HTML.
  const preview = await desk.request.get(issueUrl.replace('/desk/newsletters/issues/', '/api/desk/newsletters/issues/') + '/preview');
  expect(preview.status()).toBe(200);
  expect(await preview.text()).toContain(articleTitle);
  await desk.getByRole('button', { name: 'Send me a test' }).click();
  await expect(desk.getByRole('status')).toContainText('test copy');
  await desk.getByRole('button', { name: 'Send to subscribers now' }).click();
  await expect(desk.getByRole('status')).toContainText('Sending');
  return issueUrl;
}

/** Waits until every batch of the issue has run (status SENT on its desk page). */
async function issueSent(desk: Page, issueUrl: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await desk.goto(issueUrl);
        return desk.getByTestId('issue-status').getAttribute('data-status');
      },
      { timeout: 30_000 },
    )
    .toBe('SENT');
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await warmUpSignIn(browser);
});

test('a reader signs up from an article, confirms, receives the article the editor sends, and unsubscribes with one click', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const id = unique();
  const reader = `nl-reader-${id}@e2e.test`;

  // An article from the front page; its end-of-article slot offers the free daily briefing.
  await page.goto('/');
  await page.getByTestId('lead-story').locator('a[href^="/articles/"]').first().click();
  await page.waitForURL(/\/articles\//);
  const articleTitle = (await page.locator('h1').first().textContent())!.trim();
  const slot = page.locator('[data-newsletter-slot="end-of-article"]');
  await expect(slot).toContainText('The Morning Briefing');
  await slot.getByLabel('Your email for the newsletter').fill(reader);
  await slot.getByRole('button', { name: 'Sign up' }).click();
  await expect(slot.getByRole('status')).toContainText('If this address is not on the list yet');

  // Double opt-in: the confirmation is the only email, and nothing is subscribed before it is used.
  const confirm = await latestEmail(page.request, reader, 'newsletter-confirm');
  expect((await mailbox(page, reader)).map((m) => m.kind)).toEqual(['newsletter-confirm']);
  const link = confirm.links.find((l) => l.includes('/newsletters/confirm?token='));
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByRole('button', { name: 'Confirm my sign-up' }).click();
  await expect(page.getByText('your sign-up is confirmed')).toBeVisible();

  // Signing up again with the same address gets the same answer and sends nothing.
  const again = await page.request.post('/api/newsletters/subscribe', {
    data: { email: reader, newsletter: 'morning-briefing', source: 'footer' },
  });
  expect(again.status()).toBe(200);
  const same = (await again.json()) as { message: string };
  expect(same.message).toContain('If this address is not on the list yet');

  // The editor sends that article to the briefing.
  const desk = await signedInPage(browser, ADMIN);
  const subject = `Today in Riverside ${id}`;
  const issueUrl = await sendIssue(desk, 'The Morning Briefing', subject, articleTitle);
  const test_ = await latestEmail(desk.request, ADMIN, 'newsletter-test');
  expect(test_.subject).toBe(`[Test] ${subject}`);

  // The reader gets it once, with the article and a link to manage their newsletters.
  await expect
    .poll(async () => (await mailbox(page, reader)).filter((m) => m.kind === 'newsletter' && m.subject === subject).length, {
      timeout: 30_000,
    })
    .toBe(1);
  const issueMail = (await mailbox(page, reader)).find((m) => m.kind === 'newsletter')!;
  expect(issueMail.text).toContain(articleTitle);
  const manage = issueMail.links.find((l) => l.includes('/newsletters/preferences?token='))!;
  expect(manage).toBeTruthy();
  await issueSent(desk, issueUrl);

  // RFC 8058 one-click: the mail provider POSTs to the List-Unsubscribe address, without cookies.
  const token = new URL(manage).searchParams.get('token')!;
  const provider = await playwright.request.newContext({ baseURL });
  const res = await provider.post(`/api/newsletters/unsubscribe?token=${encodeURIComponent(token)}`, {
    form: { 'List-Unsubscribe': 'One-Click' },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ unsubscribed: true });
  await provider.dispose();

  // The preferences page (no sign-in) shows the briefing unticked.
  await page.goto(manage);
  await expect(page.getByRole('checkbox', { name: /The Morning Briefing/ })).not.toBeChecked();
});

test('a patrons-only letter never reaches a reader who is not a patron', async ({ browser }) => {
  test.setTimeout(240_000);
  const id = unique();
  const reader = `nl-nonpatron-${id}@e2e.test`;

  // A signed-in reader (not a patron) chooses the patrons' letter on their account page.
  const page = await signedInPage(browser, reader);
  await page.goto('/account');
  const section = page.getByTestId('account-newsletters');
  await expect(section).toContainText('It is sent only while you are a patron');
  await section.getByRole('checkbox', { name: /Letter from the Editor/ }).check();
  await section.getByRole('button', { name: 'Save newsletter choices' }).click();
  await expect(page.getByText('Your newsletter choices are saved.')).toBeVisible();
  await expect(page.getByTestId('account-newsletters').getByRole('checkbox', { name: /Letter from the Editor/ })).toBeChecked();

  // The editor sends a letter to patrons.
  await page.goto('/');
  await page.getByTestId('lead-story').locator('a[href^="/articles/"]').first().click();
  await page.waitForURL(/\/articles\//);
  const articleTitle = (await page.locator('h1').first().textContent())!.trim();
  const desk = await signedInPage(browser, ADMIN);
  const subject = `For our patrons ${id}`;
  const issueUrl = await sendIssue(desk, 'Letter from the Editor', subject, articleTitle);

  // The send finishes with the reader skipped (patronStatus said no at send time) and nothing in their mailbox.
  await issueSent(desk, issueUrl);
  await expect(desk.getByTestId('issue-progress')).toContainText(/Skipped[^\d]*[1-9]/);
  expect((await mailbox(page, reader)).filter((m) => m.subject === subject)).toEqual([]);
});

test('a new patron takes the patrons’ letter on the success page and receives it', async ({ browser }) => {
  test.setTimeout(240_000);
  const id = unique();
  const patron = `nl-patron-${id}@e2e.test`;
  const page = await signedInPage(browser, patron);

  // Pay for the first tier through the stand-in's hosted checkout; the success page offers the letter.
  await payForFirstTier(page, { placement: 'newsletter', cardholder: 'E2E Newsletter Patron' });
  const offer = page.getByTestId('patron-letter-offer');
  await offer.getByRole('button', { name: 'Get Letter from the Editor' }).click();
  await expect(offer.getByRole('status')).toContainText('will come to your inbox');
  await expect
    .poll(async () => ((await (await page.request.get('/api/me')).json()) as { isPatron: boolean }).isPatron, { timeout: 30_000 })
    .toBe(true);

  // The editor sends a letter to patrons: this patron gets it.
  await page.goto('/');
  await page.getByTestId('lead-story').locator('a[href^="/articles/"]').first().click();
  await page.waitForURL(/\/articles\//);
  const articleTitle = (await page.locator('h1').first().textContent())!.trim();
  const desk = await signedInPage(browser, ADMIN);
  const subject = `Thank you, patrons ${id}`;
  const issueUrl = await sendIssue(desk, 'Letter from the Editor', subject, articleTitle);
  await issueSent(desk, issueUrl);
  const got = (await mailbox(page, patron)).filter((m) => m.kind === 'newsletter' && m.subject === subject);
  expect(got).toHaveLength(1);
  expect(got[0]!.text).toContain('goes to patrons');
});
