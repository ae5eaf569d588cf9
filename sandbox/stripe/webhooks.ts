/**
 * Webhook delivery: signed like Stripe (`Stripe-Signature: t=..,v1=..`), asynchronous,
 * retried with exponential backoff, in creation order per endpoint unless chaos is on.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { EventSink } from './core.ts';
import type { Obj } from './protocol.ts';

export interface ChaosOptions {
  /** Probability (0..1) that an event is delivered a second time. */
  duplicateRate?: number;
  /** Deliver events out of creation order (random hold-back of up to maxDelayMs). */
  reorder?: boolean;
  /** Upper bound of the random extra delay per delivery, ms. */
  maxDelayMs?: number;
  /** Seed for the chaos RNG (deterministic runs). */
  seed?: number;
}

export interface Endpoint {
  id: string;
  url: string;
  secret: string;
  enabledEvents: string[];
}

export interface DeliveryRecord {
  eventId: string;
  type: string;
  endpointId: string;
  attempt: number;
  status: number | null;
  error?: string;
  at: number;
}

interface Job {
  endpoint: Endpoint;
  event: Obj;
  body: string;
  attempt: number;
  dueAt: number;
  seq: number;
}

export function signPayload(body: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
  return `t=${t},v1=${v1}`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chaosFromEnv(v: string | undefined): ChaosOptions | undefined {
  if (!v) return undefined;
  const parts = v.split(',').map((s) => s.trim().toLowerCase());
  const c: ChaosOptions = {};
  if (parts.includes('duplicate')) c.duplicateRate = 0.2;
  if (parts.includes('reorder')) c.reorder = true;
  if (parts.includes('delay') || c.reorder) c.maxDelayMs = 1000;
  return Object.keys(c).length ? c : undefined;
}

export class WebhookDeliverer implements EventSink {
  readonly log: DeliveryRecord[] = [];
  private jobs: Job[] = [];
  private inflight = new Set<string>();
  private timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  private closed = false;
  private rng: () => number;

  constructor(
    private readonly opts: {
      endpoints: () => Endpoint[];
      retryBaseMs: number;
      maxAttempts: number;
      chaos?: ChaosOptions;
      timeoutMs?: number;
      quiet?: boolean;
      onDelivered?: (eventId: string) => void;
      busy?: () => boolean;
    },
  ) {
    this.rng = mulberry32(opts.chaos?.seed ?? Math.floor(Math.random() * 2 ** 31));
  }

  private targets(type: string): Endpoint[] {
    return this.opts.endpoints().filter((e) => e.enabledEvents.includes('*') || e.enabledEvents.includes(type));
  }

  countFor(type: string): number {
    return this.targets(type).length;
  }

  enqueue(event: Obj): void {
    if (this.closed) return;
    const body = JSON.stringify(event, null, 2);
    const chaos = this.opts.chaos;
    for (const endpoint of this.targets(event.type as string)) {
      const copies = chaos?.duplicateRate && this.rng() < chaos.duplicateRate ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        let delay = 0;
        if (chaos?.reorder || chaos?.maxDelayMs) delay = Math.floor(this.rng() * (chaos.maxDelayMs ?? 500));
        if (i > 0) delay += Math.floor(this.rng() * (chaos?.maxDelayMs ?? 200)) + 1;
        this.jobs.push({ endpoint, event, body, attempt: 1, dueAt: Date.now() + delay, seq: ++this.seq });
      }
    }
    this.pump();
  }

  /** Resolves once nothing is queued or in flight (and no clock advance is running). */
  async settled(): Promise<void> {
    for (;;) {
      if (this.jobs.length === 0 && this.inflight.size === 0 && !(this.opts.busy?.() ?? false)) {
        // Let a just-finished delivery's callbacks run, then re-check.
        await new Promise((r) => setTimeout(r, 5));
        if (this.jobs.length === 0 && this.inflight.size === 0 && !(this.opts.busy?.() ?? false)) return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.closed = true;
    this.jobs = [];
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private pump(): void {
    if (this.closed) return;
    const now = Date.now();
    const parallel = !!this.opts.chaos;
    // Per endpoint: one delivery at a time, earliest due first, creation order on ties.
    const byEndpoint = new Map<string, Job[]>();
    for (const j of this.jobs) {
      const list = byEndpoint.get(j.endpoint.id) ?? [];
      list.push(j);
      byEndpoint.set(j.endpoint.id, list);
    }
    let nextWake = Infinity;
    for (const [epId, list] of byEndpoint) {
      list.sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
      for (const job of list) {
        if (!parallel && this.inflight.has(epId)) break;
        if (job.dueAt > now) {
          nextWake = Math.min(nextWake, job.dueAt);
          break;
        }
        this.jobs.splice(this.jobs.indexOf(job), 1);
        const key = parallel ? `${epId}:${job.seq}:${job.attempt}` : epId;
        this.inflight.add(key);
        void this.send(job).finally(() => {
          this.inflight.delete(key);
          this.pump();
        });
        if (!parallel) break;
      }
    }
    if (nextWake !== Infinity) {
      const t = setTimeout(
        () => {
          this.timers.delete(t);
          this.pump();
        },
        Math.max(1, nextWake - Date.now()),
      );
      this.timers.add(t);
    }
  }

  private async send(job: Job): Promise<void> {
    const { endpoint, event, body } = job;
    let status: number | null = null;
    let error: string | undefined;
    try {
      status = await post(endpoint.url, body, signPayload(body, endpoint.secret), this.opts.timeoutMs ?? 10_000);
    } catch (e) {
      error = (e as Error).message;
    }
    if (this.closed) return;
    this.log.push({
      eventId: event.id as string,
      type: event.type as string,
      endpointId: endpoint.id,
      attempt: job.attempt,
      status,
      error,
      at: Date.now(),
    });
    const ok = status !== null && status >= 200 && status < 300;
    if (ok) {
      this.opts.onDelivered?.(event.id as string);
      return;
    }
    if (job.attempt >= this.opts.maxAttempts) {
      if (!this.opts.quiet)
        console.warn(`[stripe-sandbox] gave up delivering ${event.type} ${event.id} to ${endpoint.url} after ${job.attempt} attempts`);
      return;
    }
    const delay = this.opts.retryBaseMs * 2 ** (job.attempt - 1);
    this.jobs.push({ ...job, attempt: job.attempt + 1, dueAt: Date.now() + delay, seq: job.seq });
  }
}

function post(url: string, body: string, signature: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          'Stripe-Signature': signature,
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Cache-Control': 'no-cache',
          Accept: '*/*; q=0.5, application/xml',
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
