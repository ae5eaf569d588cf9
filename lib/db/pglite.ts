import type { PGlite } from '@electric-sql/pglite';

/** Opens the embedded database: a data folder, or a throwaway one in memory ("memory://"). */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = dataDir === 'memory://' ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
  return pglite;
}
