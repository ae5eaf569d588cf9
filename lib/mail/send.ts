import { z } from 'zod';
import { deliver, deliverMany, type SentEmail } from './transport';
import type { Transaction } from '@/lib/jobs/queue';

const emailSchema = z.object({
  to: z.email({ error: 'A valid recipient address is required' }),
  subject: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .refine((s) => !/[\r\n]/.test(s), 'The subject must be one line'),
  text: z.string().min(1),
  html: z.string().min(1),
  kind: z.string().min(1).max(60),
  userId: z.string().nullish(),
  // At most one email is ever sent per key (see transport.deliver).
  dedupeKey: z.string().min(1).max(300).nullish(),
  // Secrets in the message (a sign-in token): the recorded copy of an SMTP send has them blanked out.
  redact: z.array(z.string().min(8)).max(5).optional(),
  // Extra headers for SMTP sends (e.g. List-Unsubscribe); names are checked, values must be one line.
  headers: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,60}$/),
      z
        .string()
        .max(2000)
        .refine((v) => !/[\r\n]/.test(v), 'Header values must be one line'),
    )
    .optional(),
});

export type SendEmailInput = z.input<typeof emailSchema>;

/**
 * Records one email and queues its sending (in test mode the outbox is where it goes). With `tx`,
 * only if the caller's transaction commits (call getQueue() before opening it).
 */
export async function sendEmail(input: SendEmailInput, opts: { tx?: Transaction } = {}): Promise<SentEmail> {
  const mail = emailSchema.parse(input);
  return deliver({ ...mail, to: mail.to.trim() }, opts);
}

/** Many emails, each with its dedupeKey, in the caller's transaction. Returns how many were new. */
export async function sendEmails(inputs: (SendEmailInput & { dedupeKey: string })[], opts: { tx: Transaction }): Promise<number> {
  const mails = inputs.map((i) => {
    const mail = emailSchema.parse(i);
    return { ...mail, to: mail.to.trim(), dedupeKey: i.dedupeKey };
  });
  return deliverMany(mails, opts);
}
