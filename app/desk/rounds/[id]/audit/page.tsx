import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getRoundForDesk } from '@/lib/voting/rounds';
import { roundAuditTrail } from '@/lib/voting/topics';
import styles from '../../../desk.module.css';

export const metadata = { title: 'Audit trail', robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/** Who voted when. ADMIN only; never public. */
export default async function AuditPage({ params }: Props) {
  const { id } = await params;
  await requireRole('ADMIN', { callbackUrl: `/desk/rounds/${encodeURIComponent(id)}/audit` });
  const round = await getRoundForDesk(id);
  if (!round) notFound();
  const rows = await roundAuditTrail(round.id);
  return (
    <>
      <p>
        <Link href={`/desk/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <h1>Audit trail</h1>
      <p className={styles.hint}>The latest {rows.length} entries, newest first. Confidential: who voted for what.</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Patron</th>
            <th>Action</th>
            <th>Topic</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td>{r.email}</td>
              <td>{r.action}</td>
              <td>{r.topicTitle}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
