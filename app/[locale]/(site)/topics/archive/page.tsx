import type { Metadata } from 'next';
import Link from 'next/link';
import { listPastRounds } from '@/lib/voting/rounds';
import { formatDate } from '@/lib/format/dates';
import styles from '../topics.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: 'Past rounds',
  description: 'Every patron vote, its results and what the newsroom did with them.',
};

export default async function ArchivePage() {
  const rounds = await listPastRounds();
  return (
    <div className={styles.page}>
      <h1>Past rounds</h1>
      <p>The public record of every patron vote: results, what we committed to, and what we published.</p>
      {rounds.length === 0 ? <p className="empty">No round has closed yet.</p> : null}
      <ul className={styles.list}>
        {rounds.map((r) => (
          <li key={r.id} className={styles.topic}>
            <h2>
              <Link href={`/topics/${r.slug}`}>{r.title}</Link>
            </h2>
            <p className={styles.meta}>Closed {formatDate(r.closedAt ?? r.closesAt)}</p>
            {r.commitment ? <p className={styles.desc}>{r.commitment}</p> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link href="/topics">The current round</Link>
      </p>
    </div>
  );
}
