import type { Metadata } from 'next';
import Link from 'next/link';
import { pendingSignup } from '@/lib/newsletters/subscriptions';

// Reads the token from the address: per request, never cached, never indexed.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Confirm your newsletter', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The link in the double opt-in email. Opening it changes nothing (mail scanners open links); the
 * button posts the signed token to /api/newsletters/confirm.
 */
export default async function ConfirmNewsletterPage({ searchParams }: Props) {
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  const signup = await pendingSignup(token);
  return (
    <div className="container support-page">
      <h1>Confirm your newsletter</h1>
      {!signup ? (
        <p role="alert">This confirmation link is not valid. Copy the whole link from the email, or sign up again.</p>
      ) : signup.status === 'CONFIRMED' ? (
        <p role="status">
          {signup.email} already receives {signup.newsletter}. <Link href="/">Back to the front page</Link>
        </p>
      ) : (
        <form method="post" action="/api/newsletters/confirm">
          <input type="hidden" name="token" value={token} />
          <p>
            Start sending <strong>{signup.newsletter}</strong> to <strong>{signup.email}</strong>?
          </p>
          <button type="submit" className="button">
            Confirm my sign-up
          </button>
        </form>
      )}
    </div>
  );
}
