import { requireRole } from '@/lib/auth/session';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { listProblemJobsForAdmins } from '@/lib/jobs/problems';
import { RetryButton } from './RetryButton';
import styles from '../desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';
import { DataTable } from '@/components/staff/DataTable';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.jobs.title');

const when = (d: Date | null) => (d ? `${formatIsoMinute(d)} UTC` : '—');

export default async function JobsPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/jobs' });
  const jobs = await listProblemJobsForAdmins();
  const t = await staffTranslator('desk.jobs');
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {jobs.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <DataTable
          className={styles.table}
          rows={jobs}
          rowKey={(j) => j.id}
          columns={[
            { header: t('columns.job'), cell: (j) => j.about },
            { header: t('columns.state'), cell: (j) => (j.state === 'failed' ? t('failed') : t('waiting')) },
            { header: t('columns.tries'), cell: (j) => t('tries', { tries: j.retryCount + 1, limit: j.retryLimit + 1 }) },
            { header: t('columns.lastError'), cell: (j) => j.error ?? '—' },
            { header: t('columns.created'), cell: (j) => when(j.createdOn) },
            {
              header: <span className="visually-hidden">{t('columns.action')}</span>,
              cell: (j) => (j.state === 'failed' ? <RetryButton name={j.name} id={j.id} /> : null),
            },
          ]}
        />
      )}
    </main>
  );
}
