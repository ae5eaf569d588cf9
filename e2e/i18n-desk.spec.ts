import type { Browser, Locator, Page } from '@playwright/test';
import { expect, scanA11y, test } from './fixtures';
import { signIn, warmUpSignIn } from './sign-in';

// The editorial desk in Ukrainian (issue #16): an editor switches the desk to Українська and works in
// it (headings, a field error, outcomes), commissions a topic and posts a progress update with its
// Ukrainian text, corrects that text afterwards, and readers of /uk see it on the topic page (readers
// of the English page the English). A fresh editor account is used, so the language it keeps on its
// account does not reach the other specs' staff.

const ADMIN = 'admin@e2e.test';
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

function deskTopicRow(desk: Page, title: string): Locator {
  return desk.locator('tbody tr', { has: desk.locator('strong', { hasText: title }) });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000);
  await warmUpSignIn(browser);
});

test('an editor works at the desk in Ukrainian and a Ukrainian progress update reaches /uk', async ({ browser }) => {
  test.setTimeout(300_000);
  const id = unique();
  const editor = `uk-editor-${id}@e2e.test`;
  const slug = `e2e-uk-desk-${id}`;
  const topic = `Library opening hours ${id}`;
  const updateEn = `The city sent us the library budget (${id}).`;
  const updateUk = `Місто надіслало нам бюджет бібліотек (${id}).`;
  const updateUkFixed = `Міська рада надіслала нам бюджет бібліотек (${id}).`;

  // The admin makes a new editor (the desk in English: nothing changed for English staff).
  const admin = await signedInPage(browser, ADMIN);
  await admin.goto('/desk/team');
  await admin.getByLabel('Email address').fill(editor);
  await admin.getByRole('button', { name: 'Make editor' }).click();
  await expect(admin.getByRole('status')).toHaveText(`${editor} is now an editor. They can sign in with that address to use the desk.`);
  await admin.context().close();

  // The editor switches the desk to Ukrainian.
  const desk = await signedInPage(browser, editor);
  await desk.goto('/desk');
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Articles');
  await desk.getByRole('button', { name: 'Українська' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Статті');
  await expect(desk.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(desk.getByRole('link', { name: 'Нова стаття' }).first()).toBeVisible();

  // Sections: a field error in Ukrainian, then a Ukrainian description readers of /uk see.
  await desk.goto('/desk/sections');
  await expect(desk).toHaveTitle(/Рубрики/);
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Рубрики');
  const culture = desk.getByRole('form', { name: /\/sections\/culture/ });
  await culture.getByLabel('Назва', { exact: true }).fill('');
  await culture.getByRole('button', { name: 'Зберегти рубрику' }).click();
  await expect(culture.locator('#s-culture-name-error')).toHaveText('Вкажіть назву');
  await scanA11y(desk, 'section form with a field error, in Ukrainian');
  const cultureUk = `Музика, театр і ярмарки Ріверсайда (${id}).`;
  await culture.getByLabel('Назва', { exact: true }).fill('Culture');
  await culture.getByLabel('Опис українською').fill(cultureUk);
  await culture.getByRole('button', { name: 'Зберегти рубрику' }).click();
  await expect(desk.getByRole('status')).toHaveText('Рубрику збережено.');

  // A new round: the form in Ukrainian, and a field error said in Ukrainian.
  await desk.goto('/desk/rounds/new');
  await expect(desk).toHaveTitle(/Новий раунд/);
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Новий раунд');
  await desk.getByRole('button', { name: 'Створити чернетку раунду' }).click();
  await expect(desk.locator('#r-title-error')).toHaveText('Назва обов’язкова');
  await expect(desk.getByLabel('Назва', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await scanA11y(desk, 'round form with a field error, in Ukrainian');

  await desk.getByLabel('Назва', { exact: true }).fill(`Library vote ${id}`);
  await desk.getByLabel('Адреса (slug, необов’язково)').fill(slug);
  await desk.getByLabel('Назва українською (необов’язково)').fill(`Голосування про бібліотеки ${id}`);
  await desk.getByRole('button', { name: 'Створити чернетку раунду' }).click();
  await desk.waitForURL(/\/desk\/rounds\/[^/?]+\?done=/);
  await expect(desk.getByRole('status')).toHaveText('Раунд створено як чернетку.');
  const roundDesk = desk.url().split('?')[0]!;

  const addForm = desk.locator('form', { has: desk.getByRole('button', { name: 'Додати тему' }) });
  await addForm.getByLabel('Назва', { exact: true }).fill(topic);
  await addForm.getByLabel('Назва українською (необов’язково)').fill(`Години роботи бібліотек ${id}`);
  await addForm.getByRole('button', { name: 'Додати тему' }).click();
  await expect(desk.getByRole('status')).toHaveText('Тему додано.');
  await desk.getByRole('button', { name: 'Відкрити раунд' }).click();
  await expect(desk.getByRole('status')).toHaveText('Раунд відкрито.');
  await expect(desk.getByRole('heading', { level: 1 })).toContainText('ТРИВАЄ');

  // A refusal comes back in Ukrainian too: declining needs a reason (the browser's own check is bypassed).
  const declineForm = deskTopicRow(desk, topic).locator('form', { has: desk.getByRole('button', { name: 'Відхилити' }) });
  await declineForm.evaluate((f) => f.setAttribute('novalidate', ''));
  await declineForm.getByRole('button', { name: 'Відхилити' }).click();
  await expect(desk.locator('p[role="alert"]')).toHaveText('Причина обов’язкова');
  await scanA11y(desk, 'round page with a refusal, in Ukrainian');

  await desk.goto(roundDesk);
  await desk.getByRole('button', { name: 'Завершити раунд зараз' }).click();
  await expect(desk.getByRole('status')).toHaveText('Раунд завершено.');
  await deskTopicRow(desk, topic).getByRole('button', { name: 'Взяти в роботу' }).click();
  await expect(desk.getByRole('status')).toHaveText('Тему взято в роботу.');
  await deskTopicRow(desk, topic).getByRole('link', { name: 'Хід роботи й новини' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toContainText(topic);
  await expect(desk.getByRole('heading', { level: 2, name: 'Додати новину' })).toBeVisible();
  const topicId = /\/desk\/topics\/([^/?]+)/.exec(desk.url())![1]!;

  // The update in English and in Ukrainian.
  await desk.getByLabel('Новина (один лист кожному, хто стежить)').fill(updateEn);
  await desk.getByLabel('Новина українською').fill(updateUk);
  await desk.getByRole('button', { name: 'Опублікувати новину' }).click();
  await expect(desk.getByRole('status')).toHaveText('Новину опубліковано. Тим, хто стежить, надсилаємо листи.');
  await expect(desk.getByRole('cell', { name: updateEn })).toBeVisible();

  // The editor corrects the Ukrainian text of the posted update.
  const row = desk.locator('tbody tr', { hasText: updateEn });
  await row.getByText('Переклад', { exact: true }).click();
  const translation = row.getByLabel('Новина українською');
  await expect(translation).toHaveValue(updateUk);
  await translation.fill(updateUkFixed);
  await row.getByRole('button', { name: 'Зберегти переклад' }).click();
  await expect(desk.getByRole('status')).toHaveText('Переклад збережено: читачі цією мовою бачать його на сторінці теми.');
  await scanA11y(desk, 'topic page after saving a translation, in Ukrainian');

  // Readers of /uk see the Ukrainian update; readers of the English page, the English one.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/uk/topics/${slug}/${topicId}`);
  await expect(reader.locator('html')).toHaveAttribute('lang', 'uk');
  const updatesUk = reader.getByRole('list', { name: 'Новини від редакції' });
  await expect(updatesUk).toContainText(updateUkFixed);
  await expect(updatesUk).not.toContainText(updateEn);
  await reader.goto(`/topics/${slug}/${topicId}`);
  await expect(reader.getByRole('list', { name: 'Updates from the newsroom' })).toContainText(updateEn);
  // Section names in the Ukrainian navigation (the demo newsroom's, seeded in both languages), and the
  // description the editor wrote.
  await reader.goto('/uk');
  await expect(reader.getByRole('navigation', { name: 'Рубрики' }).first()).toContainText('Довкілля');
  await reader.goto('/uk/sections/culture');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Культура');
  await expect(reader.getByText(cultureUk)).toBeVisible();
  await reader.goto('/sections/culture');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Culture');
  await reader.context().close();

  // Back to English: the desk speaks English again.
  await desk.getByRole('button', { name: 'English' }).click();
  await expect(desk.getByRole('heading', { level: 2, name: 'Post an update' })).toBeVisible();
  await desk.context().close();
});
