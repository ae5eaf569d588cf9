import { requireRole } from '@/lib/auth/session';
import { listProblemJobsForAdmins } from '@/lib/jobs/problems';
import { RetryButton } from './RetryButton';
import styles from '../desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';

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
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Tries</th>
              <th scope="col">Last error</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <td>{j.about}</td>
                <td>{j.state === 'failed' ? 'Failed' : 'Waiting to retry'}</td>
                <td>
                  {j.retryCount + 1} of {j.retryLimit + 1}
                </td>
                <td>{j.error ?? '—'}</td>
                <td>{when(j.createdOn)}</td>
                <td>{j.state === 'failed' ? <RetryButton name={j.name} id={j.id} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
