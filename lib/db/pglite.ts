import type { PGlite } from '@electric-sql/pglite';

/**
 * Opens the embedded database: a data folder, or a throwaway one in memory ("memory://").
 * Extensions the migrations create must be loaded here too (PGlite bundles them separately):
 * pg_trgm backs the members search (trigram indexes on email and name).
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm')]);
  const options = { extensions: { pg_trgm } };
  const pglite = dataDir === 'memory://' ? new PGlite(options) : new PGlite(dataDir, options);
  await pglite.waitReady;
  return pglite;
}
