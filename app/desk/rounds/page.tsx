import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listRoundsForDesk } from '@/lib/voting/rounds';
import { formatDateTime } from '@/lib/format/dates';
import styles from '../desk.module.css';

export const metadata = { title: 'Rounds' };

export default async function RoundsPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds' });
  const rounds = await listRoundsForDesk();
  return (
    <>
      <h1>Topic rounds</h1>
      <div className={styles.toolbar}>
        <Link href="/desk/rounds/new" className={styles.button}>
          New round
        </Link>
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Round</th>
            <th>Phase</th>
            <th>Closes</th>
            <th>Topics</th>
            <th>To review</th>
            <th>Votes</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/desk/rounds/${r.id}`}>{r.title}</Link>
              </td>
              <td>
                <span className={styles.status}>{r.phase}</span>
              </td>
              <td>{formatDateTime(r.closesAt)}</td>
              <td>{r.topics}</td>
              <td>{r.proposed}</td>
              <td>{r.votes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rounds.length === 0 ? <p>No rounds yet.</p> : null}
    </>
  );
}
