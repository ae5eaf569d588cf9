/**
 * Keyboard only (issue #16, WCAG 2.1.1 and 2.4.7): a reader uses the skip link, signs in, chooses a
 * tier and pays, votes on a topic and dismisses the support banner with Tab, Shift+Tab, Enter and
 * Space; no clicks. Every element that takes focus on the way shows a focus indicator (a computed
 * outline or box-shadow). Opening the emailed sign-in link uses page.goto: it stands for the reader's
 * mail program. Sorts after "dashboard": it adds a patron.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, scanA11y, test } from './fixtures';
import { latestEmail, warmUpSignIn } from './sign-in';

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

/** The focused element, and whether it shows a focus indicator. */
async function focused(page: Page): Promise<{ tag: string; visible: boolean; html: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', visible: false, html: '<body>' };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none';
    return { tag: el.tagName.toLowerCase(), visible: outline || shadow, html: el.outerHTML.slice(0, 160) };
  });
}

async function expectFocusVisible(page: Page): Promise<void> {
  const f = await focused(page);
  expect(f.visible, `focus indicator on ${f.html} (${page.url()})`).toBe(true);
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluateAll((els) => els.some((el) => el === document.activeElement));
}

/**
 * Presses Tab (or Shift+Tab) until `target` (any element it matches) has focus, checking the focus
 * indicator of every element passed on the way (not on the Stripe stand-in's pages: test equipment).
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 60, checkFocus = true } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if ((await focused(page)).tag !== 'body' && checkFocus) await expectFocusVisible(page);
    if (await isFocused(target)) return;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} did not reach ${target} in ${max} presses on ${page.url()}`);
}

test.beforeAll(async ({ browser }) => {
  await warmUpSignIn(browser);
});

test('keyboard only: skip link, sign in, dismiss the banner, choose a tier and pay, vote', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `keys-${unique()}@e2e.test`;

  // The skip link: among the first stops (after the test-mode ribbon's mailbox link), and it leads into <main>.
  await page.goto('/');
  await expect(page.locator('main')).toBeVisible();
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await tabTo(page, skip, { max: 3 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press('Tab');
  await expectFocusVisible(page);
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);

  // Sign in from the header.
  await tabTo(page, page.locator('header').getByRole('link', { name: 'Sign in' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signin/);
  const field = page.getByLabel('Email address');
  await tabTo(page, field);
  // Sending the form empty: the error summary takes focus and its link leads back to the field.
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Please check the form' });
  await expect(summary).toBeFocused();
  await expectFocusVisible(page);
  await scanA11y(page, 'sign-in form with an error summary');
  await tabTo(page, summary.getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await expectFocusVisible(page);
  const requestedAt = new Date(Date.now() - 1000);
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signin\/check-email/, { timeout: 30_000 });
  const mail = await latestEmail(page.request, email, 'magic-link', requestedAt);
  await page.goto(mail.links.find((l) => l.includes('/signin/confirm'))!);
  await tabTo(page, page.getByRole('button', { name: `Sign in as ${email}` }));
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/signin') && !url.pathname.startsWith('/api/auth'));

  // Dismiss the support banner (shown to readers who are not patrons yet): it is the last thing on the
  // page, so Shift+Tab from the top reaches it. Reloaded after, so that focus starts from the top again.
  const banner = page.getByRole('complementary', { name: 'Support our journalism' });
  await expect(banner).toBeVisible();
  await tabTo(page, banner.getByRole('button', { name: 'Dismiss this message for 30 days' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(banner).toBeHidden();
  await page.goto(page.url());
  await expect(banner).toBeHidden();

  // Choose a tier on /support, reached from the header.
  await expect(page.locator('header').getByRole('link', { name: 'Account' })).toBeVisible();
  await tabTo(page, page.locator('header').getByRole('link', { name: 'Support us' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/support/);
  const tierButton = page.getByRole('button', { name: /^Become an? .+ patron$/ }).first();
  await expect(tierButton).toBeVisible();
  await tabTo(page, tierButton);
  await page.keyboard.press('Enter');

  // Pay on the stand-in's hosted Checkout, by keyboard too (its focus styles are the stand-in's, not checked).
  await expect(page).toHaveURL(/\/checkout\/cs_/);
  for (const [label, text] of [
    ['Card number', '4242 4242 4242 4242'],
    ['Expiry (MM / YY)', '12 / 40'],
    ['CVC', '123'],
    ['Cardholder name', 'Keyboard Reader'],
  ] as const) {
    await tabTo(page, page.getByLabel(label, { exact: true }), { checkFocus: false });
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/support\/success\?session_id=cs_/, { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('You are now a', { timeout: 45_000 });

  // Vote on a topic of the open round, reached from the header.
  await tabTo(page, page.locator('header').getByRole('link', { name: 'Vote', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/topics$/);
  const voteButtons = page.getByRole('button', { name: /^Vote: / });
  await expect(voteButtons.first()).toBeEnabled({ timeout: 20_000 });
  await tabTo(page, voteButtons, { max: 120 });
  const topicTitle = (await page.evaluate(() => document.activeElement!.getAttribute('aria-label')))!.replace(/^Vote: /, '');
  await page.keyboard.press('Space');
  const topic = page.locator('li[data-topic-id]', { has: page.getByRole('heading', { name: topicTitle, exact: true }) });
  await expect(topic.getByRole('status')).toContainText('Vote counted.');
});
