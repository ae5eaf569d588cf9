import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/session';
import { currentOpenRound } from '@/lib/voting/rounds';
import { RoundView } from './RoundView';
import styles from './topics.module.css';

// Per-user (ballot, picks): rendered on every request.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: 'Vote on what we cover next',
  description: 'Patrons vote for the topics our newsroom covers next.',
};

export default async function TopicsPage() {
  const [user, round] = await Promise.all([getCurrentUser(), currentOpenRound()]);
  return (
    <div className={styles.page}>
      {round ? (
        <RoundView round={round} user={user} back="/topics" />
      ) : (
        <>
          <h1>Vote on what we cover next</h1>
          <p>No round is open right now. Patrons will be able to vote when the next one opens.</p>
        </>
      )}
      <p>
        <Link href="/topics/archive">Past rounds and what came of them</Link>
      </p>
    </div>
  );
}
