import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, scanA11y, test } from './fixtures';
import { parseCsvRecords } from '../lib/members/csv-text';
import type { DemoPatronsManifest } from '../lib/analytics/types';
import { signIn } from './sign-in';

const ADMIN = 'admin@e2e.test'; // ADMIN_EMAILS in playwright.config.ts

// The demo patrons seeded by `npm start` on the e2e server's fresh database (path as in playwright.config.ts).
// The headline figures are compared with the seed's plan, so this file runs before the journeys that
// add patrons (one worker, files in name order): name such journeys so they sort after it.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
const manifestPath = path.resolve('data', E2E_PORT === 3200 ? 'e2e' : `e2e-${E2E_PORT}`, 'demo-patrons.json');
const manifest = (): DemoPatronsManifest => JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as DemoPatronsManifest;

const figure = async (page: Page, key: string) => Number(await page.getByTestId(`figure-${key}`).getAttribute('data-value'));

test('anonymous visitors and readers get no dashboard data', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
  expect((await page.request.get('/api/dashboard/members.csv')).status()).toBe(401);
  expect((await page.request.get('/api/dashboard')).status()).toBe(401);

  await signIn(page, 'reader@e2e.test');
  for (const p of ['/dashboard', '/dashboard/members', '/dashboard/members/import']) expect((await page.goto(p))?.status(), p).toBe(403);
  for (const p of ['/api/dashboard/members.csv', '/api/dashboard', '/api/dashboard/members', '/api/dashboard/topics']) {
    const res = await page.request.get(p);
    expect(res.status(), p).toBe(403);
    expect(await res.text()).not.toContain('@');
  }
});

test('an admin sees the seeded figures, filters members and exports the filtered list as CSV', async ({ page }) => {
  const m = manifest();
  await signIn(page, ADMIN);
  await page.goto('/desk');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Supporters');

  // Headline figures match what the seed planned (computed independently of the rollups).
  expect(await figure(page, 'activePatrons')).toBe(m.activePatrons);
  expect(await figure(page, 'payingPatrons')).toBe(m.payingPatrons);
  expect(await figure(page, 'trials')).toBe(m.trials);
  expect(await figure(page, 'pastDue')).toBe(m.pastDue);
  for (const [currency, mrr] of Object.entries(m.mrrByCurrency)) {
    if (!mrr) continue;
    const shown = page.getByTestId('figure-mrr-by-currency').locator(`[data-currency="${currency}"]`);
    expect(Number(await shown.getAttribute('data-value')), `MRR in ${currency}`).toBe(mrr);
  }
  // The charts draw (client components), and each has its table.
  await expect(page.getByTestId('chart-mrr').locator('svg.recharts-surface').first()).toBeVisible();
  if (process.env.STAFFUI_SCREENSHOT) await page.screenshot({ path: process.env.STAFFUI_SCREENSHOT, fullPage: true });
  await page.getByTestId('chart-patrons').getByText('Table').click();
  await expect(page.getByTestId('chart-patrons').getByRole('table')).toBeVisible();
  await scanA11y(page, 'dashboard with a chart table open');
  // Every chart keeps its table alternative (issue #16): the figures of the page, each with one table.
  const charts = await page.locator('figure[data-testid^="chart-"]').all();
  expect(charts.length).toBeGreaterThan(3);
  for (const chart of charts) await expect(chart.locator('table')).toHaveCount(1);
  // A bad range is explained, not a crash.
  await page.goto('/dashboard?range=forever');
  await expect(page.getByText(/The range is one of/)).toBeVisible();

  // Members: the demo patrons who count now.
  await page.getByRole('link', { name: 'Members' }).first().click();
  await page.getByLabel('Email or name').fill(`@${m.emailDomain}`);
  await page.getByLabel('Status').selectOption('patron');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('member-total')).toHaveAttribute('data-total', String(m.activePatrons));

  // Narrower: yearly patrons, active; sorted by email.
  await page.getByLabel('Status').selectOption('active');
  await page.getByLabel('Cadence').selectOption('year');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/cadence=year/);
  const total = Number(await page.getByTestId('member-total').getAttribute('data-total'));
  expect(total).toBeGreaterThan(0);
  const firstRowEmail = (await page.getByTestId('members').locator('tbody tr').first().locator('td').first().textContent())!.trim();

  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const [header, ...rows] = parseCsvRecords(await res.text(), (problem, line) => {
    throw new Error(`the export is not valid CSV (${problem} on line ${line})`);
  });
  const col = (name: string) => header!.indexOf(name);
  expect(rows).toHaveLength(total);
  for (const r of rows) {
    expect(r[col('email')]!.endsWith(`@${m.emailDomain}`)).toBe(true);
    expect(r[col('status')]).toBe('active');
    expect(r[col('cadence')]).toBe('year');
  }
  expect(rows[0]![col('email')]).toBe(firstRowEmail); // same order as the page
});

test('an admin imports supporters from CSV after a dry run that writes nothing', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const email = `imported-${stamp}@import.e2e.test`;
  const csv = [
    'email,name,tier,stripe_customer_id',
    `${email},Ida Imported,supporter,cus_e2e${stamp}`,
    'not-an-email,Bad Row,,',
    `other-${stamp}@import.e2e.test,Unknown Tier,platinum,`,
  ].join('\n');
  await signIn(page, ADMIN);
  await page.goto('/dashboard/members/import');
  await page.getByLabel('CSV file').setInputFiles({ name: 'supporters.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Dry run' }).click();

  const plan = page.getByTestId('import-plan');
  await expect(page.getByTestId('import-summary')).toContainText('1 to create, 0 to update, 0 unchanged, 2 with errors');
  await expect(plan.locator('tr[data-action="create"]')).toContainText(email);
  await expect(plan.locator('tr[data-action="error"]').first()).toContainText('is not a valid email address');
  await expect(plan.locator('tr[data-action="error"]').nth(1)).toContainText('Unknown tier “platinum”');

  // The dry run wrote nothing.
  const search = async () =>
    (await (await page.request.get(`/api/dashboard/members?q=${encodeURIComponent(email)}`)).json()) as {
      total: number;
      rows: { id: string; name: string; tier: { name: string } | null; stripeCustomerId: string | null }[];
    };
  expect((await search()).total).toBe(0);

  await page.getByRole('button', { name: /^Apply: create 1, update 0/ }).click();
  await expect(page.getByTestId('import-result')).toContainText('1 created, 0 updated, 0 unchanged, 2 skipped');
  const found = await search();
  expect(found.total).toBe(1);
  expect(found.rows[0]).toMatchObject({ name: 'Ida Imported', tier: { name: expect.any(String) }, stripeCustomerId: `cus_e2e${stamp}` });

  // The member page shows the import, and a staff note can be added.
  await page.goto(`/dashboard/members/${found.rows[0]!.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ida Imported');
  await expect(page.locator('dl')).toContainText('Imported');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('#note-error')).toHaveText('Write the note first.');
  await page.getByLabel(/New note/).fill('Came over from the old membership list.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('member-notes')).toContainText('Came over from the old membership list.');
});
