/**
 * Two nodes on one PostgreSQL database (TEST_DATABASE_URL), serving the suite's build: node A by the
 * npm start path (migrates, seeds), node B by scripts/serve.ts alone, each with its own copy of the
 * build folder (so B cannot see A's regenerated pages on disk: only the shared invalidations reach it).
 * An article edited and then unpublished through A's desk is served that way by B within 2 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { signIn } from './support';
import { E2E_PORT, E2E_DIST_DIR } from '../playwright.config';

const root = process.cwd();
const portA = E2E_PORT + 60;
const portB = E2E_PORT + 61;
const A = `http://localhost:${portA}`;
const B = `http://localhost:${portB}`;
const dataDir = path.join(root, 'data', `e2e-nodes-${portA}`);
const distB = `${E2E_DIST_DIR}-node-b`;
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const EDITOR = 'editor@nodes.e2e.test';

test.skip(!process.env.TEST_DATABASE_URL, 'several nodes need PostgreSQL (TEST_DATABASE_URL)');

const children: ChildProcess[] = [];
let output = '';
let dropDatabase = async () => {};

async function healthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`a node exited with ${child.exitCode} while starting:\n${output.slice(-3000)}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
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
  const { default: pg } = await import('pg');
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `patronage_e2e_nodes_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  dropDatabase = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Node B's own copy of the build: pages it regenerates, and those A regenerates, stay apart.
  fs.rmSync(path.join(root, distB), { recursive: true, force: true });
  fs.cpSync(path.join(root, E2E_DIST_DIR), path.join(root, distB), { recursive: true, filter: (src) => !src.startsWith(path.join(root, E2E_DIST_DIR, 'cache')) });
  const shared = {
    ...process.env,
    DATABASE_URL: url.toString(),
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
    NEXT_DIST_DIR: E2E_DIST_DIR,
    DEMO_PATRONS: '0',
    STRIPE_SANDBOX_PORT: String(portA + 1000),
    STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe-sandbox.json'),
  });
  await healthy(A, a, 240_000);
  const b = start('scripts/serve.ts', { ...shared, PORT: String(portB), NEXT_DIST_DIR: distB });
  await healthy(B, b, 120_000);
});

test.afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await dropDatabase();
  fs.rmSync(path.join(root, distB), { recursive: true, force: true });
});

test('an article edited, then unpublished, on node A is served that way by node B within 2 s', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signIn(page, EDITOR);
  // A published demo article from B's home page, read through B twice so B serves it from its cache.
  const reader = await browser.newPage();
  await reader.goto(`${B}/`);
  const slug = (await reader.locator('a[href^="/articles/"]').first().getAttribute('href'))!.replace('/articles/', '');
  await reader.goto(`${B}/articles/${slug}`);
  const title = (await reader.locator('h1').textContent())!.trim();
  for (let i = 0; i < 2; i++) expect((await reader.goto(`${B}/articles/${slug}`))?.status()).toBe(200);
  await reader.close();
  const bodyB = async () => (await fetch(`${B}/articles/${slug}`)).text();
  expect(await bodyB()).toContain(slug);

  await page.goto(`/desk?q=${encodeURIComponent(title)}`);
  await page.getByRole('link', { name: title, exact: true }).first().click();
  await expect(page.getByLabel('Slug')).toHaveValue(slug);
  const edited = `${title} (corrected on node A)`;
  await page.getByLabel('Title', { exact: true }).fill(edited);
  // The 2 s count from when node A answered the save (the edit is made); the annotation also says from the click.
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Save and keep published' }).click();
  await page.waitForURL(/done=/);
  const savedAt = Date.now();
  const editMs = await msUntilB(`/articles/${slug}`, (status, body) => status === 200 && body.includes('(corrected on node A)'), savedAt);
  test.info().annotations.push({ type: 'edit', description: `node B served the edit ${editMs} ms after node A saved it (${editMs + savedAt - clickedAt} ms after the click)` });

  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect(page.getByTestId('article-status')).toContainText(/draft/i);
  const unpublishedAt = Date.now();
  const goneMs = await msUntilB(`/articles/${slug}`, (status) => status === 404, unpublishedAt);
  test.info().annotations.push({ type: 'unpublish', description: `node B answered 404 ${goneMs} ms after node A unpublished` });
  // The home page (a listing) on B no longer links to it either.
  expect(await (await fetch(`${B}/`)).text()).not.toContain(`/articles/${slug}"`);
  await context.close();
});
