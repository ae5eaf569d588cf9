import { expect, test } from './fixtures';
import { signIn } from './sign-in';

// Reading in Ukrainian (issue #16): /uk/… pages in Ukrainian chrome, articles with a translation
// linked both ways (hreflang, the language switcher), a feed per language; English stays unprefixed.

const ORIGINAL = '/articles/herons-return-to-gull-island';
const TRANSLATION = '/uk/articles/herons-return-to-gull-island-uk';

test('the Ukrainian front page: <html lang="uk">, Ukrainian chrome, the Ukrainian story leads', async ({ page }) => {
  const res = await page.goto('/uk');
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('region', { name: 'Головна історія' })).toBeVisible();
  const lead = page.locator('[data-testid="lead-story"] h2 a');
  await expect(lead).toHaveText(/Чаплі повернулися/);
  await expect(lead).toHaveAttribute('href', TRANSLATION);
  // Every language is an alternate of the front page.
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', /^https?:\/\/[^/]+\/?$/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/uk$/);
});

test('a translated article: Ukrainian page, hreflang both ways, and the switcher goes to the counterpart', async ({ page }) => {
  const res = await page.goto(TRANSLATION);
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.locator('h1')).toHaveText(/Чаплі повернулися на Чайчин острів/);
  await expect(page.locator('.article__dates')).toContainText('Опубліковано');
  await expect(page.locator('.article__dates')).toContainText('хв читання');
  await expect(page.locator('#cta-end-title')).toHaveText('Цей матеріал безкоштовний. Допоможіть, щоб так і залишалося.');
  // The article is in the page's language: no lang of its own.
  await expect(page.locator('article.article')).not.toHaveAttribute('lang', /./);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${TRANSLATION}$`));
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', new RegExp(`${ORIGINAL}$`));
  await expect(page.locator('link[rel="alternate"][hreflang="uk"]')).toHaveAttribute('href', new RegExp(`${TRANSLATION}$`));
  // The calls to action lead to the Ukrainian support page.
  await expect(page.locator('[data-cta="end-of-article"] a.button')).toHaveAttribute(
    'href',
    /^\/uk\/support\?from=herons-return-to-gull-island-uk/,
  );
  await expect(page.locator('[data-cta="banner"] a')).toHaveAttribute(
    'href',
    /^\/uk\/support\?from=herons-return-to-gull-island-uk&placement=banner/,
  );
  await expect(page.locator('[data-cta="banner"]')).toContainText('Читати безкоштовно, фінансують читачі.');

  // The switcher on the English original goes to the translation (not to /uk/articles/<english slug>).
  await page.goto(ORIGINAL);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('link[rel="alternate"][hreflang="uk"]')).toHaveAttribute('href', new RegExp(`${TRANSLATION}$`));
  await page.locator('.language-switcher a[hreflang="uk"]').click();
  await expect(page).toHaveURL(new RegExp(`${TRANSLATION}$`));
  await expect(page.locator('h1')).toHaveText(/Чаплі/);
  // …and back.
  await page.locator('.language-switcher a[hreflang="en"]').click();
  await expect(page).toHaveURL(new RegExp(`${ORIGINAL}$`));
  await expect(page.locator('h1')).toHaveText(/Herons return to Gull Island/);
});

test('an English story without a translation, read in Ukrainian chrome, keeps lang="en"', async ({ page }) => {
  await page.goto('/uk/articles/canal-towpath-reopens');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.locator('article.article')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.article__dates')).toContainText('Опубліковано');
});

test('a search in Ukrainian, from the form to the results', async ({ page }) => {
  await page.goto('/uk/search');
  await expect(page.getByRole('heading', { level: 1, name: 'Пошук' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Пошук у наших матеріалах' }).fill('чаплі');
  await page.getByRole('button', { name: 'Шукати', exact: true }).click();
  await expect(page).toHaveURL(/\/uk\/search\?q=/);
  await expect(page.locator('.search-page__count')).toContainText('за запитом «чаплі»');
  await expect(page.locator('[data-testid="search-result"] h2 a').first()).toHaveAttribute('href', /^\/uk\/articles\//);
});

test('one feed per language, a sitemap with every language, and English unprefixed as before', async ({ page, request }) => {
  const uk = await (await request.get('/uk/feed.xml')).text();
  expect(uk).toContain('<language>uk</language>');
  expect(uk).toContain(`${TRANSLATION}</link>`);
  expect(uk).not.toContain(`${ORIGINAL}</link>`);
  const en = await (await request.get('/feed.xml')).text();
  expect(en).toContain('<language>en</language>');
  expect(en).toContain(`${ORIGINAL}</link>`);
  expect(en).not.toContain(TRANSLATION);

  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toMatch(/<loc>https?:\/\/[^<]+\/uk<\/loc>/);
  expect(sitemap).toContain(TRANSLATION);
  expect(sitemap).toMatch(/hreflang="uk"/);

  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('region', { name: 'Top story' })).toBeVisible();
  await expect(page.locator('[data-testid="lead-story"] h2 a')).not.toHaveText(/Чаплі/);

  // /en/… is only the internal address of English pages: readers are sent to the unprefixed one.
  const redirect = await request.get('/en/transparency', { maxRedirects: 0 });
  expect([301, 308]).toContain(redirect.status());
  expect(redirect.headers()['location']).toMatch(/\/transparency$/);
  await page.goto('/uk/transparency');
  await expect(page.getByRole('heading', { level: 1, name: 'Прозорість' })).toBeVisible();
});

test('the desk publishes a Ukrainian translation; the original’s cached page then links to it', async ({ page, browser }) => {
  const anon = await browser.newPage();
  // The English original is cached without a translation.
  await anon.goto('/articles/canal-towpath-reopens');
  await expect(anon.locator('link[rel="alternate"][hreflang="uk"]')).toHaveCount(0);

  await signIn(page, 'admin@e2e.test');
  await page.goto('/desk/articles/new');
  const slug = `kanal-${Date.now()}`;
  await page.getByLabel('Title', { exact: true }).fill('Стежка вздовж каналу знову відкрита');
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Body (Markdown)').fill('Стежку відремонтували й відкрили для пішоходів і велосипедистів.');
  await page.getByLabel('Section').selectOption({ label: 'City Hall' });
  await page.getByLabel('Ana Ruiz').check();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('uk'); // not the staff shell's language switcher (a nav named Language)
  // The original must be in the other language.
  await page.getByLabel('Translation of').fill('herons-return-to-gull-island-uk');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.locator('body')).toContainText('The original is in the same language');
  await page.getByLabel('Translation of').fill('canal-towpath-reopens');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('article-status')).toContainText(/published/i);
  await expect(page.getByRole('link', { name: 'View on the site' })).toHaveAttribute('href', `/uk/articles/${slug}`);

  // Saving the translation refreshed the original's page: its switcher now leads to the translation.
  await expect
    .poll(
      async () => {
        await anon.goto('/articles/canal-towpath-reopens');
        return anon
          .locator('link[rel="alternate"][hreflang="uk"]')
          .getAttribute('href', { timeout: 1000 })
          .catch(() => null);
      },
      { timeout: 20_000 },
    )
    .toMatch(new RegExp(`/uk/articles/${slug}$`));
  await anon.locator('.language-switcher a[hreflang="uk"]').click();
  await expect(anon).toHaveURL(new RegExp(`/uk/articles/${slug}$`));
  await expect(anon.locator('h1')).toHaveText('Стежка вздовж каналу знову відкрита');

  // Take it down again: later specs read the newest article of the sitemap and expect the demo's.
  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect(page.getByTestId('article-status')).toContainText(/draft/i);
  await expect.poll(async () => (await anon.goto(`/uk/articles/${slug}`))?.status(), { timeout: 20_000 }).toBe(404);
  await anon.close();
});

test('an English article at its own address (app/(english)): same chrome, soft navigation to and from the rewritten pages, its 404', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const res = await page.goto(ORIGINAL);
  expect(res?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('header.site-header')).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${ORIGINAL}$`));
  await expect(page.locator('link[rel="alternate"][hreflang="uk"]')).toHaveAttribute('href', new RegExp(`${TRANSLATION}$`));
  // One document throughout: the client router swaps between app/(english) and app/[locale] in place.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.locator('header a[href="/topics"]').first().click();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.locator('h1').first()).toBeVisible();
  await page.goBack();
  await expect(page.locator('h1')).toHaveText(/Herons return/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // An unknown English article is the reader site's 404, in its chrome.
  const missing = await page.goto('/articles/no-such-story-here');
  expect(missing?.status()).toBe(404);
  await expect(page.locator('header.site-header')).toBeVisible();
  expect(errors).toEqual([]);
});
