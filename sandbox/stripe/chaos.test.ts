/** Webhook delivery guarantees: retries with backoff, and chaos mode (duplicates, reordering, delays). */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { startReceiver, startWithClient } from './helpers.ts';
import { chaosFromEnv } from './webhooks.ts';

describe('webhook delivery', () => {
  it('retries non-2xx responses with backoff until delivered (later events are not held back, as in Stripe)', async () => {
    const receiver = await startReceiver('whsec_retry', { failFirst: 3 });
    const { sandbox, stripe } = await startWithClient({ webhookUrl: receiver.url, webhookSecret: 'whsec_retry', retryBaseMs: 40 });
    try {
      const started = Date.now();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await stripe.customers.create({ email: `r${i}@example.org` })).id);
      await sandbox.deliveriesSettled();
      const received = receiver.events.map((e) => (e.data.object as Stripe.Customer).id);
      // Each event exactly once; failed ones were retried while the others went on (order not guaranteed then).
      expect([...received].sort()).toEqual([...ids].sort());
      const attempts = sandbox.deliveries().filter((d) => d.status !== 200);
      expect(attempts).toHaveLength(3);
      expect(attempts.every((a) => a.status === 500)).toBe(true);
      // At least one backoff of 40 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(40);
      const ev = await stripe.events.retrieve(receiver.events[0]!.id);
      expect(ev.pending_webhooks).toBe(0);
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });

  it('chaos: every event at least once, some twice, some out of order', async () => {
    const receiver = await startReceiver('whsec_chaos');
    const { sandbox, stripe } = await startWithClient({
      webhookUrl: receiver.url,
      webhookSecret: 'whsec_chaos',
      chaos: { duplicateRate: 0.4, reorder: true, maxDelayMs: 120, seed: 7 },
    });
    try {
      for (let i = 0; i < 25; i++) await stripe.customers.create({ email: `c${i}@example.org` });
      await sandbox.deliveriesSettled();
      const created = (await stripe.events.list({ limit: 100 })).data.map((e) => e.id).reverse();
      expect(created).toHaveLength(25);
      const arrived = receiver.events.map((e) => e.id);
      for (const id of created) expect(arrived).toContain(id);
      const counts = new Map<string, number>();
      for (const id of arrived) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect([...counts.values()].some((n) => n >= 2)).toBe(true);
      const firstArrival = created.slice().sort((a, b) => arrived.indexOf(a) - arrived.indexOf(b));
      expect(firstArrival).not.toEqual(created);
      expect(receiver.rejected).toBe(0);
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });

  it('parses STRIPE_SANDBOX_CHAOS', () => {
    expect(chaosFromEnv('duplicate,reorder,delay')).toMatchObject({ duplicateRate: 0.2, reorder: true, maxDelayMs: 1000 });
    expect(chaosFromEnv('')).toBeUndefined();
  });
});
