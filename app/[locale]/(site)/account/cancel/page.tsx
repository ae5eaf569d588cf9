import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { offersForUser } from '@/lib/retention/cancel';
import { formatDate } from '@/lib/format/dates';
import { DecideForm, ReasonForm } from '@/components/retention/CancelForms';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const requestSchema = z.string().min(1).max(64).optional().catch(undefined);

/** Cancelling, signed in: the reason first, then the offers staff configured and the cancel button. */
export default async function CancelMembershipPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath('/account/cancel'));
  const sp = await searchParams;
  const requestId = requestSchema.parse(Array.isArray(sp.request) ? sp.request[0] : sp.request);
  const { sub, offers, state, endsAt, pausedUntil } = await offersForUser(user.id);

  if (!sub) {
    return (
      <div className="container account-page">
        <h1>Cancel your membership</h1>
        <p data-testid="cancel-nothing">
          {state === 'canceling' && endsAt ? (
            <>Your membership is already cancelled: it ends on {formatDate(endsAt)}.</>
          ) : state === 'paused' ? (
            <>
              Your membership is paused{pausedUntil ? <> until {formatDate(pausedUntil)}</> : null}. To cancel it, use “Manage membership”
              on your account page.
            </>
          ) : (
            <>You have no membership that renews, so there is nothing to cancel.</>
          )}
        </p>
        <p>
          <Link href="/account">Back to your account</Link>
        </p>
      </div>
    );
  }

  const db = await getDb();
  const pending = requestId
    ? await db.cancellationRequest.findFirst({ where: { id: requestId, userId: user.id, outcome: 'pending' } })
    : null;
  return (
    <div className="container account-page">
      <h1>Cancel your membership</h1>
      {pending ? (
        <DecideForm hidden={{ request: pending.id }} offers={offers} endsAt={formatDate(sub.currentPeriodEnd)} withReason={false} />
      ) : (
        <>
          <p>We are sorry to see you go. Telling us why helps us do better.</p>
          <ReasonForm hidden={{}} />
        </>
      )}
    </div>
  );
}
