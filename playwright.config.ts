import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The suite runs the real `npm start` path on its own port, build folder, embedded database and
// Stripe stand-in state, so it never disturbs a running demo.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
/** Sign-in emails per address per hour on the suite's server (e2e/limits.spec.ts asks for one more). */
export const E2E_SIGNIN_EMAIL_LIMIT = 30;
// Per-port data and build folders, so two suites (e.g. two engineers) can run side by side.
const dataDir = path.resolve('data', E2E_PORT === 3200 ? 'e2e' : `e2e-${E2E_PORT}`);
export const E2E_DIST_DIR = E2E_PORT === 3200 ? '.next-e2e' : `.next-e2e-${E2E_PORT}`;
const distDir = E2E_DIST_DIR;
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: E2E_PORT === 3200 ? 'test-results/e2e' : `test-results/e2e-${E2E_PORT}`,
  reporter: [['list'], ['json', { outputFile: E2E_PORT === 3200 ? 'test-results/e2e.json' : `test-results/e2e-${E2E_PORT}.json` }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `rm -rf "${dataDir}" && node_modules/.bin/tsx scripts/start.ts`,
    url: `http://localhost:${E2E_PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      NEXT_DIST_DIR: distDir,
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      DATABASE_URL: '',
      EMAIL_SERVER: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_SANDBOX_PORT: String(E2E_PORT + 1000),
      STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe-sandbox.json'),
      ADMIN_EMAILS: 'admin@e2e.test',
      // Test mode only: each new Stripe customer lives on its own test clock (e2e/membership.spec.ts advances it).
      STRIPE_TEST_CLOCKS: '1',
      // Every journey signs people in from this one machine, staff several times with one address: more
      // than the default limits of sign-in emails. e2e/limits.spec.ts exercises the per-address limit.
      LIMIT_SIGNIN_IP: '500/1h',
      LIMIT_SIGNIN_EMAIL: `${E2E_SIGNIN_EMAIL_LIMIT}/1h`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
