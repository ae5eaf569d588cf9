import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

type OutboxMessage = { id: string; subject: string; kind: string; links: string[]; createdAt: string };

/** The newest message in the local outbox for an address, waiting for it to arrive. */
export async function latestEmail(request: APIRequestContext, to: string, kind?: string, after?: Date): Promise<OutboxMessage> {
  let found: OutboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/dev/mailbox?to=${encodeURIComponent(to)}`);
        const { messages } = (await res.json()) as { messages: OutboxMessage[] };
        found = messages.find((m) => (!kind || m.kind === kind) && (!after || new Date(m.createdAt) > after));
        return Boolean(found);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** Signs in through the real email flow: form → outbox → confirm page → button. */
export async function signIn(page: Page, email: string, opts: { scannerPreviews?: number } = {}): Promise<void> {
  const requestedAt = new Date(Date.now() - 1000);
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  const link = mail.links.find((l) => l.includes('/signin/confirm'));
  expect(link, 'the email links to the confirm page').toBeTruthy();
  // Mail scanners fetch links before the person clicks: that must not spend the link.
  for (let i = 0; i < (opts.scannerPreviews ?? 0); i++) expect((await page.request.get(link!)).status()).toBe(200);
  await page.goto(link!);
  await page.getByRole('button', { name: `Sign in as ${email}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin') && !url.pathname.startsWith('/api/auth'));
}

/**
 * The first sign-in after `next start` loads the auth and mail modules, which on a busy 2-core machine
 * can outlast signIn's 10 s wait: specs that sign in do one unhurried request first (in beforeAll).
 */
export async function warmUpSignIn(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin', { timeout: 60_000 });
  await page.getByLabel('Email address').fill('warm-up@e2e.test');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/, { timeout: 60_000 });
  await context.close();
}
