// @ts-check
/**
 * Next.js's page cache (next.config `cacheHandler`): its own file-system cache, plus, on PostgreSQL
 * (DATABASE_URL), invalidations shared by every node (./page-cache-sync.mjs). Without DATABASE_URL,
 * and while `next build` prerenders, it is exactly Next's default cache.
 *
 * - revalidateTag (what revalidatePath/revalidateTag end in, with Next's implicit path tags such as
 *   `_N_T_/articles/x`) is published to every node;
 * - get() answers "not cached" for an entry whose tags another node (or this one) invalidated after
 *   it was stored, so the request renders the page afresh.
 *
 * README "Several nodes: page cache" says why invalidations travel and pages stay on each node.
 */
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import TagsManifestModule from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js';
import { PageCacheSync } from './page-cache-sync.mjs';

/** @type {any} */
const FileSystemCache = /** @type {any} */ (FileSystemCacheModule).default ?? FileSystemCacheModule;
/** @type {Map<string, { stale?: number, expired?: number }>} */
const nextTagsManifest = /** @type {any} */ (TagsManifestModule).tagsManifest;

const NEXT_CACHE_TAGS_HEADER = 'x-next-cache-tags';

/**
 * This process's sync, on globalThis (the handler module may be loaded more than once); null when
 * there is nothing to share: no DATABASE_URL, or a build.
 * @returns {PageCacheSync | null}
 */
export function processSync() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url || process.env.NEXT_PHASE === 'phase-production-build') return null;
  const g =
    /** @type {{ __patronagePageCacheSync?: PageCacheSync, __patronageLifecycle?: { draining: boolean, closers: { name: string, close: () => Promise<void> | void }[] } }} */ (
      globalThis
    );
  if (!g.__patronagePageCacheSync) {
    // Next's own checks (IncrementalCache) read its tags manifest: keep it in step with the other nodes.
    const sync = new PageCacheSync({
      url,
      onExpire: (tags, at) => {
        for (const tag of tags) {
          const entry = nextTagsManifest.get(tag) ?? {};
          if ((entry.expired ?? 0) < at) nextTagsManifest.set(tag, { ...entry, expired: at });
        }
      },
    });
    g.__patronagePageCacheSync = sync;
    // Closed at shutdown with the rest (lib/runtime/lifecycle.ts keeps its state on globalThis too).
    (g.__patronageLifecycle ??= { draining: false, closers: [] }).closers.push({ name: 'page cache sync', close: () => sync.close() });
  }
  return g.__patronagePageCacheSync;
}

/** The tags an entry answers to: its own (pages: the tags header, with Next's implicit path tags) and the request's. */
function tagsOf(data, ctx) {
  const tags = [...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
  const header = data?.value?.headers?.[NEXT_CACHE_TAGS_HEADER];
  if (typeof header === 'string' && header) tags.push(...header.split(','));
  return tags;
}

export default class PatronagePageCache extends FileSystemCache {
  /** @param {any} ctx Next's handler context; `sync` is for tests (two "nodes" in one process). */
  constructor(ctx) {
    super(ctx);
    /** @type {PageCacheSync | null} */
    this.sync = ctx.sync === undefined ? processSync() : ctx.sync;
  }

  async get(...args) {
    const [, ctx] = args;
    if (!this.sync) return super.get(...args);
    await this.sync.check();
    const data = await super.get(...args);
    if (data && this.sync.isExpired(tagsOf(data, ctx), data.lastModified ?? 0)) return null;
    return data;
  }

  /**
   * On PostgreSQL, every invalidation expires the entries at once on every node (a remote node must not
   * serve the old page even once), whatever `durations` asked for; Patronage only uses revalidatePath.
   * @param {string | string[]} tags
   * @param {unknown} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : tags;
    if (!this.sync) return super.revalidateTag(tags, durations);
    try {
      await this.sync.publish(list);
    } catch (err) {
      // This node already knows (publish marks it first); the others learn nothing: say so loudly.
      console.error(`[page cache] could not share an invalidation with the other nodes: ${err instanceof Error ? err.message : err}`);
    }
  }
}
