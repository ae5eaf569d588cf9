/**
 * Where mail goes. With EMAIL_SERVER (an SMTP URL) set, through nodemailer; otherwise into the
 * local outbox (the Email table), shown at /dev/mailbox. Either way every message is recorded as
 * an Email row.
 */
import net from 'node:net';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { enqueue, enqueueMany, getQueue, type Transaction } from '@/lib/jobs/queue';
import { mailToOutbox, siteName } from '@/lib/config/site';

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  userId?: string | null;
  dedupeKey?: string | null;
  redact?: string[];
  headers?: Record<string, string>;
};

export const REDACTED = '[redacted]';

/** `text` with every secret replaced by [redacted]. */
export function redactSecrets(text: string, secrets: string[] = []): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join(REDACTED), text);
}
/** `duplicate`: an email with the same dedupeKey already went out, so this one was not sent. */
export type SentEmail = { id: string; transport: 'outbox' | 'smtp'; messageId: string | null; duplicate: boolean };

/** Builds the nodemailer transport for an SMTP URL. Tests replace it with a jsonTransport. */
export type TransportFactory = (smtpUrl: string) => Transporter;

/**
 * The TCP connection to a plain SMTP server (STARTTLS upgrades it as usual), with Nagle's algorithm off.
 * nodemailer leaves it on, so the last small write of each message waited for the server's delayed ACK:
 * ~40 ms a message, a fifth of the send rate (bench/README.md "newsletter"). `smtps:` keeps nodemailer's own.
 */
export function noDelaySocket(
  options: { host?: string; port?: number; secure?: boolean; connectionTimeout?: number },
  callback: (err: Error | null, socketOptions?: { connection: net.Socket } | false) => void,
): void {
  if (options.secure) return callback(null, false);
  const socket = net.connect({ host: options.host || 'localhost', port: options.port || 587, noDelay: true });
  const fail = (err: Error) => {
    socket.destroy();
    callback(err);
  };
  socket.setTimeout(options.connectionTimeout ?? 120_000, () => fail(new Error('Connection timeout while connecting to the mail server')));
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.removeListener('error', fail);
    callback(null, { connection: socket });
  });
}

/** EMAIL_SERVER as nodemailer reads it (`?pool=true` keeps connections open between messages), on no-delay sockets. */
const defaultFactory: TransportFactory = (smtpUrl) => {
  const pooled = new URL(smtpUrl).searchParams.get('pool') === 'true';
  const options = { url: smtpUrl, getSocket: noDelaySocket } as never;
  return nodemailer.createTransport(pooled ? new SMTPPool(options) : new SMTPTransport(options));
};
let factory: TransportFactory = defaultFactory;
const transports = new Map<string, Transporter>();

export function setTransportFactoryForTesting(f: TransportFactory | undefined): void {
  factory = f ?? defaultFactory;
  transports.clear();
}

export const OUTBOX_WARNING = 'EMAIL_SERVER is not set: emails go to the local outbox at /dev/mailbox (test mode)';
const g = globalThis as unknown as { __patronageOutboxWarned?: boolean };

/** Logs the test-mode warning once per process. Called at startup by auth and on the first send. */
export function warnIfOutbox(): void {
  if (mailToOutbox() && !g.__patronageOutboxWarned) {
    g.__patronageOutboxWarned = true;
    console.warn(`[mail] ${OUTBOX_WARNING}`);
  }
}

export function emailFrom(): string {
  return process.env.EMAIL_FROM?.trim() || `"${siteName().replace(/["\\]/g, '')}" <no-reply@localhost>`;
}

/**
 * Records the email and queues its delivery, in one transaction (`tx`: the caller's, so the email
 * exists only if what caused it commits). With a dedupeKey the row's unique key is the claim: a second
 * send with the same key (a replayed webhook, a concurrent handler) inserts nothing and queues nothing.
 * The "email.send" job then sends it (lib/mail/delivery.ts), with retries.
 */
export async function deliver(mail: OutgoingEmail, opts: { tx?: Transaction } = {}): Promise<SentEmail> {
  const transportName = mailToOutbox() ? ('outbox' as const) : ('smtp' as const);
  // The outbox is the test-mode mailbox, so it keeps the message whole; an SMTP send's record keeps no
  // secret, and the whole message waits in `unredacted` only until it is sent.
  const secret =
    transportName === 'smtp' && (mail.redact ?? []).some((r) => [mail.subject, mail.text, mail.html].some((t) => t.includes(r)));
  const keep = (t: string) => (transportName === 'smtp' ? redactSecrets(t, mail.redact) : t);
  const unredacted = secret ? JSON.stringify({ subject: mail.subject, text: mail.text, html: mail.html }) : null;
  const record = async (tx: Transaction): Promise<SentEmail> => {
    const [claimed] = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "Email" ("id", "to", "subject", "text", "html", "kind", "transport", "userId", "dedupeKey", "status", "unredacted", "headers", "createdAt")
       VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, 'queued', $10::jsonb, $11::jsonb, now() AT TIME ZONE 'UTC')
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING "id"`,
      `em_${randomUUID()}`,
      mail.to,
      keep(mail.subject),
      keep(mail.text),
      keep(mail.html),
      mail.kind,
      transportName,
      mail.userId ?? null,
      mail.dedupeKey ?? null,
      unredacted,
      mail.headers ? JSON.stringify(mail.headers) : null,
    );
    if (!claimed) {
      const [existing] = await tx.$queryRawUnsafe<{ id: string; messageId: string | null }[]>(
        `SELECT "id", "messageId" FROM "Email" WHERE "dedupeKey" = $1::text`,
        mail.dedupeKey,
      );
      return { id: existing!.id, transport: transportName, messageId: existing!.messageId, duplicate: true };
    }
    await enqueue('email.send', { emailId: claimed.id }, { tx });
    return { id: claimed.id, transport: transportName, messageId: null, duplicate: false };
  };
  if (transportName === 'outbox') warnIfOutbox();
  if (opts.tx) return record(opts.tx);
  // Started before the transaction: starting runs queries of its own, which on PGlite (one
  // connection) would wait for the transaction to end.
  await getQueue();
  const db = await getDb();
  return db.$transaction((tx) => record(tx));
}

/**
 * Many emails at once (one per voter of a published topic): rows and "email.send" jobs in two
 * statements, inside the caller's transaction. Each must have a dedupeKey; those already claimed are
 * skipped. No secrets here (nothing is redacted). Returns how many were new.
 */
export async function deliverMany(mails: (OutgoingEmail & { dedupeKey: string })[], opts: { tx: Transaction }): Promise<number> {
  if (!mails.length) return 0;
  const transportName = mailToOutbox() ? ('outbox' as const) : ('smtp' as const);
  if (transportName === 'outbox') warnIfOutbox();
  const col = <K extends keyof OutgoingEmail>(k: K) => mails.map((m) => (m[k] ?? null) as OutgoingEmail[K] | null);
  const inserted = await opts.tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "Email" ("id", "to", "subject", "text", "html", "kind", "transport", "userId", "dedupeKey", "status", "createdAt")
     SELECT 'em_' || gen_random_uuid()::text, m.recipient, m.subject, m.body_text, m.body_html, m.kind, $6::text, m.user_id, m.dedupe_key, 'queued', now() AT TIME ZONE 'UTC'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::text[], $8::text[]) AS m(recipient, subject, body_text, body_html, kind, user_id, dedupe_key)
     ON CONFLICT ("dedupeKey") DO NOTHING
     RETURNING "id"`,
    col('to'),
    col('subject'),
    col('text'),
    col('html'),
    col('kind'),
    transportName,
    col('userId'),
    col('dedupeKey'),
  );
  await enqueueMany(
    'email.send',
    inserted.map((r) => ({ emailId: r.id })),
    { tx: opts.tx },
  );
  return inserted.length;
}

/** Sends one message through SMTP; throws when the server refuses it. */
export async function sendSmtp(
  mail: Pick<OutgoingEmail, 'to' | 'subject' | 'text' | 'html' | 'headers'> & {
    from?: string;
    /** Bulk mail: a fixed transfer encoding spares nodemailer scanning every message to choose one. */
    textEncoding?: 'base64' | 'quoted-printable';
  },
): Promise<string | null> {
  const url = process.env.EMAIL_SERVER!.trim();
  let transport = transports.get(url);
  if (!transport) {
    transport = factory(url);
    transports.set(url, transport);
  }
  const info = await transport.sendMail({
    from: mail.from ?? emailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.headers ? { headers: mail.headers } : {}),
    ...(mail.textEncoding ? { textEncoding: mail.textEncoding } : {}),
  });
  const failed = [...(info.rejected ?? []), ...((info as { pending?: unknown[] }).pending ?? [])].filter(Boolean);
  if (failed.length) throw new Error(`The mail server refused the message to ${failed.map(String).join(', ')}`);
  return typeof info.messageId === 'string' ? info.messageId : null;
}
