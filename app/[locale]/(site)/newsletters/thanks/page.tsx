import type { Metadata } from 'next';
import Link from 'next/link';
import { SIGNUP_ANSWER } from '@/lib/newsletters/subscriptions';

export const metadata: Metadata = { title: 'Check your inbox', robots: { index: false } };

/** Where a sign-up form posted without JavaScript lands: the same answer for every address. */
export default function NewsletterThanksPage() {
  return (
    <div className="container support-page">
      <h1>Check your inbox</h1>
      <p role="status">{SIGNUP_ANSWER}</p>
      <p>
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}
