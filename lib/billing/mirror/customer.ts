/** Customers ↔ users: the StripeCustomer link. */
import { NOW_UTC } from '@/lib/db/sql-time';
import { getPreparedSql } from '@/lib/db/client';

/** The user a Stripe customer belongs to: our StripeCustomer row first, then `metadata.userId`. */
export async function resolveUserId(customerId: string | null, metadataUserId?: string | null): Promise<string | null> {
  return (await lookupCustomer(customerId, metadataUserId ?? null, null)).userId;
}

/**
 * resolveUserId in one statement (plus the link when the user came from metadata), optionally also
 * telling whether subscription `subscriptionId` is mirrored yet.
 */
export async function lookupCustomer(
  customerId: string | null,
  metadataUserId: string | null,
  subscriptionId: string | null,
): Promise<{ userId: string | null; subscriptionKnown: boolean }> {
  if (!customerId && !metadataUserId && !subscriptionId) return { userId: null, subscriptionKnown: false };
  const sql = await getPreparedSql();
  const [row] = await sql.query<{ linked: string | null; byMetadata: string | null; subscriptionKnown: boolean }>(
    `SELECT (SELECT "userId" FROM "StripeCustomer" WHERE "customerId" = $1::text) AS linked,
            (SELECT "id" FROM "User" WHERE "id" = $2::text) AS "byMetadata",
            EXISTS (SELECT 1 FROM "Subscription" WHERE "id" = $3::text) AS "subscriptionKnown"`,
    [customerId, metadataUserId, subscriptionId],
  );
  const subscriptionKnown = row?.subscriptionKnown ?? false;
  if (row?.linked) return { userId: row.linked, subscriptionKnown };
  if (row?.byMetadata) {
    if (customerId) await linkCustomer(row.byMetadata, customerId);
    return { userId: row.byMetadata, subscriptionKnown };
  }
  return { userId: null, subscriptionKnown };
}

/** Records user ↔ customer when neither side is linked yet (never overwrites an existing link). */
export async function linkCustomer(userId: string, customerId: string): Promise<void> {
  const sql = await getPreparedSql();
  await sql.query(
    `INSERT INTO "StripeCustomer" ("userId", "customerId", "createdAt") VALUES ($1::text, $2::text, ${NOW_UTC}) ON CONFLICT DO NOTHING`,
    [userId, customerId],
  );
}
