import Link from 'next/link';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getRoundForDesk } from '@/lib/voting/rounds';
import { roundAuditTrail } from '@/lib/voting/topics';
import styles from '../../../desk.module.css';
import { DataTable } from '@/components/staff/DataTable';

export const generateMetadata = staffTitle('desk.rounds.audit.title');

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
      <DataTable
        className={styles.table}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('audit.when'), cell: (r) => r.createdAt.toISOString().replace('T', ' ').slice(0, 19) },
          { header: t('audit.patron'), cell: (r) => r.email },
          { header: t('audit.action'), cell: (r) => r.action },
          { header: t('audit.topic'), cell: (r) => r.topicTitle },
        ]}
      />
    </>
  );
}
