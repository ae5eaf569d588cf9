/**
 * Two nodes on one PostgreSQL database (TEST_DATABASE_URL), serving the suite's build: node A by the
 * npm start path (migrates, seeds), node B by scripts/serve.ts alone, each with its own copy of the
 * build folder (so B cannot see A's regenerated pages on disk: only the shared invalidations reach it).
 * An article edited and then unpublished through A's desk is served that way by B within 2 s; a
 * sign-in link asked for on A works on B; a desk form rendered by A and submitted to B (as a load
 * balancer may) is answered by B, and A serves the result within 2 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { createScratchDatabase } from '../lib/db/scratch';
import { latestEmail, signIn } from './sign-in';
import { E2E_PORT, E2E_DIST_DIR } from '../playwright.config';

const root = process.cwd();
const portA = E2E_PORT + 60;
const portB = E2E_PORT + 61;
const A = `http://localhost:${portA}`;
const B = `http://localhost:${portB}`;
const dataDir = path.join(root, 'data', `e2e-nodes-${portA}`);
const distA = `${E2E_DIST_DIR}-node-a`;
const distB = `${E2E_DIST_DIR}-node-b`;
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const EDITOR = 'editor@nodes.e2e.test';

test.skip(!process.env.TEST_DATABASE_URL, 'several nodes need PostgreSQL (TEST_DATABASE_URL)');

const children: ChildProcess[] = [];
let output = '';
let dropDatabase = async () => {};
let databaseUrl = '';

async function healthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`a node exited with ${child.exitCode} while starting:\n${output.slice(-3000)}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become healthy in time:\n${output.slice(-3000)}`);
}

function start(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(tsx, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  children.push(child);
  return child;
}

/** How long until B serves what `ok` accepts for `url`; polls every 50 ms for 2 s. */
async function msUntilB(pathname: string, ok: (status: number, body: string) => boolean, since: number): Promise<number> {
  let last = '';
  while (Date.now() - since < 2_000) {
    const res = await fetch(B + pathname);
    const body = await res.text();
    if (ok(res.status, body)) return Date.now() - since;
    last = `${res.status}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`node B still served the old ${pathname} (${last}) 2 s after the change on node A`);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'patronage_e2e_nodes');
  dropDatabase = scratch.drop;
  databaseUrl = scratch.url;
  // Each node its own copy of the build: pages one regenerates are not on the other's disk (and the
  // suite's folder keeps the pages its own server regenerated).
  for (const dist of [distA, distB]) {
    fs.rmSync(path.join(root, dist), { recursive: true, force: true });
    fs.cpSync(path.join(root, E2E_DIST_DIR), path.join(root, dist), {
      recursive: true,
      filter: (src) => !src.startsWith(path.join(root, E2E_DIST_DIR, 'cache')),
    });
  }
  const shared = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: 'e2e-nodes-shared-secret',
    SITE_URL: A,
    STRIPE_SECRET_KEY: '',
    EMAIL_SERVER: '',
    ADMIN_EMAILS: EDITOR,
    NEXT_TELEMETRY_DISABLED: '1',
    // The suite's build was made on PGlite; both nodes serve it as it is.
    SKIP_BUILD: '1',
  };
  const a = start('scripts/start.ts', {
    ...shared,
    PORT: String(portA),
    NEXT_DIST_DIR: distA,
    DEMO_PATRONS: '0',
    STRIPE_SANDBOX_PORT: String(portA + 1000),
    STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe-sandbox.json'),
  });
  await healthy(A, a, 240_000);
  const b = start('scripts/serve.ts', { ...shared, PORT: String(portB), NEXT_DIST_DIR: distB });
  await healthy(B, b, 120_000);
  // Load the article route's code on both (an unknown slug renders the 404): the 2 s below measure
  // the invalidation, not a cold start on a busy machine.
  for (const base of [A, B]) expect((await fetch(`${base}/articles/warm-up-not-an-article`)).status).toBe(404);
});

test.afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await dropDatabase();
  for (const dist of [distA, distB]) fs.rmSync(path.join(root, dist), { recursive: true, force: true });
});

/** A published article of this database (the build folders hold pages from other databases too). */
async function publishedArticle(offset: number): Promise<{ id: string; slug: string; title: string }> {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; slug: string; title: string }>(
      `SELECT id, slug, title FROM "Article" WHERE status = 'PUBLISHED' ORDER BY "publishedAt" DESC OFFSET $1 LIMIT 1`,
      [offset],
    );
    return rows[0]!;
  } finally {
    await db.end();
  }
}

test('an article edited, then unpublished, on node A is served that way by node B within 2 s', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signIn(page, EDITOR);
  // A published article, read through B twice so B serves it from its cache.
  const { id, slug, title } = await publishedArticle(0);
  for (let i = 0; i < 2; i++) expect((await fetch(`${B}/articles/${slug}`)).status).toBe(200);
  await page.goto(`/desk/articles/${id}`);
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  const edited = `${title} (corrected on node A)`;
  await page.getByLabel('Title', { exact: true }).fill(edited);
  // The 2 s count from when node A answered the save (the edit is made); the annotation also says from the click.
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Save and keep published' }).click();
  await page.waitForURL(/done=/);
  const savedAt = Date.now();
  const editMs = await msUntilB(`/articles/${slug}`, (status, body) => status === 200 && body.includes('(corrected on node A)'), savedAt);
  test.info().annotations.push({
    type: 'edit',
    description: `node B served the edit ${editMs} ms after node A saved it (${editMs + savedAt - clickedAt} ms after the click)`,
  });

  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect(page.getByTestId('article-status')).toContainText(/draft/i);
  const unpublishedAt = Date.now();
  const goneMs = await msUntilB(`/articles/${slug}`, (status) => status === 404, unpublishedAt);
  test.info().annotations.push({ type: 'unpublish', description: `node B answered 404 ${goneMs} ms after node A unpublished` });
  // The home page (a listing) on B no longer links to it either.
  expect(await (await fetch(`${B}/`)).text()).not.toContain(`/articles/${slug}"`);
  await context.close();
});

test('a sign-in link asked for on node A signs in on node B; a desk form rendered by A is answered by B', async ({ browser }) => {
  test.setTimeout(180_000);
  const email = 'second-editor@nodes.e2e.test';
  // Asked for on A…
  const onA = await browser.newContext({ baseURL: A });
  const pageA = await onA.newPage();
  const requestedAt = new Date(Date.now() - 1000);
  await pageA.goto('/signin');
  await pageA.getByLabel('Email address').fill(email);
  await pageA.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(pageA).toHaveURL(/\/signin\/check-email/);
  const mail = await latestEmail(pageA.request, email, 'magic-link', requestedAt);
  const link = mail.links.find((l) => l.includes('/signin/confirm'))!;
  await onA.close();
  // …used on B: the same session secret and database. The confirm page's button is a GET form; it is
  // sent by the request API because B redirects to SITE_URL afterwards (A's port here, one origin
  // behind a real load balancer), which the browser's CSP form-action would block in this test only.
  const onB = await browser.newContext({ baseURL: B });
  const pageB = await onB.newPage();
  await pageB.goto(link.replace(A, B));
  await expect(pageB.getByRole('button', { name: `Sign in as ${email}` })).toBeVisible();
  const form = pageB.locator('form[method="get"]').filter({ has: pageB.getByRole('button', { name: `Sign in as ${email}` }) });
  const query = new URLSearchParams();
  for (const input of await form.locator('input[type="hidden"]').all())
    query.set((await input.getAttribute('name'))!, (await input.getAttribute('value')) ?? '');
  const callback = await pageB.request.get(`${B}${await form.getAttribute('action')}?${query}`, { maxRedirects: 0 });
  expect(callback.status()).toBe(302);
  const me = async (base: string) => (await (await onB.request.get(`${base}/api/me`)).json()).user;
  expect(await me(B)).toMatchObject({ email });
  // Cookies are per host, not per port: the session B made is the one A reads.
  expect(await me(A)).toMatchObject({ email });
  await onB.close();

  // An editor's page rendered by A whose Server Action request goes to B.
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signIn(page, EDITOR);
  await page.route(`${A}/desk/articles/**`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    // As a proxy would: B's answer as it is, its redirect (if any) left to the page.
    // The public host stays the page's (what a proxy sends as X-Forwarded-Host): Next.js checks a
    // Server Action's Origin against it.
    const response = await route.fetch({
      url: route.request().url().replace(A, B),
      maxRedirects: 0,
      headers: { ...route.request().headers(), 'x-forwarded-host': new URL(A).host },
    });
    await route.fulfill({ response });
  });
  // Another published article, cached on A.
  const { id, slug, title } = await publishedArticle(3);
  for (let i = 0; i < 2; i++) expect((await fetch(`${A}/articles/${slug}`)).status).toBe(200);
  await page.goto(`/desk/articles/${id}`);
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  await page.getByLabel('Title', { exact: true }).fill(`${title} (corrected on node B)`);
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().startsWith(`${A}/desk/articles/`));
  await page.getByRole('button', { name: 'Save and keep published' }).click();
  await posted;
  await page.waitForURL(/done=/);
  const savedAt = Date.now();
  // Node A, which rendered the form but did not run the action, serves the edit within 2 s.
  let body = '';
  while (Date.now() - savedAt < 2_000) {
    body = await (await fetch(`${A}/articles/${slug}`)).text();
    if (body.includes('(corrected on node B)')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(body, 'node A still served the old page 2 s after node B saved the edit').toContain('(corrected on node B)');
  await context.close();
});
