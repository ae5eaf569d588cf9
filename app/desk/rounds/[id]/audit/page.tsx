import type { Metadata } from 'next';
import Link from 'next/link';
import { staffTranslator } from '@/lib/i18n/staff-locale';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getRoundForDesk } from '@/lib/voting/rounds';
import { roundAuditTrail } from '@/lib/voting/topics';
import styles from '../../../desk.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await staffTranslator('desk.rounds');
  return { title: t('audit.title'), robots: { index: false } };
}

type Props = { params: Promise<{ id: string }> };

/** Who voted when. ADMIN only; never public. */
export default async function AuditPage({ params }: Props) {
  const { id } = await params;
  await requireRole('ADMIN', { callbackUrl: `/desk/rounds/${encodeURIComponent(id)}/audit` });
  const round = await getRoundForDesk(id);
  if (!round) notFound();
  const rows = await roundAuditTrail(round.id);
  const t = await staffTranslator('desk.rounds');
  return (
    <>
      <p>
        <Link href={`/desk/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <h1>{t('audit.title')}</h1>
      <p className={styles.hint}>{t('audit.intro', { count: rows.length })}</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.patron')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.topic')}</th>
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
