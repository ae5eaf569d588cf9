import type { MirrorStamp } from './sql';

export type SyncAction = 'created' | 'updated' | 'unchanged' | 'skipped';
/**
 * What a sync did. `stale`: the fetch lost to a newer one already stored (another node or request), so
 * nothing was written; the emails were still chosen from the row as stored.
 */
export type SyncResult = { id: string; action: SyncAction; changes: string[]; reason?: string; stale?: boolean };
export type SyncOptions = {
  emails?: boolean;
  now?: Date;
  /**
   * A mirror stamp the caller read after its request arrived (the webhook's claim statement reads one):
   * a sync that starts at once may use it instead of reading the clock again; a sync queued behind
   * another reads the clock when it starts (it serves requests that arrived later).
   */
  stamp?: MirrorStamp;
};

/** An object the caller fetched from Stripe itself, and the mirror stamp read before that fetch. */
export type Prefetched<T> = { object: T; stamp: MirrorStamp };
