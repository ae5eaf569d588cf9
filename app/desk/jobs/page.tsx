import { requireRole } from '@/lib/auth/session';
import { listProblemJobsForAdmins } from '@/lib/jobs/problems';
import { RetryButton } from './RetryButton';
import styles from '../desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';
import { DataTable } from '@/components/staff/DataTable';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Background jobs' };

const when = (d: Date | null) => (d ? `${formatIsoMinute(d)} UTC` : '—');

export default async function JobsPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/jobs' });
  const jobs = await listProblemJobsForAdmins();
  return (
    <main>
      <h1>Background jobs</h1>
      <p>
        Emails and scheduled work run as jobs. A job that fails is tried again with growing delays; one that still fails after its last try
        stays here for a week. Fix the cause (an SMTP setting, say), then retry it.
      </p>
      {jobs.length === 0 ? (
        <p>No failed jobs. Everything went out.</p>
      ) : (
        <DataTable
          className={styles.table}
          rows={jobs}
          rowKey={(j) => j.id}
          columns={[
            { header: 'Job', cell: (j) => j.about },
            { header: 'State', cell: (j) => (j.state === 'failed' ? 'Failed' : 'Waiting to retry') },
            { header: 'Tries', cell: (j) => `${j.retryCount + 1} of ${j.retryLimit + 1}` },
            { header: 'Last error', cell: (j) => j.error ?? '—' },
            { header: 'Created', cell: (j) => when(j.createdOn) },
            {
              header: <span className="visually-hidden">Action</span>,
              cell: (j) => (j.state === 'failed' ? <RetryButton name={j.name} id={j.id} /> : null),
            },
          ]}
        />
      )}
    </main>
  );
}
