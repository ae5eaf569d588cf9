/**
 * In-memory state with optional JSON persistence (debounced, write-then-rename).
 * Every API object lives in `objects` keyed by id; data that Stripe keeps private
 * (card behaviour, retry schedules, webhook secrets...) lives in `meta`.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { clone, errors, type Obj } from './protocol.ts';

export interface IdempotentResponse {
  method: string;
  path: string;
  bodyHash: string;
  status: number;
  body: string;
  requestId: string;
  createdAt: number;
}

interface State {
  version: 1;
  seq: number;
  objects: Record<string, Obj>;
  meta: Record<string, Obj>;
  order: Record<string, number>;
  idempotency: Record<string, IdempotentResponse>;
}

const NAMES: Record<string, string> = {
  customer: 'customer',
  product: 'product',
  price: 'price',
  'checkout.session': 'checkout.session',
  subscription: 'subscription',
  subscription_item: 'subscription_item',
  invoice: 'invoice',
  payment_intent: 'payment_intent',
  charge: 'charge',
  refund: 'refund',
  payment_method: 'PaymentMethod',
  'billing_portal.session': 'billing_portal.session',
  event: 'event',
  webhook_endpoint: 'webhook_endpoint',
  'test_helpers.test_clock': 'test_clock',
  invoice_payment: 'invoice_payment',
};

export class Store {
  private state: State;
  private saveTimer: NodeJS.Timeout | null = null;

  /**
   * Ids of each object type (`object` field), so listing one type does not walk every object: list
   * calls and the charge renderer (its refunds) used to scan thousands of events and invoices.
   */
  private readonly ids = new Map<string, Set<string>>();

  constructor(
    private readonly persistPath?: string,
    /** How long changes gather before the whole state is written again (it grows with every object). */
    private readonly saveDelayMs = 50,
  ) {
    this.state = { version: 1, seq: 0, objects: {}, meta: {}, order: {}, idempotency: {} };
    if (persistPath && existsSync(persistPath)) {
      const loaded = JSON.parse(readFileSync(persistPath, 'utf8')) as State;
      if (loaded && loaded.version === 1) this.state = loaded;
    }
    for (const [id, o] of Object.entries(this.state.objects)) this.idsOf(o.object).add(id);
  }

  private idsOf(object: unknown): Set<string> {
    const key = String(object);
    let set = this.ids.get(key);
    if (!set) this.ids.set(key, (set = new Set()));
    return set;
  }

  get(id: string): Obj | undefined {
    return this.state.objects[id];
  }

  /** Returns the stored object or throws Stripe's 404 `resource_missing`. */
  require(id: unknown, object: string, param = 'id'): Obj {
    if (typeof id !== 'string' || id === '') throw errors.missing(param);
    const o = this.state.objects[id];
    if (!o || o.object !== object || o.deleted) throw errors.notFound(NAMES[object] ?? object, id, param);
    return o;
  }

  put(obj: Obj, meta?: Obj): Obj {
    const id = obj.id as string;
    if (!(id in this.state.order)) this.state.order[id] = ++this.state.seq;
    const previous = this.state.objects[id];
    if (previous && previous.object !== obj.object) this.ids.get(String(previous.object))?.delete(id);
    this.state.objects[id] = obj;
    this.idsOf(obj.object).add(id);
    if (meta) this.state.meta[id] = { ...(this.state.meta[id] ?? {}), ...meta };
    this.scheduleSave();
    return obj;
  }

  remove(id: string): void {
    const o = this.state.objects[id];
    if (o) this.ids.get(String(o.object))?.delete(id);
    delete this.state.objects[id];
    delete this.state.meta[id];
    delete this.state.order[id];
    this.scheduleSave();
  }

  meta(id: string): Obj {
    return (this.state.meta[id] ??= {});
  }

  setMeta(id: string, patch: Obj): void {
    this.state.meta[id] = { ...(this.state.meta[id] ?? {}), ...patch };
    this.scheduleSave();
  }

  seqOf(id: string): number {
    return this.state.order[id] ?? 0;
  }

  /** Objects of one type, newest first (Stripe's list order). */
  all(object: string, filter?: (o: Obj) => boolean): Obj[] {
    const out: Obj[] = [];
    for (const id of this.ids.get(object) ?? []) {
      const o = this.state.objects[id];
      if (o && o.object === object && !o.deleted && (!filter || filter(o))) out.push(o);
    }
    return out.sort((a, b) => this.seqOf(b.id) - this.seqOf(a.id));
  }

  idempotent(key: string): IdempotentResponse | undefined {
    return this.state.idempotency[key];
  }

  rememberIdempotent(key: string, entry: IdempotentResponse): void {
    this.state.idempotency[key] = entry;
    // Stripe keeps keys for 24h; keep the newest 5000 here.
    const keys = Object.keys(this.state.idempotency);
    if (keys.length > 5000) for (const k of keys.slice(0, keys.length - 5000)) delete this.state.idempotency[k];
    this.scheduleSave();
  }

  snapshot(): Obj {
    return clone(this.state) as Obj;
  }

  scheduleSave(): void {
    if (!this.persistPath || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, this.saveDelayMs);
    this.saveTimer.unref?.();
  }

  flush(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    if (!this.persistPath) return;
    mkdirSync(path.dirname(path.resolve(this.persistPath)), { recursive: true });
    const tmp = `${this.persistPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.persistPath);
  }
}
