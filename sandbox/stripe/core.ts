/**
 * The sandbox context shared by all resources: store, clocks, rendering/expansion
 * of objects, and event emission (events are also handed to webhook delivery).
 */
import { ApiError, clone, newId, type Obj } from './protocol.ts';
import type { Store } from './store.ts';

export const API_VERSION = '2026-10-28.endive';

export interface EventSink {
  /** Number of endpoints an event of this type would go to. */
  countFor(type: string): number;
  enqueue(event: Obj): void;
}

interface PendingEvent {
  type: string;
  object: Obj;
  previous?: Obj;
  created: number;
}

type Renderer = (stored: Obj, sb: Sandbox) => Obj;
type Virtual = (rendered: Obj, sb: Sandbox) => unknown;

export class Sandbox {
  readonly renderers: Record<string, Renderer> = {};
  /** Fields that exist only when expanded (`line_items` on a checkout session, `payments` on an invoice). */
  readonly virtuals: Record<string, Record<string, Virtual>> = {};
  request: { id: string | null; idempotencyKey: string | null } = { id: null, idempotencyKey: null };
  private buffer: PendingEvent[] | null = null;
  sink: EventSink | null = null;
  /** Work that will emit more events later (clock advances); awaited by deliveriesSettled(). */
  pendingWork = 0;
  /** How long a SEPA Direct Debit takes to succeed or fail (sepa.ts), ms. */
  sepaSettleMs = 1500;

  constructor(
    readonly store: Store,
    readonly publicUrl: string,
    readonly apiVersion = API_VERSION,
  ) {}

  // ---------- time ----------
  realNow(): number {
    return Math.floor(Date.now() / 1000);
  }

  clockOf(customerId: unknown): Obj | null {
    if (typeof customerId !== 'string') return null;
    const c = this.store.get(customerId);
    if (!c || typeof c.test_clock !== 'string') return null;
    return this.store.get(c.test_clock) ?? null;
  }

  /** "Now" for objects of a customer: the frozen time of its test clock, else real time. */
  nowFor(customerId: unknown): number {
    const clock = this.clockOf(customerId);
    return clock ? (clock.frozen_time as number) : this.realNow();
  }

  // ---------- rendering ----------
  render(stored: Obj): Obj {
    const r = this.renderers[stored.object as string];
    return r ? r(stored, this) : clone(stored);
  }

  get(id: string): Obj | null {
    const o = this.store.get(id);
    return o ? this.render(o) : null;
  }

  expand(json: Obj, paths: string[]): Obj {
    for (const p of paths) this.expandPath(json, p.split('.'), p);
    return json;
  }

  private expandPath(node: unknown, segs: string[], full: string): void {
    if (!node || typeof node !== 'object' || segs.length === 0) return;
    if (Array.isArray(node)) {
      for (const el of node) this.expandPath(el, segs, full);
      return;
    }
    const n = node as Obj;
    const [head, ...rest] = segs as [string, ...string[]];
    let v = n[head];
    if (v === undefined) {
      const virt = typeof n.object === 'string' ? this.virtuals[n.object]?.[head] : undefined;
      if (!virt) throw new ApiError(400, 'invalid_request_error', `This property cannot be expanded (${full}).`, undefined, 'expand');
      v = virt(n, this);
    } else if (typeof v === 'string') {
      const o = this.store.get(v);
      if (!o) throw new ApiError(400, 'invalid_request_error', `This property cannot be expanded (${full}).`, undefined, 'expand');
      v = this.render(o);
    }
    n[head] = v;
    if (rest.length) this.expandPath(v, rest, full);
  }

  // ---------- events ----------
  /** Records an event (`data.object` is a snapshot now). Inside collect() it is held back. */
  emit(type: string, object: Obj, previous?: Obj, at?: number): void {
    const created = at ?? this.eventTime(object);
    const pending: PendingEvent = { type, object: clone(object), previous: previous ? clone(previous) : undefined, created };
    if (this.buffer) this.buffer.push(pending);
    else this.dispatch(pending);
  }

  private eventTime(object: Obj): number {
    if (object.object === 'test_helpers.test_clock') return object.frozen_time as number;
    if (object.object === 'customer') return this.nowFor(object.id);
    const cus = typeof object.customer === 'string' ? object.customer : object.customer?.id;
    return this.nowFor(cus);
  }

  /**
   * Runs fn while holding back events, then emits them ordered by `order`
   * (types listed first, in that order; the rest keep their relative order).
   */
  collect<T>(fn: () => T, order: string[] = []): T {
    const outer = this.buffer;
    this.buffer = [];
    let events: PendingEvent[];
    let result: T;
    try {
      result = fn();
    } finally {
      events = this.buffer;
      this.buffer = outer;
    }
    const rank = (t: string) => {
      const i = order.indexOf(t);
      return i === -1 ? order.length : i;
    };
    const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.type) - rank(b.e.type) || a.i - b.i);
    for (const { e } of sorted) this.emit(e.type, e.object, e.previous, e.created);
    return result;
  }

  private dispatch(p: PendingEvent): void {
    const data: Obj = { object: p.object };
    if (p.previous) data.previous_attributes = p.previous;
    const event: Obj = {
      id: newId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: p.created,
      data,
      livemode: false,
      pending_webhooks: this.sink ? this.sink.countFor(p.type) : 0,
      request: { id: this.request.id, idempotency_key: this.request.idempotencyKey },
      type: p.type,
    };
    this.store.put(event);
    this.sink?.enqueue(clone(event));
  }
}

/** Shallow diff helper for `previous_attributes`: values in `before` whose JSON differs in `after`. */
export function previousAttributes(before: Obj, after: Obj): Obj {
  const prev: Obj = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) prev[k] = before[k] ?? null;
  }
  return prev;
}
