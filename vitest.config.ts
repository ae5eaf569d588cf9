import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: [
      'lib/**/*.test.ts',
      'sandbox/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/**/*.test.ts',
      'app/**/*.test.ts',
      'app/**/*.test.tsx',
      'components/**/*.test.tsx',
    ],
    // *.pg.test.ts need PostgreSQL (several connections at once): only with TEST_DATABASE_URL.
    exclude: ['node_modules', 'e2e', 'data', ...(process.env.TEST_DATABASE_URL ? [] : ['**/*.pg.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite and the Stripe stand-in are heavy per worker; two cores here.
    maxWorkers: 2,
  },
});
