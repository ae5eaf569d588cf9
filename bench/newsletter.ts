/**
 * `npm run bench -- newsletter`: issue #14's "one issue to 100,000 recipients into a local SMTP sink:
 * messages rendered and handed over per second (target ≥ 500/s on this machine) and peak memory (flat,
 * not growing with the list)". On a scratch PostgreSQL database: BENCH_RECIPIENTS (100,000) confirmed
 * subscribers are inserted in one statement, an issue with one article is started (`startIssue`:
 * one delivery row per recipient), and the `newsletter.send-batch` job's function (`sendBatch`, the
 * code the worker runs) is called until the issue is sent, with the throttle off
 * (NEWSLETTER_MAX_PER_MINUTE=0). The SMTP sink is the `smtp-server` package in a child process (so its
 * CPU is not this process's), which counts messages and drops them. This process's RSS and heap are
 * sampled every 250 ms; reported: messages/s overall and per tenth of the list, peak RSS, and RSS at
 * each tenth (flat = the list's size does not show in memory).
 *
 * The issue is sent once per SMTP setting in BENCH_SMTP_QUERIES ('|'-separated query strings of
 * EMAIL_SERVER; default: a connection per message, then nodemailer's pool of 10 connections).
 *
 * Env: BENCH_RECIPIENTS (100000), NEWSLETTER_BATCH_SIZE (500 here), BENCH_DATABASE_URL. Raw numbers:
 * bench/results/newsletter.json.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { saveResult } from './load.ts';

const root = process.cwd();
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);

/** The sink: a child process running an SMTP server that counts and drops messages. */
function startSink(): Promise<{ port: number; count: () => Promise<number>; stop: () => void }> {
  const child = fork(path.join(root, 'bench', 'smtp-sink.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let last = 0;
  const waiters: ((n: number) => void)[] = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: { port?: number; count?: number }) => {
      if (m.port) resolve({ port: m.port, count, stop: () => child.kill() });
      if (typeof m.count === 'number') {
        last = m.count;
        waiters.splice(0).forEach((w) => w(last));
      }
    });
    const count = () =>
      new Promise<number>((r) => {
        waiters.push(r);
        child.send('count');
      });
  });
}

export async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const sink = await startSink();
  Object.assign(process.env, {
    EMAIL_SERVER: `smtp://127.0.0.1:${sink.port}`,
    EMAIL_FROM: '"The Ledger" <news@ledger.test>',
    NEWSLETTER_MAX_PER_MINUTE: '0',
    NEWSLETTER_BATCH_SIZE: process.env.NEWSLETTER_BATCH_SIZE ?? '500',
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'newsletter-bench-secret-0123456789abcdef0123',
    TEST_DATABASE_URL: adminUrl,
  });
  const { createTestDb } = await import('@/lib/db/testing');
  const { getSql } = await import('@/lib/db/client');
  const { createIssue, sendBatch, startIssue, issueProgress } = await import('@/lib/newsletters/issues');
  const { makeArticle, makeNewsletter } = await import('@/lib/newsletters/testing');
  const { setTransportFactoryForTesting } = await import('@/lib/mail/transport');

  const db = await createTestDb();
  const load1 = os.loadavg();
  try {
    const letter = await makeNewsletter(db.prisma);
    const article = await makeArticle(db.prisma, { body: 'The council voted **yes** on the ferry.\n\n'.repeat(20) });
    const sql = await getSql();
    await sql.query(
      `INSERT INTO "NewsletterSubscription" ("id", "newsletterId", "email", "status", "confirmedAt", "source", "createdAt")
       SELECT 'ns_bench_' || i, $1::text, 'reader-' || i || '@bench.test', 'CONFIRMED', now(), 'footer', now()
         FROM generate_series(1, $2::int) AS i`,
      [letter.id, RECIPIENTS],
    );
    const configs = (process.env.BENCH_SMTP_QUERIES ?? 'pool=false|pool=true&maxConnections=10').split('|');
    const results = [];
    for (const smtpQuery of configs) {
      // A fresh issue per configuration: every recipient gets each issue once.
      process.env.EMAIL_SERVER = `smtp://127.0.0.1:${sink.port}?${smtpQuery}`;
      setTransportFactoryForTesting(undefined);
      const before = await sink.count();
      const issueId = await createIssue(
        { newsletterId: letter.id, subject: `The ferry is back (${smtpQuery})`, articleIds: [article.id] },
        null,
      );
      const samples: { at: number; rss: number; heap: number; sent: number }[] = [];
      let sentSoFar = 0;
      const t0 = performance.now();
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        samples.push({ at: performance.now() - t0, rss: m.rss, heap: m.heapUsed, sent: sentSoFar });
      }, 250);
      const tStart = performance.now();
      if (!(await startIssue(issueId))) throw new Error('the issue did not start');
      const startMs = performance.now() - tStart;
      const tSend = performance.now();
      const tenths: { sent: number; ms: number; rssMb: number }[] = [];
      let failed = 0;
      for (;;) {
        const r = await sendBatch(issueId);
        sentSoFar += r.sent;
        failed += r.failed;
        while (tenths.length < 10 && sentSoFar >= ((tenths.length + 1) * RECIPIENTS) / 10)
          tenths.push({ sent: sentSoFar, ms: performance.now() - tSend, rssMb: process.memoryUsage().rss / 2 ** 20 });
        if (r.done || r.claimed === 0) break;
      }
      const sendMs = performance.now() - tSend;
      clearInterval(sampler);
      const received = (await sink.count()) - before;
      const mb = (b: number) => Math.round(b / 2 ** 20);
      const perTenth = tenths.map((t, i) =>
        Math.round(((t.sent - (tenths[i - 1]?.sent ?? 0)) * 1000) / Math.max(1, t.ms - (tenths[i - 1]?.ms ?? 0))),
      );
      const result = {
        smtpQuery,
        startIssueMs: Math.round(startMs),
        sendSeconds: Math.round(sendMs) / 1000,
        messagesPerSecond: Math.round((sentSoFar * 1000) / sendMs),
        perTenth,
        sent: sentSoFar,
        failed,
        received,
        progress: await issueProgress(issueId),
        peakRssMb: mb(Math.max(...samples.map((x) => x.rss))),
        rssMbAtTenths: tenths.map((t) => Math.round(t.rssMb)),
        peakHeapMb: mb(Math.max(...samples.map((x) => x.heap))),
      };
      results.push({ ...result, samples });
      console.log(JSON.stringify(result));
      if (received !== sentSoFar || sentSoFar !== RECIPIENTS)
        console.log(`MISMATCH: ${sentSoFar} sent, ${received} received by the sink, ${RECIPIENTS} recipients`);
    }
    const summary = {
      date: new Date().toISOString(),
      loadAverageBefore: load1,
      loadAverageAfter: os.loadavg(),
      recipients: RECIPIENTS,
      batchSize: Number(process.env.NEWSLETTER_BATCH_SIZE),
      results,
    };
    saveResult('newsletter', summary, load1);
  } finally {
    sink.stop();
    await db.close();
  }
}
