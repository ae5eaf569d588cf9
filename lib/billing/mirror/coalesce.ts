/**
 * In-process coalescing of syncs of one object: an optimisation only, the database orders the mirror
 * (a stale fetch written last loses whichever process wrote it). At most one sync per key runs in this
 * process; requests arriving while it runs wait for one NEXT sync, which starts (and fetches from
 * Stripe) after they arrived, and share it. A fetch that started before a request arrived is never
 * reused for it, so a webhook is always answered with a state at least as new as its event.
 * Why keep it: a subscription's checkout, created, updated and invoice events arrive together, and
 * about half of the syncs in the webhook bench overlapped another of the same id; each shared sync is
 * a Stripe request and a transaction saved.
 */
export type Sync<T> = { promise: Promise<T>; stamp?: string };
type Lane<T> = { running: Sync<T> | null; next: Promise<T> | null };

export type Coalescing<T> = {
  /** Runs `run` for `key` now, or as the next sync of `key` (shared by everything arriving before it starts). `run` records its stamp on the sync. */
  run(key: string, run: (sync: Sync<T>) => Promise<T>): Promise<T>;
  /** The sync of `key` running in this process, and the one queued after it. */
  peek(key: string): { running: Sync<T> | null; next: Promise<T> | null };
};

export function coalescing<T>(): Coalescing<T> {
  const lanes = new Map<string, Lane<T>>();
  return {
    peek: (key) => lanes.get(key) ?? { running: null, next: null },
    run(key, run) {
      let lane = lanes.get(key);
      if (!lane) lanes.set(key, (lane = { running: null, next: null }));
      if (lane.next) return lane.next;
      const l = lane;
      const start = (): Promise<T> => {
        const sync = {} as Sync<T>;
        sync.promise = run(sync).finally(() => {
          if (l.running !== sync) return;
          l.running = null;
          if (!l.next && lanes.get(key) === l) lanes.delete(key);
        });
        l.running = sync;
        return sync.promise;
      };
      if (!l.running) return start();
      const next = l.running.promise
        .catch(() => undefined)
        .then(() => {
          l.next = null;
          return start();
        });
      l.next = next;
      return next;
    },
  };
}
