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
type Lane<T> = { running: Promise<T> | null; next: Promise<T> | null };

export function coalescing<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const lanes = new Map<string, Lane<T>>();
  return (key, run) => {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { running: null, next: null }));
    if (lane.next) return lane.next;
    const l = lane;
    const start = (): Promise<T> => {
      const p: Promise<T> = run().finally(() => {
        if (l.running !== p) return;
        l.running = null;
        if (!l.next && lanes.get(key) === l) lanes.delete(key);
      });
      l.running = p;
      return p;
    };
    if (!l.running) return start();
    const next = l.running
      .catch(() => undefined)
      .then(() => {
        l.next = null;
        return start();
      });
    l.next = next;
    return next;
  };
}
