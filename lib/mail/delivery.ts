/**
 * The "email.send" job: sends one recorded email. Idempotent and safe with several workers: the row
 * is claimed before sending, a sent row is never sent again, and a failure releases the claim and
 * throws so the queue retries it with backoff. After the last retry the row is marked failed and the
 * job stays visible at /desk/jobs, where an admin can retry it.
 */
import { getSql } from '@/lib/db/client';
import type { JobContext } from '@/lib/jobs/worker';
import { sendSmtp } from './transport';

// A claim older than this is a worker that died mid-send: the message may be sent again.
const CLAIM_TIMEOUT = "interval '2 minutes'";

type Claimed = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  transport: string;
  unredacted: { subject: string; text: string; html: string } | null;
  headers: Record<string, string> | null;
};

export type DeliveryResult = 'sent' | 'filed' | 'already-handled';

export async function deliverQueuedEmail(emailId: string, job: Pick<JobContext, 'retryCount' | 'retryLimit'>): Promise<DeliveryResult> {
  const sql = await getSql();
  const [email] = await sql.query<Claimed>(
    `UPDATE "Email" SET "claimedAt" = now() AT TIME ZONE 'UTC', "attempts" = "attempts" + 1
      WHERE "id" = $1::text AND "status" IN ('queued', 'failed')
        AND ("claimedAt" IS NULL OR "claimedAt" < (now() AT TIME ZONE 'UTC') - ${CLAIM_TIMEOUT})
      RETURNING "id", "to", "subject", "text", "html", "transport", "unredacted", "headers"`,
    [emailId],
  );
  if (!email) return 'already-handled';
  if (email.transport === 'outbox') {
    // Test mode: the row is the mailbox; delivering it is marking it so.
    await markSent(email.id, null);
    return 'filed';
  }
  try {
    const content = email.unredacted ?? { subject: email.subject, text: email.text, html: email.html };
    const messageId = await sendSmtp({ to: email.to, ...content, ...(email.headers ? { headers: email.headers } : {}) });
    await markSent(email.id, messageId);
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const lastTry = job.retryCount >= job.retryLimit;
    await sql.query(`UPDATE "Email" SET "claimedAt" = NULL, "lastError" = $2::text, "status" = $3::text WHERE "id" = $1::text`, [
      email.id,
      message.slice(0, 500),
      lastTry ? 'failed' : 'queued',
    ]);
    throw err;
  }
}

async function markSent(id: string, messageId: string | null): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `UPDATE "Email" SET "status" = 'sent', "sentAt" = now() AT TIME ZONE 'UTC', "claimedAt" = NULL, "lastError" = NULL, "unredacted" = NULL, "messageId" = $2::text WHERE "id" = $1::text`,
    [id, messageId],
  );
}
