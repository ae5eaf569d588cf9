import { expect, test } from './fixtures';
import { signIn } from './sign-in';

const ADMIN = 'admin@e2e.test'; // ADMIN_EMAILS in playwright.config.ts

test('anonymous visitors are sent to sign in; readers get a 403 at the desk', async ({ page }) => {
  await page.goto('/desk');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdesk/);

  await signIn(page, 'reader@e2e.test');
  const res = await page.goto('/desk');
  expect(res?.status()).toBe(403);
  const preview = await page.request.post('/api/desk/preview', { data: { body: '# hi' } });
  expect(preview.status()).toBe(403);
  expect((await page.request.get('/api/me')).headers()['cache-control']).toContain('no-store');
});

test('a magic link survives a mail scanner preview, signs in once, and cannot be reused', async ({ page, browser }) => {
  await signIn(page, ADMIN, { scannerPreviews: 2 });
  const me = await (await page.request.get('/api/me')).json();
  expect(me.user).toMatchObject({ email: ADMIN, role: 'ADMIN' });

  // The emailed link, used again in a fresh browser after sign-in, is refused with a clear message.
  const { messages } = await (await page.request.get(`/api/dev/mailbox?to=${encodeURIComponent(ADMIN)}`)).json();
  const link: string = messages[0].links.find((l: string) => l.includes('/signin/confirm'));
  const other = await browser.newPage();
  await other.goto(link);
  await other.getByRole('button', { name: `Sign in as ${ADMIN}` }).click();
  await expect(other.locator('body')).toContainText(/expired or was already used/i);
  expect((await (await other.request.get('/api/me')).json()).user).toBeNull();
  await other.close();
});

test('the desk refuses invalid articles, publishes a valid one, and edits refresh the cached page', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/desk/articles/new');
  const title = `Night buses return to Eastbank ${Date.now()}`;

  // A taken slug is refused with a message; nothing is saved and typed values stay.
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Slug').fill('can-you-swim-in-the-ashwater');
  await page.getByLabel('Standfirst').fill('Three routes are back from Monday.');
  await page.getByLabel('Body (Markdown)').fill('The city restored **three** night routes.\n\n<script>alert(1)</script>');
  await page.getByLabel('Section').selectOption({ label: 'City Hall' });
  await page.getByLabel('Ana Ruiz').check();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.locator('body')).toContainText(/That slug is already used by/);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);

  const slug = `night-buses-${Date.now()}`;
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('article-status')).toContainText(/published/i);

  // Anonymous readers see it, sanitised.
  const anon = await page.context().browser()!.newPage();
  await anon.goto(`/articles/${slug}`);
  await expect(anon.locator('h1')).toHaveText(title);
  expect(await anon.content()).not.toContain('<script>alert(1)</script>');

  // An edit refreshes the cached page.
  await page.getByLabel('Title', { exact: true }).fill(`${title} (updated)`);
  await page.getByRole('button', { name: 'Save and keep published' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(`${title} (updated)`);
  await expect
    .poll(
      async () => {
        await anon.goto(`/articles/${slug}`);
        return anon.locator('h1').textContent();
      },
      { timeout: 20_000 },
    )
    .toBe(`${title} (updated)`);

  // Unpublishing takes it off the site.
  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect(page.getByTestId('article-status')).toContainText(/draft/i);
  await expect.poll(async () => (await anon.goto(`/articles/${slug}`))?.status(), { timeout: 20_000 }).toBe(404);
  await anon.close();
});

test('the team page demotes admins, but explains why a listed admin is changed in the settings', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/desk/team');
  await page.getByLabel('Email address').fill(ADMIN);
  await page.getByRole('button', { name: 'Demote admin' }).click();
  const error = page.locator('#team-email-error');
  await expect(error).toContainText('listed in ADMIN_EMAILS');
  await page.getByLabel('Email address').fill('not-staff@e2e.test');
  await page.getByRole('button', { name: 'Demote admin' }).click();
  await expect(error).toHaveText('not-staff@e2e.test is not an admin.');
  expect((await (await page.request.get('/api/me')).json()).user).toMatchObject({ email: ADMIN, role: 'ADMIN' });
});
