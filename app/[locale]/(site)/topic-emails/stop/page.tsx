import type { Metadata } from 'next';
import Link from 'next/link';
import { verifyTopicEmailStopToken } from '@/lib/voting/follows';
import styles from '../../topics/topics.module.css';

// Reads the token from the address: per request, never cached, never indexed.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Stop topic emails', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The stop link in every topic-progress email. Opening it changes nothing (mail scanners open links);
 * the one button posts the signed token to /api/topic-emails/stop, which works without signing in.
 */
export default async function StopTopicEmailsPage({ searchParams }: Props) {
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  if (sp.stopped === '1') {
    return (
      <div className={styles.page}>
        <h1>Topic emails stopped</h1>
        <p role="status">You will get no more emails about the progress of topics. Nothing else about your account changed.</p>
        <p>Changed your mind? Follow a topic again on its page and its updates come back.</p>
        <p>
          <Link href="/topics">Back to the topics</Link>
        </p>
      </div>
    );
  }
  const valid = verifyTopicEmailStopToken(token) !== null;
  return (
    <div className={styles.page}>
      <h1>Stop topic emails</h1>
      {valid ? (
        <form method="post" action="/api/topic-emails/stop">
          <input type="hidden" name="token" value={token} />
          <p>Stop every email about the progress of the topics you voted for or follow.</p>
          <button type="submit" className={styles.button}>
            Stop topic emails
          </button>
        </form>
      ) : (
        <p role="alert">This stop link is not valid. Copy the whole link from the email, or sign in and unfollow topics on their pages.</p>
      )}
    </div>
  );
}
