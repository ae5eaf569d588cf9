import type { NextConfig } from 'next';
import { securityHeaders } from './lib/config/security-headers';

const config: NextConfig = {
  // Separate build folders let several builds (e.g. tests and a running demo) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
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
};

export default config;
