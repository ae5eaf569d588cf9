import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { giftOfToken } from '@/lib/gifts/gifts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Redeem your gift membership', robots: { index: false }, referrer: 'no-referrer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const tokenSchema = z.string().min(1).max(200).optional().catch(undefined);

/** Where the gift email's link lands: opening it spends nothing; the signed-in recipient redeems it with the button. */
export default async function RedeemGiftPage({ searchParams }: Props) {
  const sp = await searchParams;
  const token = tokenSchema.parse(Array.isArray(sp.token) ? sp.token[0] : sp.token);
  const gift = token ? await giftOfToken(token) : null;
  if (!token || !gift) {
    return (
      <div className="container account-page">
        <h1>Redeem your gift</h1>
        <p role="alert">This gift link is not valid.</p>
      </div>
    );
  }
  const user = await getCurrentUser();
  const from = gift.buyer.name || 'Someone';
  return (
    <div className="container account-page">
      <h1>Redeem your gift</h1>
      <p>
        {from} gave you {gift.months} months as a {gift.tier.name} patron.
      </p>
      {gift.redeemedAt ? (
        <p data-testid="gift-redeemed">This gift has been redeemed.</p>
      ) : user ? (
        <form method="post" action="/api/gifts/redeem">
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            Start my {gift.months}-month membership as {user.email}
          </button>
        </form>
      ) : (
        <p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/gift/redeem?token=${token}`)}`}>Sign in</Link> with any email address to
          redeem it.
        </p>
      )}
    </div>
  );
}
