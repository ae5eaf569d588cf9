import type { PageCacheSync } from './page-cache-sync.mjs';
export declare function processSync(): PageCacheSync | null;
export type CacheEntry = { lastModified?: number; value: { kind: string; html?: string; headers?: Record<string, string> } | null } | null;
export default class PatronagePageCache {
  constructor(ctx: {
    fs: unknown;
    serverDistDir: string;
    flushToDisk?: boolean;
    revalidatedTags?: string[];
    maxMemoryCacheSize?: number;
    sync?: PageCacheSync | null;
  });
  readonly sync: PageCacheSync | null;
  get(key: string, ctx: Record<string, unknown>): Promise<CacheEntry>;
  set(key: string, data: Record<string, unknown> | null, ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: unknown): Promise<void>;
}
