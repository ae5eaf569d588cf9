/**
 * Billing emails, each sent at most once per reference (subscription, invoice, cancellation): the
 * Email row's unique dedupeKey `<kind>:<reference>` is the claim, so a replayed webhook, a retried
 * handler, a concurrent delivery or a reconcile run never sends it twice.
 */
import { toLocale, type Locale } from '@/lib/i18n/locales';
import { getSql } from '@/lib/db/client';
import { sendEmail } from '@/lib/mail/send';
import type { RenderedEmail } from '@/lib/mail/templates';

export const BILLING_EMAIL_KINDS = {
  welcome: 'billing-welcome',
  receipt: 'billing-receipt',
  paymentFailed: 'billing-payment-failed',
  cancellationConfirmed: 'billing-cancellation-confirmed',
  membershipEnded: 'billing-membership-ended',
} as const;

/** The reference of a subscription's "membership ended" email. */
export const membershipEndedReference = (subscriptionId: string) => `${subscriptionId}:ended`;

export type BillingEmailKind = (typeof BILLING_EMAIL_KINDS)[keyof typeof BILLING_EMAIL_KINDS];

/** Sends `render(reference)` to the user unless an email of this kind with this reference exists. Returns true when sent. */
export async function sendBillingEmailOnce(opts: {
  kind: BillingEmailKind;
  userId: string;
  reference: string;
  /** `locale`: the recipient's language (User.locale). */
  render: (user: { email: string; name: string | null; locale: Locale }) => RenderedEmail;
}): Promise<boolean> {
  const key = dedupeKey(opts.kind, opts.reference);
  // Replayed events mostly find the email already sent: one cheap read answers that and fetches the
  // recipient. The insert in sendEmail stays the claim for two first sends racing each other.
  const sql = await getSql();
  const [user] = await sql.query<{ email: string; name: string | null; locale: string; sent: boolean }>(
    `SELECT "email", "name", "locale", EXISTS (SELECT 1 FROM "Email" WHERE "dedupeKey" = $2::text) AS "sent" FROM "User" WHERE "id" = $1::text`,
    [opts.userId, key],
  );
  if (!user || user.sent) return false;
  const mail = opts.render({ email: user.email, name: user.name, locale: toLocale(user.locale) });
  const sent = await sendEmail({
    to: user.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    kind: opts.kind,
    userId: opts.userId,
    dedupeKey: key,
  });
  return !sent.duplicate;
}

const dedupeKey = (kind: BillingEmailKind, reference: string) => `${kind}:${reference}`;

/**
 * Takes the claim of a billing email so that it is never sent (account deletion: the webhook that
 * reports the cancellation must not email the person who just left, nor leave their address behind).
 * The row holds no personal data; `recipient` says why it exists.
 */
export async function withholdBillingEmail(kind: BillingEmailKind, reference: string, recipient: string): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `INSERT INTO "Email" ("id", "to", "subject", "text", "html", "kind", "transport", "dedupeKey", "createdAt")
     VALUES (gen_random_uuid()::text, $1::text, '(withheld)', '', '', $2::text, 'withheld', $3::text, now() AT TIME ZONE 'UTC')
     ON CONFLICT ("dedupeKey") DO NOTHING`,
    [recipient, kind, dedupeKey(kind, reference)],
  );
}
