import { expect, scanA11y, test } from './fixtures';
import { signIn, warmUpSignIn } from './sign-in';

// Issue #16: the audience desk pages (newsletters, campaigns, spending, pay it forward, referrals,
// cancellation offers) in the staff member's language; a campaign's Ukrainian title on /uk pages.

const ADMIN = 'admin@e2e.test'; // ADMIN_EMAILS in playwright.config.ts
const utcMinute = (d: Date) => d.toISOString().slice(0, 16);

test.beforeAll(async ({ browser }) => {
  await warmUpSignIn(browser);
});

test('an admin switches the desk to Ukrainian, works the audience pages in it, and a campaign’s Ukrainian title reaches /uk', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  await page.goto('/desk/newsletters');
  await expect(page.getByRole('heading', { level: 1, name: 'Newsletters' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Українська' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Розсилки' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page).toHaveTitle(/^Розсилки · Редакція/);
  await expect(page.getByRole('columnheader', { name: 'Чекають на підтвердження' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Створити розсилку' })).toBeVisible();
  await scanA11y(page, 'newsletters in Ukrainian');

  // A newsletter of the demo newsroom: its page, and the new-issue form with its Ukrainian fields.
  await page.locator('table a').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Новий випуск' })).toBeVisible();
  await expect(page.getByLabel('Тема українською (необов’язково)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Усі розсилки' })).toBeVisible();

  // Every other audience page speaks Ukrainian (each state is scanned by the fixtures).
  await page.goto('/desk/pay-it-forward');
  await expect(page.getByRole('heading', { level: 1, name: 'Оплата наперед за інших' })).toBeVisible();
  await expect(page.getByText(/^У фонді: /)).toBeVisible();
  await page.goto('/desk/referrals');
  await expect(page.getByRole('heading', { level: 1, name: 'Запрошення' })).toBeVisible();
  await expect(page.getByLabel('Винагороджувати авторів запрошень безкоштовним місяцем')).toBeVisible();
  await page.goto('/desk/retention');
  await expect(page.getByRole('heading', { level: 1, name: 'Пропозиції при скасуванні' })).toBeVisible();
  await expect(page.getByLabel(/^Пропозиція паузи/)).toBeVisible();

  // Spending: a refused amount is explained in Ukrainian, next to its field.
  await page.goto('/desk/spending');
  await expect(page.getByRole('heading', { level: 1, name: 'Витрати' })).toBeVisible();
  await page.getByLabel(/^Сума/).fill('not money');
  await page.getByRole('button', { name: 'Зберегти' }).click();
  await expect(page.locator('#spending-amount-error')).toHaveText(/^Введіть суму, наприклад 12500/);
  await expect(page.getByText('Виправте позначені поля.')).toBeVisible();
  await scanA11y(page, 'spending refused in Ukrainian');

  // Campaigns: a refusal in Ukrainian, then a campaign with a Ukrainian title. It ends in a few
  // minutes, so it is the campaign shown now and is over before later specs set up their own.
  await page.goto('/desk/campaigns');
  await expect(page.getByRole('heading', { level: 1, name: 'Кампанії' })).toBeVisible();
  const stamp = Date.now();
  const title = `Ferry fund ${stamp}`;
  const titleUk = `Фонд порома ${stamp}`;
  await page.getByLabel('Назва', { exact: true }).fill(title);
  await page.getByLabel(/^Назва українською/).fill(titleUk);
  await page.getByLabel('Початок (UTC)').fill(utcMinute(new Date(stamp - 3600_000)));
  await page.getByLabel('Кінець (UTC)').fill(utcMinute(new Date(stamp - 7200_000)));
  await page.getByLabel('Мета', { exact: true }).selectOption('patrons');
  await page.getByLabel(/^Значення мети/).fill('100');
  await page.getByRole('button', { name: 'Зберегти кампанію' }).click();
  await expect(page.getByText('Кампанія має закінчуватися пізніше, ніж починається.')).toBeVisible();
  // What was typed is still there: only the end needs correcting.
  await expect(page.getByLabel(/^Назва українською/)).toHaveValue(titleUk);
  await scanA11y(page, 'campaign refused in Ukrainian');
  await page.getByLabel('Кінець (UTC)').fill(utcMinute(new Date(stamp + 3 * 60_000)));
  await page.getByRole('button', { name: 'Зберегти кампанію' }).click();
  await expect(page.getByText(`Кампанію «${title}» збережено.`)).toBeVisible();
  await expect(page.getByRole('cell', { name: titleUk })).toBeVisible();
  await expect(page.getByRole('cell', { name: /з \d{4}-\d\d-\d\d \d\d:\d\d до / }).first()).toBeVisible();
  await scanA11y(page, 'campaign saved in Ukrainian');

  // Readers: /uk shows the Ukrainian title, the English site the English one (fresh browsers: the endpoint is cached briefly).
  const barTitle = async (path: string) => {
    const context = await browser.newContext();
    const reader = await context.newPage();
    await reader.goto(path);
    const bar = reader.getByTestId('campaign-progress');
    await expect(bar).toBeVisible();
    const text = await bar.locator('.campaign-progress__title').innerText();
    await context.close();
    return text;
  };
  expect(await barTitle('/uk/support')).toBe(titleUk);
  expect(await barTitle('/support')).toBe(title);

  // Back to English (the admin's account keeps the choice; later specs expect the English desk).
  await page.getByRole('navigation', { name: 'Мова' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
