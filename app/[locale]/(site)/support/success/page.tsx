import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { CheckoutSuccess } from '@/components/billing/CheckoutSuccess';
import { GuestCheckoutSuccess } from '@/components/billing/GuestCheckoutSuccess';
import { PatronLetterOffer } from '@/components/newsletters/PatronLetterOffer';
import { patronLetterToOffer } from '@/lib/newsletters/subscriptions';

// Reached from Stripe Checkout's success_url (`?session_id={CHECKOUT_SESSION_ID}`). The redirect alone
// proves nothing: CheckoutSuccess polls /api/checkout/status until the webhook has confirmed it.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Thank you', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const sessionIdSchema = z
  .string()
  .trim()
  .regex(/^cs_[A-Za-z0-9_]{1,250}$/);

export default async function SupportSuccessPage({ searchParams }: Props) {
  const raw = (await searchParams).session_id;
  const parsed = sessionIdSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const user = await getCurrentUser();

  return (
    <div className="container support-page" data-testid="checkout-success-page">
      <p className="kicker">Membership</p>
      <h1>Thank you for your support</h1>
      {!parsed.success ? (
        <p role="alert" className="notice" data-testid="success-error">
          This page needs the checkout reference Stripe sends you back with, and it is {raw === undefined ? 'missing' : 'malformed'}. If you
          have just paid, your membership is still being set up: see <Link href="/account">your account</Link>. Otherwise, start from{' '}
          <Link href="/support">the support page</Link>.
        </p>
      ) : !user ? (
        <>
          {/* Pay first: the browser that paid learns the outcome (its claim cookie); anyone else is asked to sign in. */}
          <GuestCheckoutSuccess sessionId={parsed.data} />
          <p className="notice">
            Paid from another browser? <Link href={signInPath(`/support/success?session_id=${parsed.data}`)}>Sign in</Link> to see the
            status of your membership.
          </p>
        </>
      ) : (
        <CheckoutSuccess sessionId={parsed.data} />
      )}
      {parsed.success && user ? <PatronLetterOfferSlot user={user} /> : null}
      <p>
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}

/** The patrons' letter, offered to a new patron not yet receiving it (issue #14). */
async function PatronLetterOfferSlot({ user }: { user: { id: string; email: string } }) {
  const letter = await patronLetterToOffer(user);
  return letter ? <PatronLetterOffer newsletter={letter} /> : null;
}
