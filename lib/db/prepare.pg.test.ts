/** Two nodes starting together on a fresh PostgreSQL database: one migrates and seeds, the other waits and finds nothing to do. */
import { describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '@/lib/articles/demo-content';
import { clientOnPostgres } from './client';
import { readMigrations } from './migrate';
import { prepareDatabase } from './prepare';
import { createScratchDatabase } from './testing';

describe('prepareDatabase on PostgreSQL', () => {
  it('two concurrent calls on a fresh database: one migration run, one seeding, no errors', async () => {
    const { url, drop } = await createScratchDatabase(process.env.TEST_DATABASE_URL!);
    try {
      const seeded: number[] = [];
      const logs: string[][] = [[], []];
      const node = (i: number) =>
        prepareDatabase(
          { kind: 'postgres', url },
          { log: (m) => logs[i]!.push(m), seed: async (prisma) => void seeded.push(await seedDemoIfEmpty(prisma)) },
        );
      const [a, b] = await Promise.all([node(0), node(1)]);
      const all = (await readMigrations()).migrationDirectories.map((d) => d.path);
      // Exactly one of them applied every migration; the other found them applied.
      expect([a.applied, b.applied].sort((x, y) => y.length - x.length)).toEqual([all, []]);
      expect(seeded.sort((x, y) => y - x)[1]).toBe(0);
      expect(seeded[0]).toBeGreaterThan(0);
      // The one that came second waited for the lock (it did not run beside the first).
      expect(logs.flat()).toContain('Another node is migrating or seeding the database: waiting for it.');
      const { prisma, close } = await clientOnPostgres(url, 2);
      try {
        expect(await prisma.article.count()).toBe(seeded[0]);
        const [{ n }] = (await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)) as [
          { n: number },
        ];
        expect(n).toBe(all.length);
      } finally {
        await close();
      }
    } finally {
      await drop();
    }
  });
});
