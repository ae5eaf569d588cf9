import path from 'node:path';
import type { NextConfig } from 'next';
import { applyServerActionsKey } from './lib/config/cluster';
import { securityHeaders } from './lib/config/security-headers';
import { localeRedirects, localeRewrites } from './lib/i18n/routes';

// The same Server Actions key at build time and on every node (lib/config/cluster.ts).
applyServerActionsKey(process.env);

const config: NextConfig = {
  // Separate build folders let several builds (e.g. tests and a running demo) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Set by scripts/build-app.ts for the build and by scripts/serve.ts from the build's stamp: every
  // node of one build names the same deployment, and browsers holding an older one reload.
  deploymentId: process.env.DEPLOYMENT_ID?.trim() || undefined,
  // Next's file-system page cache, with invalidations shared by every node on PostgreSQL
  // (README "Several nodes: page cache"); exactly the default cache without DATABASE_URL.
  cacheHandler: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/cache/page-cache-handler.mjs'),
  poweredByHeader: false,
  // Bundled, PGlite's wasm path breaks; the schema engine loads its own wasm too; pg-boss is CommonJS with dynamic requires.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/schema-engine-wasm', 'pg-boss'],
  experimental: {
    // forbidden() answers a real 403 with app/forbidden.tsx.
    authInterrupts: true,
    // PGlite allows one process per data folder: prerender with a single worker when embedded.
    ...(process.env.DATABASE_URL ? {} : { cpus: 1 }),
  },
  // Security headers on every response, pages (static and dynamic), route handlers and assets alike.
  // Static: article pages stay cached (see lib/config/security-headers.ts and the README).
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders() }];
  },
  // English pages have no prefix: /topics is served by app/[locale]/… as /en/topics (a rewrite, so no
  // proxy runs on the reading path); /en/topics itself redirects to /topics. See lib/i18n/routes.ts.
  async redirects() {
    return localeRedirects();
  },
  async rewrites() {
    return { beforeFiles: localeRewrites(), afterFiles: [], fallback: [] };
  },
};

export default config;
