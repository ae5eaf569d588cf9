import type { Page } from '@playwright/test';
import { expect, scanA11y, test } from './fixtures';
import { signIn } from './sign-in';

// The dashboard in Ukrainian (issue #16): an admin picks Українська in the staff header; the
// dashboard and the members pages speak it, with numbers, money and dates the Ukrainian way.

const ADMIN = 'admin@e2e.test'; // ADMIN_EMAILS in playwright.config.ts
const UK_DAY = /^\d{2}\.\d{2}\.\d{4}$/;
// "1 234,50 $": groups of three split by a (no-break) space, a decimal comma, the symbol after.
const UK_DOLLARS = /^−?\d{1,3}(?:[\s\u00a0\u202f]\d{3})*,\d{2}[\s\u00a0]\$$/;

/** Back to English, for this browser and on the account: later specs sign in as the same admin. */
async function backToEnglish(page: Page): Promise<void> {
  await page.goto('/dashboard');
  const english = page.getByRole('navigation', { name: 'Мова' }).getByRole('button', { name: 'English' });
  if (await english.isVisible()) {
    await english.click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
}

test('an admin switches the staff areas to Ukrainian: dashboard, a chart’s table, members and a member page', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto('/dashboard');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Supporters');

  try {
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Українська' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Прихильники');
    await expect(page.getByRole('heading', { level: 2, name: 'Основні показники' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Раунди тем' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Учасники' }).first()).toBeVisible();
    await expect(page.getByTestId('figure-activePatrons')).toContainText('Активні патрони');
    // MRR in the reporting currency (USD), written the Ukrainian way.
    await expect(page.getByTestId('figure-mrr').locator('p').nth(1)).toHaveText(UK_DOLLARS);
    await expect(page.getByRole('button', { name: 'Показати' })).toBeVisible();
    await scanA11y(page, 'dashboard in Ukrainian');

    // A chart's table fallback: its disclosure, column headers and month rows in Ukrainian.
    const chart = page.getByTestId('chart-patrons');
    await expect(chart.locator('figcaption')).toHaveText('Активні патрони');
    await chart.getByText('Таблиця').click();
    const table = chart.getByRole('table');
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Період', exact: true })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Платять', exact: true })).toBeVisible();
    await expect(table.getByRole('rowheader').first()).toHaveText(/^(січ|лют|бер|квіт|трав|черв|лип|серп|вер|жовт|лист|груд)\. \d{4} р\.$/);
    await scanA11y(page, 'dashboard in Ukrainian with a chart table open');

    // A bad range is explained in Ukrainian.
    await page.goto('/dashboard?range=forever');
    await expect(page.locator('main [role="alert"]')).toHaveText(
      'Проміжок може бути лише 3m, 6m, 12m або 24m. Натомість показано типовий вигляд.',
    );

    // Members: headings, the filter bar, the total (a Ukrainian plural) and days as 12.03.2026.
    await page.getByRole('link', { name: 'Учасники' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Учасники');
    await page.getByLabel('Стан').selectOption('patron');
    await page.getByRole('button', { name: 'Фільтрувати' }).click();
    await expect(page).toHaveURL(/status=patron/);
    await expect(page.getByTestId('member-total')).toContainText(/Фільтрам відповіда(є|ють) \d[\d\s\u00a0]* учасник/);
    const members = page.getByTestId('members');
    await expect(members.getByRole('columnheader', { name: /Приєднався/ })).toBeVisible();
    await expect(members.locator('tbody tr').first().locator('td').nth(5)).toHaveText(UK_DAY);
    await expect(page.getByRole('link', { name: 'Скинути' })).toBeVisible();
    await scanA11y(page, 'members in Ukrainian');

    await page.goto('/dashboard/members?joinedFrom=yesterday');
    await expect(page.locator('main [role="alert"]')).toHaveText('«Приєдналися від» має бути датою на кшталт 2026-03-01.');
    await scanA11y(page, 'members in Ukrainian with a bad filter');

    // A member's page.
    await page.goto('/dashboard/members?status=patron');
    await page.getByTestId('members').locator('tbody tr').first().locator('a').first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Нотатки редакції' })).toBeVisible();
    await expect(page.getByRole('link', { name: '← Учасники' })).toBeVisible();
    await page.getByRole('button', { name: 'Додати нотатку' }).click();
    await expect(page.locator('#note-error')).toHaveText('Спершу напишіть нотатку.');
    await scanA11y(page, 'member page in Ukrainian with a note error');

    // The import page.
    await page.goto('/dashboard/members/import');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Імпорт наявних прихильників');
    await page.getByRole('button', { name: 'Пробний запуск' }).click();
    await expect(page.locator('main [role="alert"]')).toHaveText('Оберіть CSV-файл для імпорту.');
    await scanA11y(page, 'import in Ukrainian without a file');
  } finally {
    await backToEnglish(page);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Supporters');
});
