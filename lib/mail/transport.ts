/**
 * Where mail goes. With EMAIL_SERVER (an SMTP URL) set, through nodemailer; otherwise into the
 * local outbox (the Email table), shown at /dev/mailbox. Either way every message is recorded as
 * an Email row.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { getDb, getSql } from '@/lib/db/client';
import { mailToOutbox, siteName } from '@/lib/config/site';

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; kind: string; userId?: string | null; dedupeKey?: string | null; redact?: string[]; headers?: Record<string, string> };

export const REDACTED = '[redacted]';

/** `text` with every secret replaced by [redacted]. */
export function redactSecrets(text: string, secrets: string[] = []): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join(REDACTED), text);
}
/** `duplicate`: an email with the same dedupeKey already went out, so this one was not sent. */
export type SentEmail = { id: string; transport: 'outbox' | 'smtp'; messageId: string | null; duplicate: boolean };


/** Builds the nodemailer transport for an SMTP URL. Tests replace it with a jsonTransport. */
export type TransportFactory = (smtpUrl: string) => Transporter;

const defaultFactory: TransportFactory = (smtpUrl) => nodemailer.createTransport(smtpUrl);
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
 * Records, then sends. With a dedupeKey the Email row is written first and its unique key is the
 * claim: a second send with the same key (a replayed webhook, a concurrent handler) finds it taken
 * and sends nothing. A failed SMTP send releases the claim so a retry can send.
 */
export async function deliver(mail: OutgoingEmail): Promise<SentEmail> {
  const db = await getDb();
  const transportName = mailToOutbox() ? ('outbox' as const) : ('smtp' as const);
  // The outbox is the test-mode mailbox, so it keeps the message whole; an SMTP send's record keeps no secret.
  const keep = (t: string) => (transportName === 'smtp' ? redactSecrets(t, mail.redact) : t);
  const base = { to: mail.to, subject: keep(mail.subject), text: keep(mail.text), html: keep(mail.html), kind: mail.kind, userId: mail.userId ?? null, dedupeKey: mail.dedupeKey ?? null };
  let row: { id: string };
  if (mail.dedupeKey) {
    // The claim in one raw statement (billing emails go out from webhook handlers, a hot path): a
    // second send with the same key inserts nothing instead of failing on the unique index.
    const sql = await getSql();
    const [claimed] = await sql.query<{ id: string }>(
      `INSERT INTO "Email" ("id", "to", "subject", "text", "html", "kind", "transport", "userId", "dedupeKey", "createdAt")
       VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, now() AT TIME ZONE 'UTC')
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING "id"`,
      [`em_${randomUUID()}`, base.to, base.subject, base.text, base.html, base.kind, transportName, base.userId, mail.dedupeKey],
    );
    if (!claimed) {
      const existing = await db.email.findUniqueOrThrow({ where: { dedupeKey: mail.dedupeKey } });
      return { id: existing.id, transport: transportName, messageId: existing.messageId, duplicate: true };
    }
    row = claimed;
  } else {
    row = await db.email.create({ data: { ...base, transport: transportName } });
  }
  if (transportName === 'outbox') {
    warnIfOutbox();
    return { id: row.id, transport: 'outbox', messageId: null, duplicate: false };
  }
  try {
    const messageId = await sendSmtp(mail);
    await db.email.update({ where: { id: row.id }, data: { messageId } });
    return { id: row.id, transport: 'smtp', messageId, duplicate: false };
  } catch (err) {
    await db.email.delete({ where: { id: row.id } }).catch(() => undefined);
    throw err;
  }
}

async function sendSmtp(mail: OutgoingEmail): Promise<string | null> {
  const url = process.env.EMAIL_SERVER!.trim();
  let transport = transports.get(url);
  if (!transport) {
    transport = factory(url);
    transports.set(url, transport);
  }
  const info = await transport.sendMail({ from: emailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.headers ? { headers: mail.headers } : {}) });
  const failed = [...(info.rejected ?? []), ...((info as { pending?: unknown[] }).pending ?? [])].filter(Boolean);
  if (failed.length) throw new Error(`The mail server refused the message to ${failed.map(String).join(', ')}`);
  return typeof info.messageId === 'string' ? info.messageId : null;
}
