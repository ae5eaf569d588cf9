/**
 * Sending an issue through the job queue to a real SMTP server (the smtp-server package): in batches,
 * with a plain-text part, the sender's name and RFC 8058 headers; and a worker that dies in the middle
 * of a send, then a restart: every recipient gets the issue exactly once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { drainJobs } from '@/lib/jobs/testing';
import { setTransportFactoryForTesting } from '@/lib/mail/transport';
import { createIssue, issueProgress, resumeStalledIssues, sendBatch, startIssue } from './issues';
import { confirmedSubscriber, makeArticle, makeNewsletter } from './testing';

const db = setupTestDb();

let server: SMTPServer;
const received: { to: string; raw: string }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  vi.stubEnv('EMAIL_SERVER', `smtp://127.0.0.1:${port}`);
  vi.stubEnv('EMAIL_FROM', '"The Ledger" <news@ledger.test>');
  vi.stubEnv('NEWSLETTER_MAX_PER_MINUTE', '0');
  setTransportFactoryForTesting(undefined);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  setTransportFactoryForTesting(undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function issueFor(n: number, subject: string) {
  const letter = await makeNewsletter(db.prisma);
  const article = await makeArticle(db.prisma);
  const emails = Array.from({ length: n }, (_, i) => `${subject.replace(/\W/g, '').toLowerCase()}-${i}@example.com`);
  for (const e of emails) await confirmedSubscriber(db.prisma, letter.id, e);
  const issue = await createIssue({ newsletterId: letter.id, subject, articleIds: [article.id] }, null);
  return { issue, emails, letter };
}

const counts = (list: string[]) => list.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

describe('sending an issue through SMTP', () => {
  it('sends in batches, each message with a plain-text part, the sender name and one-click unsubscribe headers', async () => {
    vi.stubEnv('NEWSLETTER_BATCH_SIZE', '7');
    received.length = 0;
    const { issue, emails } = await issueFor(30, 'Batched issue');
    expect(await startIssue(issue)).toBe(true);
    expect(await startIssue(issue)).toBe(false);
    const run = await drainJobs({ names: ['newsletter.send-batch'] });
    // 30 recipients in batches of 7: five batches.
    expect(run).toEqual({ ran: 5, failed: 0 });
    expect([...counts(received.map((r) => r.to)).entries()].sort()).toEqual(emails.map((e) => [e, 1] as const).sort());
    // Unfolded headers (long ones are wrapped onto continuation lines).
    const raw = received[0]!.raw.replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^From: "?The Desk"? <news@ledger\.test>/m);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/^List-Unsubscribe: +<http:\/\/localhost:\d+\/api\/newsletters\/unsubscribe\?token=[^>]+>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(await issueProgress(issue)).toMatchObject({ sent: 30, pending: 0, claimed: 0, sending: 0 });
    expect((await db.prisma.newsletterIssue.findUniqueOrThrow({ where: { id: issue } })).status).toBe('SENT');
  });

  it('a worker killed in the middle of a send, then a restart: every recipient gets the issue exactly once', async () => {
    vi.stubEnv('NEWSLETTER_BATCH_SIZE', '25');
    received.length = 0;
    const { issue, emails } = await issueFor(40, 'Crash issue');
    await startIssue(issue);
    // A worker takes a batch (25) and dies right after handing the first 10 to the mail server,
    // before it could record them as sent.
    await expect(
      sendBatch(issue, {
        hooks: {
          afterHandOver: () => {
            throw new Error('worker killed');
          },
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(received).toHaveLength(10);
    expect(await issueProgress(issue)).toMatchObject({ sending: 10, claimed: 15, pending: 15, sent: 0 });

    // The restart: the minute tick finds the send stalled (after the claim timeout) and resumes it.
    expect(await resumeStalledIssues({ now: new Date(Date.now() + 5 * 60_000) })).toBe(1);
    await drainJobs({ names: ['newsletter.send-batch'], ignoreDelays: true });

    const perRecipient = counts(received.map((r) => r.to));
    expect([...perRecipient.keys()].sort()).toEqual([...emails].sort());
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    // The 10 in doubt are never sent again; the desk shows them as unknown.
    expect(await issueProgress(issue)).toMatchObject({ sent: 30, unknown: 10, pending: 0, claimed: 0, sending: 0 });
    expect((await db.prisma.newsletterIssue.findUniqueOrThrow({ where: { id: issue } })).status).toBe('SENT');

    // Running the recovery and the batches again sends nobody anything more.
    await resumeStalledIssues({ now: new Date(Date.now() + 10 * 60_000) });
    await sendBatch(issue);
    await drainJobs({ names: ['newsletter.send-batch'], ignoreDelays: true });
    expect(received).toHaveLength(40);
  });

  it('a batch that outlives a recovery (another worker took its rows over) sends none of them again', async () => {
    vi.stubEnv('NEWSLETTER_BATCH_SIZE', '25');
    received.length = 0;
    const { issue, emails } = await issueFor(30, 'Slow batch');
    await startIssue(issue);
    let tookOver = false;
    const slow = await sendBatch(issue, {
      hooks: {
        afterHandOver: async () => {
          if (tookOver) return;
          tookOver = true;
          // While this batch is stuck after its first chunk, the tick thinks it died and others finish the send.
          await resumeStalledIssues({ now: new Date(Date.now() + 5 * 60_000) });
          await drainJobs({ names: ['newsletter.send-batch'], ignoreDelays: true });
        },
      },
    });
    expect(slow.sent).toBe(10);
    await drainJobs({ names: ['newsletter.send-batch'], ignoreDelays: true });
    const perRecipient = counts(received.map((r) => r.to));
    expect([...perRecipient.keys()].sort()).toEqual([...emails].sort());
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(await issueProgress(issue)).toMatchObject({ sent: 30, pending: 0, claimed: 0, sending: 0, unknown: 0 });
  });
});
