/**
 * Where mail goes. With EMAIL_SERVER (an SMTP URL) set, through nodemailer; otherwise into the
 * local outbox (the Email table), shown at /dev/mailbox. Either way every message is recorded as
 * an Email row.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { getDb } from '@/lib/db/client';
import { mailToOutbox, siteName } from '@/lib/config/site';

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; kind: string; userId?: string | null };
export type SentEmail = { id: string; transport: 'outbox' | 'smtp'; messageId: string | null };

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

export async function deliver(mail: OutgoingEmail): Promise<SentEmail> {
  const db = await getDb();
  const base = { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, kind: mail.kind, userId: mail.userId ?? null };
  if (mailToOutbox()) {
    warnIfOutbox();
    const row = await db.email.create({ data: { ...base, transport: 'outbox' } });
    return { id: row.id, transport: 'outbox', messageId: null };
  }
  const url = process.env.EMAIL_SERVER!.trim();
  let transport = transports.get(url);
  if (!transport) {
    transport = factory(url);
    transports.set(url, transport);
  }
  const info = await transport.sendMail({ from: emailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  const failed = [...(info.rejected ?? []), ...((info as { pending?: unknown[] }).pending ?? [])].filter(Boolean);
  if (failed.length) throw new Error(`The mail server refused the message to ${failed.map(String).join(', ')}`);
  const messageId = typeof info.messageId === 'string' ? info.messageId : null;
  const row = await db.email.create({ data: { ...base, transport: 'smtp', messageId } });
  return { id: row.id, transport: 'smtp', messageId };
}
