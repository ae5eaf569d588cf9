/**
 * The `test` every spec uses: Playwright's, plus a guard that fails the test on any Content Security
 * Policy violation (a `securitypolicyviolation` event) in any page or frame of any browser context the
 * test opens, its own `page` and `browser.newPage()` alike. Specs import `test` and `expect` from here,
 * never from '@playwright/test' (tests/e2e-fixtures.test.ts checks).
 */
import { expect, test as base, type Browser, type BrowserContext } from '@playwright/test';

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

export const test = base.extend<{ cspGuard: CspViolation[] }>({
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
});

export { expect };
