import { afterEach, describe, expect, it, vi } from 'vitest';
import nodemailer from 'nodemailer';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { escapeHtml, magicLinkEmail, safeHref } from './templates';
import { sendEmail } from './send';
import { OUTBOX_WARNING, setTransportFactoryForTesting } from './transport';
import { latestOutboxFor } from './outbox';
import { drainJobs } from '@/lib/jobs/testing';

const db = setupTestDb();
afterEach(() => {
  vi.unstubAllEnvs();
  setTransportFactoryForTesting(undefined);
});

describe('templates', () => {
  it('escapes every interpolated value', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    const mail = magicLinkEmail({ url: 'https://news.example/signin/confirm?token=abc&email=a%40b.c', siteName: 'Ledger <b>"&' });
    expect(mail.html).not.toContain('<b>"&');
    expect(mail.html).toContain('Ledger &lt;b&gt;&quot;&amp;');
    expect(mail.html).toContain('href="https://news.example/signin/confirm?token=abc&amp;email=a%40b.c"');
    expect(mail.html).toMatch(/<html lang="en">/);
    expect(mail.text).toContain('https://news.example/signin/confirm?token=abc&email=a%40b.c');
    expect(mail.subject).toBe('Sign in to Ledger <b>"&');
  });

  it('never puts a javascript: URL into an href', () => {
    expect(safeHref('javascript:alert(1)')).toBe('#');
    const mail = magicLinkEmail({ url: 'javascript:alert(1)', siteName: 'X' });
    expect(mail.html).not.toContain('href="javascript');
  });
});

describe('transport choice', () => {
  it('files mail in the outbox and warns once when EMAIL_SERVER is unset', async () => {
    vi.stubEnv('EMAIL_SERVER', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (globalThis as { __patronageOutboxWarned?: boolean }).__patronageOutboxWarned = false;
    const factory = vi.fn();
    setTransportFactoryForTesting(factory as never);
    const a = await sendEmail({ to: 'Reader@Example.com', subject: 'Hi', text: 't', html: '<p>t</p>', kind: 'test' });
    await sendEmail({ to: 'reader@example.com', subject: 'Again', text: 't', html: '<p>t</p>', kind: 'test' });
    expect(a.transport).toBe('outbox');
    expect(factory).not.toHaveBeenCalled();
    expect(warn.mock.calls.filter((c) => String(c[0]).includes(OUTBOX_WARNING))).toHaveLength(1);
    const rows = await latestOutboxFor('reader@example.com');
    expect(rows.map((r) => r.subject)).toEqual(['Again', 'Hi']);
    expect(rows[0]!.transport).toBe('outbox');
    warn.mockRestore();
  });

  it('sends through SMTP when EMAIL_SERVER is set, from the queue, and records the message id', async () => {
    await drainJobs();
    vi.stubEnv('EMAIL_SERVER', 'smtp://user:pass@mail.example:587');
    vi.stubEnv('EMAIL_FROM', 'Desk <desk@example.com>');
    const sent: unknown[] = [];
    setTransportFactoryForTesting((url) => {
      expect(url).toBe('smtp://user:pass@mail.example:587');
      const t = nodemailer.createTransport({ jsonTransport: true });
      const orig = t.sendMail.bind(t);
      t.sendMail = (async (m: unknown) => {
        const info = await orig(m as never);
        sent.push(JSON.parse((info as { message: string }).message));
        return info;
      }) as never;
      return t;
    });
    const r = await sendEmail({ to: 'smtp@example.com', subject: 'Via SMTP', text: 'body', html: '<p>body</p>', kind: 'test' });
    expect(r.transport).toBe('smtp');
    // Queued, not sent inside the caller's request.
    expect(sent).toHaveLength(0);
    expect(await db.prisma.email.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'queued', messageId: null });
    expect(await drainJobs()).toEqual({ ran: 1, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: 'Via SMTP', from: { address: 'desk@example.com' } });
    const row = await db.prisma.email.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ transport: 'smtp', kind: 'test', status: 'sent', attempts: 1 });
    expect(row.messageId).toBeTruthy();
    expect(row.sentAt).not.toBeNull();
    expect(await latestOutboxFor('smtp@example.com')).toHaveLength(0);
  });

  it('records at most one email per dedupeKey, even concurrently, and retries a failed SMTP send without sending twice', async () => {
    const mail = { to: 'once@example.com', subject: 'Once', text: 't', html: '<p>t</p>', kind: 'test', dedupeKey: 'test:once' };
    const results = await Promise.all([sendEmail(mail), sendEmail(mail), sendEmail(mail)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await db.prisma.email.count({ where: { dedupeKey: 'test:once' } })).toBe(1);

    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    let fail = true;
    setTransportFactoryForTesting(() => {
      const t = nodemailer.createTransport({ jsonTransport: true });
      const orig = t.sendMail.bind(t);
      t.sendMail = (async (m: unknown) => {
        if (fail) throw new Error('connection refused');
        return orig(m as never);
      }) as never;
      return t;
    });
    let deliveries = 0;
    const retry = { ...mail, dedupeKey: 'test:retry' };
    await drainJobs();
    const first = await sendEmail(retry);
    expect(first.duplicate).toBe(false);
    expect(await drainJobs()).toEqual({ ran: 1, failed: 1 });
    expect(await db.prisma.email.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'connection refused',
      claimedAt: null,
    });
    // The key stays claimed: a replay while the send waits for its retry queues nothing more.
    expect((await sendEmail(retry)).duplicate).toBe(true);
    fail = false;
    setTransportFactoryForTesting(() => {
      const t = nodemailer.createTransport({ jsonTransport: true });
      const orig = t.sendMail.bind(t);
      t.sendMail = (async (m: unknown) => {
        deliveries++;
        return orig(m as never);
      }) as never;
      return t;
    });
    expect(await drainJobs({ ignoreDelays: true })).toEqual({ ran: 1, failed: 0 });
    expect(await drainJobs({ ignoreDelays: true })).toEqual({ ran: 0, failed: 0 });
    expect(deliveries).toBe(1);
    expect(await db.prisma.email.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
  });

  it('refuses invalid input', async () => {
    await expect(sendEmail({ to: 'not-an-address', subject: 'x', text: 't', html: 'h', kind: 'k' })).rejects.toThrow();
    await expect(sendEmail({ to: 'a@b.co', subject: 'x\nBcc: evil@x.y', text: 't', html: 'h', kind: 'k' })).rejects.toThrow();
  });
});
