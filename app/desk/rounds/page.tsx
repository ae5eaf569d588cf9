import Link from 'next/link';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { requireRole } from '@/lib/auth/session';
import { listRoundsForDesk } from '@/lib/voting/rounds';
import { formatDateTime } from '@/lib/format/dates';
import styles from '../desk.module.css';
import { DataTable } from '@/components/staff/DataTable';

export const generateMetadata = staffTitle('desk.rounds.list.title');

export default async function RoundsPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds' });
  const rounds = await listRoundsForDesk();
  const locale = await staffLocale();
  const t = translator(locale, 'desk.rounds');
  return (
    <>
      <h1>{t('list.heading')}</h1>
      <div className={styles.toolbar}>
        <Link href="/desk/rounds/new" className={styles.button}>
          {t('list.new')}
        </Link>
      </div>
      <DataTable
        className={styles.table}
        rows={rounds}
        rowKey={(r) => r.id}
        empty={<p>{t('list.none')}</p>}
        columns={[
          { header: t('list.round'), cell: (r) => <Link href={`/desk/rounds/${r.id}`}>{r.title}</Link> },
          { header: t('list.phase'), cell: (r) => <span className={styles.status}>{t(`phase.${r.phase}`)}</span> },
          { header: t('list.closes'), cell: (r) => formatDateTime(r.closesAt, undefined, locale) },
          { header: t('list.topics'), cell: (r) => r.topics },
          { header: t('list.toReview'), cell: (r) => r.proposed },
          { header: t('list.votes'), cell: (r) => r.votes },
        ]}
      />
    </>
  );
}
