/**
 * The `test` every spec uses: Playwright's, plus two guards that run in every page and frame of every
 * browser context the test opens (its own `page` and `browser.newPage()` alike):
 * - Content Security Policy: the test fails on any `securitypolicyviolation` event.
 * - Accessibility (issue #16): every page state the journey reaches is scanned with axe-core against
 *   WCAG 2.2 AA (A11Y_TAGS); the test fails at its end listing every serious or critical violation
 *   (rule id, impact, target, URL). A page is scanned after each navigation finished loading (the
 *   `load` event) and after same-document navigations (client-side routing), once per URL and state;
 *   states reached by actions (a form showing errors, an open dialog) are scanned with
 *   `scanA11y(page, label)`. e2e/a11y.spec.ts proves the guard fails on a violation.
 * Specs import `test` and `expect` from here, never from '@playwright/test' (tests/e2e-fixtures.test.ts checks).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';

export type CspViolation = { page: string; directive: string; blocked: string; source: string; sample: string };

async function watchCsp(context: BrowserContext, violations: CspViolation[]): Promise<void> {
  await context.exposeBinding('__patronageCspViolation', ({ page }, v: Omit<CspViolation, 'page'>) => {
    violations.push({ page: page?.url() ?? '?', ...v });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __patronageCspViolation?: (v: unknown) => void }).__patronageCspViolation;
      report?.({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Accessibility scan

/** WCAG 2.2 AA, as axe-core tags its rules. */
export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Impacts that fail a test (minor and moderate findings are not gated). */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export type A11yViolation = { rule: string; impact: string; target: string; url: string; state: string; help: string };

/**
 * Pages that are not Patronage's and are not scanned automatically:
 * - the local Stripe stand-in's hosted Checkout, customer portal, invoice and receipt pages
 *   (sandbox/stripe/pages.ts): test equipment standing in for Stripe's own pages, which Stripe
 *   answers for; they are served on the app's port + 1000;
 * - the development mailbox (/dev/mailbox), a developer tool that does not exist in production;
 * - pages on other origins that a spec makes up itself (a framing site in e2e/security.spec.ts).
 * Non-HTML documents (JSON, feeds) and blank pages are skipped too.
 */
export function excludedFromA11yScan(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return true;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  // Pages a spec makes up on another origin (e.g. a framing site in e2e/security.spec.ts) are not ours.
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return true;
  if (/^\/(checkout\/cs_|portal\/|invoices\/|receipts\/)/.test(url.pathname)) return true;
  if (/^\/dev\/mailbox(\/|$)/.test(url.pathname)) return true;
  const port = Number(url.port || 80);
  return port === Number(process.env.E2E_PORT ?? 3200) + 1000;
}

type Scanner = {
  violations: A11yViolation[];
  /** URL + state keys already scanned (by any test of this worker: a state is scanned once). */
  seen: Set<string>;
  /** Scans in flight, awaited before the test's verdict. */
  pending: Set<Promise<void>>;
  watched: WeakSet<Page>;
  scans: number;
};

let current: Scanner | null = null;
const seenInWorker = new Set<string>();

/** A short signature of what the page shows, so a page is scanned again when its state changed. */
async function pageState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [
      // Next.js's server shell for an auth interrupt (forbidden()/redirect() in a staff layout) has no
      // lang; the browser replaces it at once with the real page (app/forbidden.tsx, lang="en"), which is scanned.
      document.documentElement.id === '__next_error__' ? 'next-error-shell' : document.contentType,
      document.title,
      document.querySelector('h1')?.textContent?.trim() ?? '',
      String(document.querySelectorAll('input, select, textarea, button, a[href], [role="alert"], dialog[open], [role="dialog"]').length),
      String(document.querySelectorAll('[aria-invalid="true"]').length),
      // Coarse: what the page says (signed in or not, a message shown…), not its exact figures.
      String(Math.round((document.body?.innerText.length ?? 0) / 50)),
    ];
    return parts.join('|');
  });
}

async function runScan(scanner: Scanner, page: Page, label: string, force: boolean): Promise<void> {
  const url = page.url();
  const state = await pageState(page);
  if (!state.startsWith('text/html') && !force) return;
  const key = `${url.split('#')[0]}|${state}`;
  if (!force && scanner.seen.has(key)) return;
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  // Only a scan of the page still showing that URL counts (a navigation during the scan voids it).
  if (page.url() !== url) return;
  scanner.seen.add(key);
  scanner.scans++;
  for (const v of results.violations) {
    if (!v.impact || !FAILING_IMPACTS.has(v.impact)) continue;
    for (const node of v.nodes) {
      scanner.violations.push({ rule: v.id, impact: v.impact, target: node.target.join(' '), url, state: label, help: v.help });
    }
  }
}

/** How long a test waits for scans still in flight before it goes on without them. */
const SCAN_GIVE_UP_MS = 30_000;

/** Waits for the scanner's scans in flight (and any they lead to), at most SCAN_GIVE_UP_MS in all. */
async function pendingScansSettled(scanner: Scanner): Promise<void> {
  const giveUp = Date.now() + SCAN_GIVE_UP_MS;
  while (scanner.pending.size && Date.now() < giveUp)
    await Promise.race([Promise.all([...scanner.pending]), new Promise((r) => setTimeout(r, 1000))]);
}

/**
 * Settles when the page closes (closing its context closes it too). A scan races it: an axe
 * `evaluate` in flight when a spec closes the context can stay unanswered for good, and a scan that
 * never settles would hold `scanA11y` (which waits for earlier scans) until the test times out.
 */
function closed(page: Page): Promise<void> {
  return new Promise((resolve) => {
    if (page.isClosed()) resolve();
    else page.once('close', () => resolve());
  });
}

function track(scanner: Scanner, work: Promise<void>): Promise<void> {
  const p = work.catch(() => {
    // The page navigated or closed during the scan: that state is gone; the next one is scanned.
  });
  scanner.pending.add(p);
  void p.finally(() => scanner.pending.delete(p));
  return p;
}

function watchPage(scanner: Scanner, page: Page): void {
  if (scanner.watched.has(page)) return;
  scanner.watched.add(page);
  const pageClosed = closed(page);
  // Scans run one at a time per page.
  let chain: Promise<void> = Promise.resolve();
  const schedule = (label: string, delayMs: number) => {
    if (excludedFromA11yScan(page.url())) return;
    chain = chain.then(() =>
      track(
        scanner,
        Promise.race([
          (async () => {
            if (delayMs) {
              await page.waitForLoadState('load', { timeout: 30_000 });
              await new Promise((r) => setTimeout(r, delayMs));
            }
            if (page.isClosed() || excludedFromA11yScan(page.url())) return;
            await runScan(scanner, page, label, false);
          })(),
          pageClosed,
        ]),
      ),
    );
    void track(scanner, chain);
  };
  page.on('load', () => schedule('after load', 0));
  page.on('framenavigated', (frame) => {
    // Same-document navigations (the App Router's client-side links) fire no `load`: scan once the new
    // route has rendered. Full navigations are deduplicated against their `load` scan.
    if (frame === page.mainFrame()) schedule('after navigation', 400);
  });
}

function watchContext(scanner: Scanner, context: BrowserContext): void {
  for (const page of context.pages()) watchPage(scanner, page);
  context.on('page', (page) => watchPage(scanner, page));
}

/**
 * Scans the page as it is now (a state reached by an action: a form showing its errors, an open
 * dialog), whatever its URL; its serious and critical violations fail the current test at its end.
 */
export async function scanA11y(page: Page, label: string): Promise<void> {
  const scanner = current;
  if (!scanner) throw new Error('scanA11y runs inside a test that uses the fixtures of e2e/fixtures.ts');
  // Let scans scheduled by earlier navigations finish first: they must not see this state half-built
  // (a scan stuck for another reason is given up after SCAN_GIVE_UP_MS, as at the end of a test).
  await pendingScansSettled(scanner);
  await runScan(scanner, page, label, true);
}

export function formatA11yViolations(violations: A11yViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.rule} at ${v.target} on ${v.url} (${v.state}): ${v.help}`).join('\n');
}

export const test = base.extend<{ cspGuard: CspViolation[]; a11yGuard: Scanner }>({
  cspGuard: [
    async ({ context, browser }, provide) => {
      const violations: CspViolation[] = [];
      await watchCsp(context, violations);
      // Contexts the test opens itself (browser.newPage() goes through newContext) are watched too.
      const b = browser as Browser & { newContext: Browser['newContext'] };
      const original = b.newContext;
      b.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const ctx = await original.apply(b, args);
        await watchCsp(ctx, violations);
        return ctx;
      };
      try {
        await provide(violations);
      } finally {
        b.newContext = original;
      }
      expect(violations, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  a11yGuard: [
    async ({ context, browser }, provide) => {
      const scanner: Scanner = { violations: [], seen: seenInWorker, pending: new Set(), watched: new WeakSet(), scans: 0 };
      current = scanner;
      watchContext(scanner, context);
      const b = browser as Browser & { newContext: Browser['newContext'] };
      const original = b.newContext;
      b.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const ctx = await original.apply(b, args);
        watchContext(scanner, ctx);
        return ctx;
      };
      try {
        await provide(scanner);
        // Scans the journey started before it ended (a scan stuck on a dead page is given up after 30 s).
        await pendingScansSettled(scanner);
        base.info().annotations.push({ type: 'a11y', description: `${scanner.scans} new page states scanned with axe` });
      } finally {
        b.newContext = original;
        current = null;
      }
      expect(
        scanner.violations,
        `Serious or critical accessibility violations (WCAG 2.2 AA):\n${formatA11yViolations(scanner.violations)}`,
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
