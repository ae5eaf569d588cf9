/**
 * `npm run bench -- webhooks`: signed Stripe webhook events per second through the real route handler
 * (`POST` of app/api/stripe/webhook/route.ts, called with Request objects), on a fresh PostgreSQL
 * database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; created,
 * migrated with applyMigrations and dropped afterwards) against the local Stripe stand-in running in
 * its own process (as Stripe is remote in production).
 *
 * Per run: N readers really subscribe (startCheckout → the stand-in's hosted checkout, paid with a test
 * card), then each subscription is set to cancel at period end and resumed. Every event the stand-in
 * sends is recorded (customer.created, checkout.session.completed, customer.subscription.created/
 * updated, invoice.*, payment_intent.*, charge.*, …), but not processed. The timed phase replays them,
 * freshly signed, in creation order with BENCH_DUPLICATES (20%) of them sent a second time at a random
 * later position (often while the first copy is still in flight, like a Stripe retry after a timeout),
 * BENCH_CONCURRENCY (20) at a time. A 5xx is retried after the rest, as Stripe would.
 * Verification: every distinct event has exactly one processed StripeEvent row; mirror rows (completed
 * checkouts, subscriptions, paid invoices, payments, welcome emails) are exactly one per reader.
 * Env: BENCH_USERS (150), BENCH_RUNS (3), BENCH_CONCURRENCY (20), BENCH_DUPLICATES (0.2).
 */
import { performance } from 'node:perf_hooks';

type RunResult = {
  deliveries: number;
  distinctEvents: number;
  duplicates: number;
  seconds: number;
  deliveriesPerSec: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  outcomes: Record<string, number>;
  retried5xx: number;
  handlerRanTwice: number;
  ok: boolean;
  problems: string[];
};

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The stand-in in its own process, as Stripe is in production: its CPU is not counted against the
 * app's. Every webhook it sends is recorded by a collector here (answered 200, not processed).
 */
async function startStandInProcess() {
  const http = await import('node:http');
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const { default: Stripe } = await import('stripe');
  const { setStripeForTesting, STRIPE_API_VERSION } = await import('@/lib/billing/stripe');
  const received = new Map<string, { id: string; type: string; body: string; created: number }>();
  let lastArrival = Date.now();
  const collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const e = JSON.parse(body) as { id: string; type: string; created: number };
      if (!received.has(e.id)) received.set(e.id, { id: e.id, type: e.type, body, created: e.created });
      lastArrival = Date.now();
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
  const hookPort = (collector.address() as import('node:net').AddressInfo).port;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const secretKey = 'sk_test_bench';
  const webhookSecret = 'whsec_bench';
  const child = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['sandbox/stripe/cli.ts'], {
    stdio: 'ignore',
    env: { ...process.env, STRIPE_SANDBOX_PORT: String(port), STRIPE_SANDBOX_SECRET_KEY: secretKey, STRIPE_SANDBOX_WEBHOOK_SECRET: webhookSecret, STRIPE_SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/`, STRIPE_SANDBOX_STATE: '', STRIPE_SANDBOX_RETRY_BASE_MS: '50' },
  });
  for (let i = 0; ; i++) {
    if (await fetch(`http://127.0.0.1:${port}/__sandbox/health`).then((r) => r.ok, () => false)) break;
    if (i > 150 || child.exitCode !== null) throw new Error('the Stripe stand-in did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const stripe = new Stripe(secretKey, { apiVersion: STRIPE_API_VERSION, host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
  setStripeForTesting(stripe);
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  process.env.SITE_URL = 'http://patronage.test';
  return {
    stripe,
    events: () => [...received.values()].sort((a, b) => a.created - b.created),
    /** Deliveries are asynchronous: wait until none has arrived for a second. */
    async settle() {
      while (Date.now() - lastArrival < 1000) await new Promise((r) => setTimeout(r, 200));
    },
    async close() {
      setStripeForTesting(undefined);
      child.kill('SIGTERM');
      await new Promise<void>((r) => collector.close(() => r()));
    },
  };
}

async function oneRun(run: number): Promise<RunResult> {
  const { createTestDb } = await import('@/lib/db/testing');
  const { payCheckout, webhookRequest } = await import('@/lib/billing/testing');
  const { createTier, syncTierToStripe } = await import('@/lib/billing/tiers');
  const { startCheckout } = await import('@/lib/billing/checkout');
  const { POST } = await import('@/app/api/stripe/webhook/route');

  const users = Number(process.env.BENCH_USERS ?? 150);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
  const dupRate = Number(process.env.BENCH_DUPLICATES ?? 0.2);
  const db = await createTestDb();
  const harness = await startStandInProcess();
  const problems: string[] = [];
  try {
    const p = db.prisma;
    // --- setup: real objects in the stand-in, events recorded but not processed -----------------
    const tier = await createTier({
      name: 'Supporter',
      prices: [
        { currency: 'usd', interval: 'MONTH', amount: 1000 },
        { currency: 'eur', interval: 'YEAR', amount: 10000 },
      ],
    });
    await syncTierToStripe(tier.id);
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < users; i++) ids.push((await p.user.create({ data: { email: `bench-${run}-${i}@example.com` } })).id);
    const subs: string[] = [];
    for (let i = 0; i < users; i += 10) {
      await Promise.all(
        ids.slice(i, i + 10).map(async (id, k) => {
          const yearly = (i + k) % 3 === 0;
          const r = await startCheckout(
            { id, email: `bench-${run}-${i + k}@example.com` },
            { mode: 'subscription', tierId: tier.id, currency: yearly ? 'eur' : 'usd', interval: yearly ? 'YEAR' : 'MONTH', from: 'bench-article', placement: 'end-of-article' },
          );
          if (!('url' in r)) throw new Error('checkout did not start');
          const paid = await payCheckout(r.url);
          if (paid.status !== 303) throw new Error(`hosted checkout answered ${paid.status}`);
        }),
      );
    }
    for await (const s of harness.stripe.subscriptions.list({ limit: 100 })) subs.push(s.id);
    for (let i = 0; i < subs.length; i += 10) {
      await Promise.all(
        subs.slice(i, i + 10).map(async (id) => {
          await harness.stripe.subscriptions.update(id, { cancel_at_period_end: true });
          await harness.stripe.subscriptions.update(id, { cancel_at_period_end: false });
        }),
      );
    }
    await harness.settle();
    const events = harness.events();
    const setupSeconds = (performance.now() - t0) / 1000;

    // --- the delivery plan: every event once, some twice --------------------------------------
    const rand = rng(42 + run);
    const plan: { id: string; body: string }[] = events.map((e) => ({ id: e.id, body: e.body }));
    let duplicates = 0;
    for (const e of events) {
      if (rand() >= dupRate) continue;
      const at = plan.findIndex((x) => x.id === e.id);
      const pos = Math.min(plan.length, at + 1 + Math.floor(rand() * 3 * concurrency));
      plan.splice(pos, 0, { id: e.id, body: e.body });
      duplicates++;
    }
    const secret = process.env.STRIPE_WEBHOOK_SECRET!;
    const signed = plan.map((d) => ({ ...d, signature: harness.stripe.webhooks.generateTestHeaderString({ payload: d.body, secret }) }));
    const types = events.reduce<Record<string, number>>((m, e) => ((m[e.type] = (m[e.type] ?? 0) + 1), m), {});
    console.log(
      `run ${run}: ${users} readers, ${events.length} distinct events (${Object.entries(types)
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}), ${duplicates} duplicates; setup ${setupSeconds.toFixed(1)} s`,
    );

    // --- timed phase -------------------------------------------------------------------------
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    const retry: typeof signed = [];
    let next = 0;
    const send = async (d: (typeof signed)[number]) => {
      const s = performance.now();
      const res = await POST(webhookRequest(d.body, d.signature));
      latencies.push(performance.now() - s);
      const body = (await res.json()) as { outcome?: string; error?: string };
      const key = res.ok ? (body.outcome ?? 'ok') : `http ${res.status}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      return res.status;
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < signed.length) {
          const d = signed[next++]!;
          if ((await send(d)) >= 500) retry.push(d);
        }
      }),
    );
    let retried5xx = 0;
    for (let round = 0; round < 5 && retry.length; round++) {
      const batch = retry.splice(0);
      retried5xx += batch.length;
      for (const d of batch) if ((await send({ ...d, signature: harness.stripe.webhooks.generateTestHeaderString({ payload: d.body, secret }) })) >= 500) retry.push(d);
    }
    const seconds = (performance.now() - started) / 1000;
    if (retry.length) problems.push(`${retry.length} deliveries still failing after retries`);

    // --- verification ------------------------------------------------------------------------
    const rows = await p.stripeEvent.findMany({ select: { id: true, processedAt: true, attempts: true, lastError: true } });
    const distinct = new Set(events.map((e) => e.id));
    const processed = rows.filter((r) => r.processedAt && distinct.has(r.id)).length;
    if (rows.length !== distinct.size) problems.push(`StripeEvent rows ${rows.length} ≠ distinct events ${distinct.size}`);
    if (processed !== distinct.size) problems.push(`processed ${processed} ≠ distinct events ${distinct.size} (lost)`);
    const handlerRanTwice = rows.filter((r) => r.attempts > 1 && !(r.lastError ?? '').startsWith('skipped')).length;
    const errors = rows.filter((r) => r.lastError && !r.lastError.startsWith('skipped'));
    if (errors.length) problems.push(`${errors.length} events with lastError, e.g. ${errors[0]!.lastError}`);
    const expectEq = (what: string, got: number, want: number) => {
      if (got !== want) problems.push(`${what}: ${got}, expected ${want}`);
    };
    expectEq('completed checkouts', await p.checkout.count({ where: { status: 'COMPLETED' } }), users);
    expectEq('subscriptions', await p.subscription.count({ where: { status: 'active', cancelAtPeriodEnd: false } }), users);
    expectEq('paid invoices', await p.invoice.count({ where: { status: 'paid' } }), users);
    expectEq('payments', await p.payment.count(), users);
    expectEq('welcome emails', await p.email.count({ where: { kind: 'billing-welcome' } }), users);
    const dupEmails = await p.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT "dedupeKey" FROM "Email" WHERE "dedupeKey" IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`;
    expectEq('emails sent twice', dupEmails[0]!.n, 0);

    latencies.sort((a, b) => a - b);
    const pct = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
    const result: RunResult = {
      deliveries: signed.length,
      distinctEvents: distinct.size,
      duplicates,
      seconds: Number(seconds.toFixed(2)),
      deliveriesPerSec: Math.round((signed.length + retried5xx) / seconds),
      eventsPerSec: Math.round(distinct.size / seconds),
      p50: pct(0.5),
      p99: pct(0.99),
      outcomes,
      retried5xx,
      handlerRanTwice,
      ok: problems.length === 0,
      problems,
    };
    console.log(
      `  ${result.deliveries} deliveries in ${result.seconds} s: ${result.deliveriesPerSec} deliveries/s (${result.eventsPerSec} distinct events/s), p50 ${result.p50} ms, p99 ${result.p99} ms`,
    );
    console.log(`  outcomes ${JSON.stringify(outcomes)}; 5xx retried ${retried5xx}; handler ran twice for ${handlerRanTwice} events (racing duplicates)`);
    console.log(`  verification ${result.ok ? 'OK' : `FAILED: ${problems.join('; ')}`}`);
    return result;
  } finally {
    await harness.close();
    await db.close();
  }
}

export async function main(): Promise<{ runs: RunResult[]; median: { deliveriesPerSec: number; eventsPerSec: number; p50: number; p99: number }; ok: boolean }> {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  delete process.env.STRIPE_TEST_CLOCKS;
  delete process.env.EMAIL_SERVER; // emails go to the outbox table
  const runs: RunResult[] = [];
  const n = Number(process.env.BENCH_RUNS ?? 3);
  console.log(`webhooks bench: PostgreSQL ${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')}, ${n} runs`);
  for (let i = 1; i <= n; i++) runs.push(await oneRun(i));
  const med = (f: (r: RunResult) => number) => {
    const v = runs.map(f).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  const median = { deliveriesPerSec: med((r) => r.deliveriesPerSec), eventsPerSec: med((r) => r.eventsPerSec), p50: med((r) => r.p50), p99: med((r) => r.p99) };
  const ok = runs.every((r) => r.ok);
  console.log(
    `median of ${n}: ${median.deliveriesPerSec} signed deliveries/s (${median.eventsPerSec} distinct events/s), p50 ${median.p50} ms, p99 ${median.p99} ms — ${ok ? 'OK' : 'FAILED'}${median.deliveriesPerSec >= 300 ? '' : ' (below the 300 events/s target)'}`,
  );
  if (!ok) process.exitCode = 1;
  return { runs, median, ok };
}

// Direct run: `npx tsx bench/webhooks.ts`
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
