// @ts-check
/**
 * One node's view of page-cache invalidations made by every node on one PostgreSQL database.
 *
 * Plain JavaScript: Next.js loads the cache handler (./page-cache-handler.mjs) with a bare import,
 * in `next build` workers too, where no TypeScript loader is registered.
 *
 * - `publish(tags)`: the invalidation is written to "PageCacheInvalidation" (newest per tag) and
 *   announced with NOTIFY in the same statement (delivered at commit).
 * - Every node LISTENs on one connection of its own; a notification marks the tags expired as of
 *   its arrival, so an entry rendered before it (possibly from the data before the edit) is not served.
 * - When a node starts it reads the whole table (pages in its build folder may predate edits made
 *   since); when its LISTEN connection comes back it re-reads what changed meanwhile; while that
 *   connection is down, `check()` reads the table's newest rows (at most every POLL_MS).
 *
 * Times in `expiredAt` are this process's clock (Date.now()), the clock the file-system cache stamps
 * entries with; a row read at start-up keeps the database's time of the invalidation.
 */
import { randomUUID } from 'node:crypto';
import Pg from 'pg';

export const CHANNEL = 'patronage_page_cache';
/** A render that began before an invalidation may finish after it: entries stored this soon after one are not trusted. */
export const RENDER_MARGIN_MS = 2_000;
/** How often `check()` reads the table while the LISTEN connection is down. */
export const POLL_MS = 500;
/** Re-read rows this much older than the last read: a transaction may commit a row stamped a little earlier. */
const OVERLAP_MS = 5_000;
/** NOTIFY payloads are limited to 8000 bytes: past this, peers re-read the table instead. */
const MAX_PAYLOAD = 7_000;

/**
 * @typedef {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} Queryable
 * @typedef {{ url: string, onExpire?: (tags: string[], at: number) => void, log?: (message: string) => void, connectTimeoutMs?: number }} SyncOptions
 */

export class PageCacheSync {
  /** @param {SyncOptions} opts */
  constructor(opts) {
    this.url = opts.url;
    this.onExpire = opts.onExpire;
    this.log = opts.log ?? ((m) => console.warn(`[page cache] ${m}`));
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 2_000;
    this.node = randomUUID();
    /** @type {Map<string, number>} tag → when it was last invalidated (local clock, ms) */
    this.expiredAt = new Map();
    /** @type {import('pg').Pool | undefined} */
    this.pool = undefined;
    /** @type {import('pg').Client | undefined} */
    this.listener = undefined;
    this.listening = false;
    this.closed = false;
    /** Database time (ms) of the last read of the table; rows after it minus OVERLAP_MS are read next. */
    this.readUpTo = 0;
    this.lastPollAt = 0;
    this.pollFailing = false;
    /** @type {Promise<void> | undefined} */
    this.starting = undefined;
    /** Start-up finished (listening or not): `check()` no longer waits for it. */
    this.ready = false;
    /** @type {NodeJS.Timeout | undefined} */
    this.retryTimer = undefined;
    this.retryMs = 500;
  }

  /** Connects and reads the table once; later calls wait for that (bounded by connectTimeoutMs). */
  start() {
    this.starting ??= this.connect()
      .catch((err) => {
        this.log(`could not listen for invalidations yet (${err instanceof Error ? err.message : err}); retrying`);
        this.scheduleReconnect();
      })
      .finally(() => (this.ready = true));
    return withTimeout(this.starting, this.connectTimeoutMs);
  }

  /** Marks `tags` expired here now. */
  expire(tags, at = Date.now()) {
    for (const tag of tags) if ((this.expiredAt.get(tag) ?? 0) < at) this.expiredAt.set(tag, at);
    this.onExpire?.(tags, at);
  }

  /** Whether an entry stored at `lastModified` (ms) with these tags must be rendered again. */
  isExpired(tags, lastModified) {
    for (const tag of tags) {
      const at = this.expiredAt.get(tag);
      if (at !== undefined && at > lastModified - RENDER_MARGIN_MS) return true;
    }
    return false;
  }

  /** Records and announces an invalidation made on this node; marks it here at once. */
  async publish(tags) {
    if (!tags.length) return;
    this.expire(tags);
    const payload = JSON.stringify({ n: this.node, t: tags });
    await this.getPool().query(
      `WITH up AS (
         INSERT INTO "PageCacheInvalidation" (tag, at) SELECT DISTINCT unnest($1::text[]), clock_timestamp()
         ON CONFLICT (tag) DO UPDATE SET at = EXCLUDED.at RETURNING 1)
       SELECT pg_notify($2, $3) FROM (SELECT count(*) FROM up) n`,
      [tags, CHANNEL, payload.length > MAX_PAYLOAD ? JSON.stringify({ n: this.node, reread: true }) : payload],
    );
  }

  /**
   * Before a cache read: waits for start-up, and while the LISTEN connection is down reads the
   * table (throttled) so this node still learns of other nodes' invalidations.
   */
  async check() {
    // Every cache read comes here: once started and listening, it returns at once.
    if (!this.ready) await this.start();
    if (this.listening || this.closed) return;
    const now = Date.now();
    if (now - this.lastPollAt < POLL_MS) return;
    this.lastPollAt = now;
    try {
      await this.readChanges(false);
      this.pollFailing = false;
    } catch (err) {
      // Once per outage, not twice a second: the page is served from this node's cache meanwhile.
      if (!this.pollFailing)
        this.log(
          `could not read invalidations (serving cached pages until the database answers): ${err instanceof Error ? err.message : err}`,
        );
      this.pollFailing = true;
    }
  }

  async close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    await Promise.allSettled([listener?.end(), this.pool?.end()]);
  }

  // ---- internals ----

  getPool() {
    if (!this.pool) {
      this.pool = new Pg.Pool({ connectionString: this.url, max: 2, Client: ProcessContextClient });
      this.pool.on('error', (err) => this.log(`idle connection closed: ${err.message}`));
    }
    return this.pool;
  }

  async connect() {
    if (this.closed) return;
    const client = new ProcessContextClient({ connectionString: this.url });
    client.on('notification', (msg) => this.onNotification(msg.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.listener = client;
    this.listening = true;
    this.retryMs = 500;
    // First connection: every recorded invalidation, at its own time. After a reconnection: what
    // changed while not listening, as of now (a page rendered meanwhile may hold the old data).
    await this.readChanges(this.readUpTo === 0);
  }

  /** Reads rows newer than the last read (all of them the first time) and marks their tags. */
  async readChanges(atTheirTime) {
    const since = this.readUpTo ? this.readUpTo - OVERLAP_MS : 0;
    const { rows } = await (this.listener && this.listening ? this.listener : this.getPool()).query(
      `SELECT tag, (extract(epoch FROM at) * 1000)::float8 AS at, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now
         FROM "PageCacheInvalidation" WHERE at > to_timestamp($1::float8 / 1000)
       UNION ALL SELECT NULL, NULL, (extract(epoch FROM clock_timestamp()) * 1000)::float8`,
      [since],
    );
    const local = Date.now();
    for (const row of rows) {
      if (row.tag === null) this.readUpTo = Math.max(this.readUpTo, Number(row.now));
      else this.expire([row.tag], atTheirTime ? Number(row.at) : local);
    }
  }

  onNotification(payload) {
    /** @type {{ n?: string, t?: string[], reread?: boolean }} */
    let message;
    try {
      message = JSON.parse(payload ?? '{}');
    } catch {
      return;
    }
    if (message.reread) void this.readChanges(false).catch((err) => this.log(`could not read invalidations: ${err.message}`));
    else if (message.n !== this.node && Array.isArray(message.t)) this.expire(message.t);
  }

  lost(client, err) {
    if (client !== this.listener || this.closed) return;
    this.listening = false;
    this.listener = undefined;
    this.log(`LISTEN connection lost (${err.message}); reading the table until it is back`);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch((err) => {
        this.log(`reconnecting failed (${err instanceof Error ? err.message : err})`);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
        this.scheduleReconnect();
      });
    }, this.retryMs);
    this.retryTimer.unref();
  }
}

/**
 * Runs `fn` in the process's async context when the server captured one (lib/runtime/process-context.ts):
 * a connection opened while serving a request would otherwise keep that request alive (README "Memory").
 * @template T @param {() => T} fn @returns {T}
 */
function inProcessContext(fn) {
  const context = /** @type {{ __patronageProcessContext?: import('node:async_hooks').AsyncResource }} */ (globalThis)
    .__patronageProcessContext;
  return context ? context.runInAsyncScope(fn) : fn();
}

/**
 * Connections outlive the request that happens to open them (the pool opens them on first query):
 * each connects in the process's context, as lib/db/client.ts does for the app's pool.
 */
class ProcessContextClient extends Pg.Client {
  /** @param {any[]} args */
  connect(...args) {
    return inProcessContext(() => /** @type {any} */ (super.connect)(...args));
  }
}

/** @param {Promise<void>} work @param {number} ms */
function withTimeout(work, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  return Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
