import type { Metadata } from 'next';
import Link from 'next/link';
import { preferencesFor } from '@/lib/newsletters/subscriptions';

// Reads the token from the address: per request, never cached, never indexed.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your newsletters', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Reached from every newsletter email without signing in: the signed token in the link names the
 * address. The form posts to /api/newsletters/preferences.
 */
export default async function NewsletterPreferencesPage({ searchParams }: Props) {
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  const prefs = await preferencesFor(token);
  if (!prefs) {
    return (
      <div className="container support-page">
        <h1>Your newsletters</h1>
        <p role="alert">
          This link is not valid. Copy the whole link from a newsletter email, or <Link href="/account">sign in</Link> and choose on your
          account page.
        </p>
      </div>
    );
  }
  return (
    <div className="container support-page">
      <h1>Your newsletters</h1>
      {sp.confirmed === '1' ? <p role="status">Thank you: your sign-up is confirmed.</p> : null}
      {sp.saved === '1' ? <p role="status">Saved. Your newsletter choices are changed.</p> : null}
      <p>
        Newsletters for <strong>{prefs.email}</strong>. Untick one to unsubscribe.
      </p>
      <form method="post" action="/api/newsletters/preferences">
        <input type="hidden" name="token" value={token} />
        <ul className="plain-list">
          {prefs.choices
            .filter((c) => c.audience === 'EVERYONE' || c.subscribed)
            .map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" name="newsletter" value={c.id} defaultChecked={c.subscribed} /> <strong>{c.name}</strong> (
                  {c.cadence}
                  {c.audience === 'PATRONS' ? ', for patrons' : ''})
                </label>
                <br />
                <span>{c.description}</span>
              </li>
            ))}
        </ul>
        <button type="submit" className="button">
          Save my choices
        </button>
      </form>
    </div>
  );
}
