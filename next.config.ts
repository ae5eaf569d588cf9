import { createRequire } from 'node:module';
import path from 'node:path';
import type { NextConfig } from 'next';
import { applyServerActionsKey, nextDeploymentId } from './lib/config/cluster';
import { SECURITY_HEADERS_SOURCE, securityHeaders } from './lib/config/security-headers';
import { browserGroups } from './lib/i18n/client-messages';
import { localeRedirects, localeRewrites } from './lib/i18n/routes';

// Messages are precompiled when Next bundles them (next-intl's own catalog loader, icu-minify), and
// next-intl formats them with its parser-free formatter (the alias): the browser no longer downloads
// intl-messageformat and its ICU parser. Only inside Next: tests and scripts read the JSON as written,
// with next-intl's default formatter. In browser code a messages file keeps only the groups client
// components read (lib/i18n/build/browser-catalogue-loader.cjs).
const precompile = { loader: 'next-intl/extractor/catalogLoader', options: { messages: { format: 'json', precompile: true } } };
const messagesFiles = { path: '{./messages}/**/*' };
// A relative path: Turbopack ignores an absolute alias target for a package's subpath (vercel/next.js#88540).
const formatOnly = `./${path.relative(process.cwd(), createRequire(import.meta.url).resolve('use-intl/format-message/format-only')).replace(/\\/g, '/')}`;

// The same Server Actions key at build time and on every node (lib/config/cluster.ts).
applyServerActionsKey(process.env);

// Separate build folders let several builds (e.g. tests and a running demo) live side by side.
const distDir = process.env.NEXT_DIST_DIR || '.next';

// A function of Next's phase: a server names the deployment its build was made with.
const config = (phase: string): NextConfig => ({
  distDir,
  // Every node of one build names the same deployment, and browsers holding an older one reload
  // (lib/config/cluster.ts: a server without DEPLOYMENT_ID takes the one its build was made with).
  deploymentId: nextDeploymentId(phase, process.env, path.resolve(/*turbopackIgnore: true*/ process.cwd(), distDir)),
  // Next's file-system page cache, with invalidations shared by every node on PostgreSQL
  // (README "Several nodes: page cache"); exactly the default cache without DATABASE_URL.
  cacheHandler: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/cache/page-cache-handler.mjs'),
  poweredByHeader: false,
  turbopack: {
    rules: {
      '*.json': [
        {
          condition: { all: ['browser', messagesFiles] },
          loaders: [precompile, { loader: './lib/i18n/build/browser-catalogue-loader.cjs', options: { groups: browserGroups() } }],
          as: '*.js',
        },
        { condition: { all: [{ not: 'browser' }, messagesFiles] }, loaders: [precompile], as: '*.js' },
      ],
    },
    resolveAlias: { 'use-intl/format-message': formatOnly },
  },
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
    return [{ source: SECURITY_HEADERS_SOURCE, headers: securityHeaders() }];
  },
  // English pages have no prefix: /topics is served by app/[locale]/… as /en/topics (a rewrite, so no
  // proxy runs on the reading path); /en/topics itself redirects to /topics. See lib/i18n/routes.ts.
  async redirects() {
    return localeRedirects();
  },
  async rewrites() {
    return { beforeFiles: localeRewrites(), afterFiles: [], fallback: [] };
  },
});

export default config;
