import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cancel your membership', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Cancelling without signing in (public): the reader gives their address and gets a one-time link
 * that lands on the confirm step. The same answer whether or not the address is a patron's.
 */
export default async function CancelWithoutSignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const sent = sp.sent === '1';
  return (
    <div className="container account-page">
      <h1>Cancel your membership</h1>
      {sent ? (
        <p role="status" data-testid="cancel-link-sent">
          If that address has a membership, we have emailed it a link to cancel. The link works once; check your inbox.
        </p>
      ) : null}
      <p>Enter the email address of your membership. We will email you a link to cancel it; you do not need to sign in.</p>
      <form method="post" action="/api/cancel/link">
        <ErrorSummary />
        <p>
          <label htmlFor="cancel-email">Email address</label>
          <br />
          <input id="cancel-email" name="email" type="email" autoComplete="email" required maxLength={320} />
        </p>
        <button type="submit" className="button">
          Email me a cancellation link
        </button>
      </form>
      <p>
        Signed in? <Link href="/account/cancel">Cancel from your account</Link>.
      </p>
    </div>
  );
}
