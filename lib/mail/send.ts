import { z } from 'zod';
import { deliver, type SentEmail } from './transport';

const emailSchema = z.object({
  to: z.email({ error: 'A valid recipient address is required' }),
  subject: z.string().trim().min(1).max(300).refine((s) => !/[\r\n]/.test(s), 'The subject must be one line'),
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
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,60}$/), z.string().max(2000).refine((v) => !/[\r\n]/.test(v), 'Header values must be one line'))
    .optional(),
});

export type SendEmailInput = z.input<typeof emailSchema>;

/** Sends (or, in test mode, files in the outbox) one email and records it. */
export async function sendEmail(input: SendEmailInput): Promise<SentEmail> {
  const mail = emailSchema.parse(input);
  return deliver({ ...mail, to: mail.to.trim() });
}
