import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The suite runs the real `npm start` path on its own port, build folder, embedded database and
// Stripe stand-in state, so it never disturbs a running demo.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
const dataDir = path.resolve('data', 'e2e');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
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
      NEXT_DIST_DIR: '.next-e2e',
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      DATABASE_URL: '',
      EMAIL_SERVER: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_SANDBOX_PORT: String(E2E_PORT + 1000),
      STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe-sandbox.json'),
      ADMIN_EMAILS: 'admin@e2e.test',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
