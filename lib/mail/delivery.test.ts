/**
 * Email delivery through the job queue against a real SMTP server (the smtp-server package) that
 * refuses the first deliveries: nothing is lost, nothing is sent twice, and a message that never gets
 * through ends as a failed job an admin can retry.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { drainJobs } from '@/lib/jobs/testing';
import { listProblemJobs, retryFailedJob } from '@/lib/jobs/queue';
import { sendEmail } from './send';
import { setTransportFactoryForTesting } from './transport';

const db = setupTestDb();

let server: SMTPServer;
let refuseNext = 0;
let refuseAll = false;
const received: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString()));
      stream.on('end', () => {
        if (refuseAll || refuseNext > 0) {
          refuseNext--;
          const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(err);
        }
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  vi.stubEnv('EMAIL_SERVER', `smtp://127.0.0.1:${port}`);
  setTransportFactoryForTesting(undefined);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  setTransportFactoryForTesting(undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('email delivery through the queue', () => {
  it('loses no email and sends none twice when the SMTP server refuses the first deliveries', async () => {
    refuseNext = 5;
    const recipients = Array.from({ length: 12 }, (_, i) => `reader${i}@example.com`);
    await Promise.all(
      recipients.map((to, i) =>
        sendEmail({ to, subject: `Update ${i}`, text: 't', html: '<p>t</p>', kind: 'test', dedupeKey: `delivery:${i}` }),
      ),
    );
    // Replays of the same causes queue nothing more.
    await Promise.all(
      recipients.map((to, i) =>
        sendEmail({ to, subject: `Update ${i}`, text: 't', html: '<p>t</p>', kind: 'test', dedupeKey: `delivery:${i}` }),
      ),
    );
    const first = await drainJobs();
    expect(first.failed).toBe(5);
    // The refused ones wait for their retry; run them now instead of after the backoff.
    await drainJobs({ ignoreDelays: true });
    expect([...received].sort()).toEqual([...recipients].sort());
    const rows = await db.prisma.email.findMany({ where: { dedupeKey: { startsWith: 'delivery:' } } });
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === 'sent' && r.messageId)).toBe(true);
    expect(rows.filter((r) => r.attempts === 2)).toHaveLength(5);
  });

  it('keeps a message that never gets through as a failed job, which an admin can retry', async () => {
    received.length = 0;
    refuseAll = true;
    const r = await sendEmail({ to: 'stuck@example.com', subject: 'Stuck', text: 't', html: '<p>t</p>', kind: 'test' });
    await drainJobs({ ignoreDelays: true });
    const row = await db.prisma.email.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/Try again later/);
    const problems = await listProblemJobs();
    const job = problems.find((j) => (j.data as { emailId?: string }).emailId === r.id);
    expect(job).toMatchObject({ name: 'email.send', state: 'failed' });

    refuseAll = false;
    expect(await retryFailedJob('email.send', job!.id)).toBe(true);
    await drainJobs({ ignoreDelays: true });
    expect(received).toEqual(['stuck@example.com']);
    expect(await db.prisma.email.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'sent', lastError: null });
    expect((await listProblemJobs()).some((j) => j.id === job!.id)).toBe(false);
    // A second retry of a job that is no longer failed changes nothing.
    expect(await retryFailedJob('email.send', job!.id)).toBe(false);
  });
});
