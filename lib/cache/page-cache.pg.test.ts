/**
 * Two "nodes" in one process: each its own PageCacheSync (LISTEN connection, expiry map) and its own
 * cache folder, on one PostgreSQL database. Next's shared tags manifest is left alone (no onExpire),
 * so what node B knows it learned through the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFs } from 'next/dist/server/lib/node-fs-methods';
import { setupTestDb } from '@/lib/db/testing-vitest';
import PatronagePageCache from './page-cache-handler.mjs';
import { PageCacheSync, RENDER_MARGIN_MS } from './page-cache-sync.mjs';

const db = setupTestDb();
const PAGE = '/articles/river-bridge';
const TAGS = '_N_T_/layout,_N_T_/(site)/layout,_N_T_/(site)/articles/[slug]/page,_N_T_/articles/river-bridge';
const dirs: string[] = [];
const syncs: PageCacheSync[] = [];

function node(): { sync: PageCacheSync; cache: PatronagePageCache } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-cache-node-'));
  dirs.push(dir);
  const sync = new PageCacheSync({ url: db.url!, log: () => undefined });
  syncs.push(sync);
  const cache = new PatronagePageCache({
    fs: nodeFs,
    serverDistDir: path.join(dir, 'server'),
    flushToDisk: true,
    revalidatedTags: [],
    maxMemoryCacheSize: 0,
    sync,
  });
  return { sync, cache };
}

const page = (html: string) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc:${html}`),
  headers: { 'x-next-cache-tags': TAGS },
  status: 200,
  postponed: undefined,
  segmentData: undefined,
});
const store = (cache: PatronagePageCache, html: string) =>
  cache.set(PAGE, page(html), { cacheControl: { revalidate: 300, expire: 31536000 } });
const read = async (cache: PatronagePageCache) => (await cache.get(PAGE, { kind: 'APP_PAGE', isFallback: false }))?.value?.html ?? null;

/** How long until `cache` stops serving its entry; fails after 2 s. */
async function msUntilMiss(cache: PatronagePageCache, since: number): Promise<number> {
  while (Date.now() - since < 2_000) {
    if ((await read(cache)) === null) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('still served after 2 s');
}

let a: ReturnType<typeof node>;
let b: ReturnType<typeof node>;

beforeAll(async () => {
  a = node();
  b = node();
  await Promise.all([a.sync.start(), b.sync.start()]);
  expect(a.sync.listening && b.sync.listening).toBe(true);
});

afterAll(async () => {
  await Promise.all(syncs.map((s) => s.close()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('page cache on several nodes', () => {
  it("an invalidation on node A (revalidatePath's implicit tag) stops node B serving the page within 2 s", async () => {
    await Promise.all([store(a.cache, 'old'), store(b.cache, 'old')]);
    expect(await read(b.cache)).toBe('old');
    const t = Date.now();
    await a.cache.revalidateTag(['_N_T_/articles/river-bridge']);
    expect(await read(a.cache)).toBeNull(); // at once on the node that edited
    expect(await msUntilMiss(b.cache, t)).toBeLessThan(2_000);
    // Recorded for nodes that start later.
    const rows = await db.prisma.pageCacheInvalidation.findMany();
    expect(rows.map((r) => r.tag)).toEqual(['_N_T_/articles/river-bridge']);
  });

  it('an unrelated tag leaves the page cached; the page rendered after the invalidation is served again', async () => {
    await a.cache.revalidateTag(['_N_T_/articles/another-story']);
    await new Promise((r) => setTimeout(r, RENDER_MARGIN_MS + 100));
    await store(b.cache, 'new');
    // Stored more than the render margin after the invalidation: trusted.
    expect(await read(b.cache)).toBe('new');
  });

  it('a node started after the invalidation does not serve its older copy (it reads the table at start)', async () => {
    const c = node();
    await store(c.cache, 'from the build');
    const old = Date.now() - 60_000;
    const dir = path.join(dirs.at(-1)!, 'server', 'app', 'articles');
    for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), old / 1000, old / 1000);
    expect(await read(c.cache)).toBeNull();
  });

  it("while B's LISTEN connection is down, B still learns of A's invalidations within 2 s", async () => {
    await store(b.cache, 'again');
    expect(await read(b.cache)).toBe('again');
    // The server ends B's listening session (a restart, a failover, an administrator).
    const pid = (b.sync.listener as unknown as { processID: number }).processID;
    await db.prisma.$queryRawUnsafe(`SELECT pg_terminate_backend(${Number(pid)})`);
    await expect.poll(() => b.sync.listening, { timeout: 2_000 }).toBe(false);
    const t = Date.now();
    await a.cache.revalidateTag(['_N_T_/articles/river-bridge']);
    expect(await msUntilMiss(b.cache, t)).toBeLessThan(2_000);
    // And it listens again.
    await expect.poll(() => b.sync.listening, { timeout: 5_000 }).toBe(true);
  });
});

describe('page cache without DATABASE_URL', () => {
  it("is Next's file-system cache: no sync, invalidations stay in the process", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-cache-embedded-'));
    dirs.push(dir);
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const cache = new PatronagePageCache({
        fs: nodeFs,
        serverDistDir: path.join(dir, 'server'),
        flushToDisk: true,
        revalidatedTags: [],
        maxMemoryCacheSize: 0,
      });
      expect(cache.sync).toBeNull();
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});
