import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { userOfCancelToken } from '@/lib/retention/links';
import { offersForUser } from '@/lib/retention/cancel';
import { formatDate } from '@/lib/format/dates';
import { DecideForm } from '@/components/retention/CancelForms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Confirm your cancellation', robots: { index: false }, referrer: 'no-referrer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const tokenSchema = z.string().min(1).max(200).optional().catch(undefined);

/**
 * Where the emailed one-time link lands (no sign-in): the confirm step. Opening it spends nothing
 * (mail scanners open links); the button does, once.
 */
export default async function ConfirmCancelPage({ searchParams }: Props) {
  const sp = await searchParams;
  const token = tokenSchema.parse(Array.isArray(sp.token) ? sp.token[0] : sp.token);
  const userId = token ? await userOfCancelToken(token) : null;
  if (!token || !userId) {
    return (
      <div className="container account-page">
        <h1>Cancel your membership</h1>
        <p role="alert" data-testid="cancel-link-invalid">
          This cancellation link has expired or was already used. <Link href="/cancel">Ask for a new one</Link>.
        </p>
      </div>
    );
  }
  const { sub, offers } = await offersForUser(userId);
  return (
    <div className="container account-page">
      <h1>Confirm your cancellation</h1>
      {sub ? (
        <DecideForm hidden={{ token }} offers={offers} endsAt={formatDate(sub.currentPeriodEnd)} withReason />
      ) : (
        <p data-testid="cancel-nothing">This membership no longer renews, so there is nothing to cancel.</p>
      )}
    </div>
  );
}
