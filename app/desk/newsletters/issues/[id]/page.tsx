import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getIssue } from '@/lib/newsletters/desk';
import { issueProgress } from '@/lib/newsletters/issues';
import { formatDateTime } from '@/lib/format/dates';
import { cancelIssueAction, scheduleIssueAction, sendIssueNowAction, testSendAction } from '../../actions';
import styles from '../../../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Newsletter issue' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function IssueDeskPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireRole('EDITOR', { callbackUrl: `/desk/newsletters/issues/${encodeURIComponent(id)}` });
  const issue = await getIssue(id);
  if (!issue) notFound();
  const sp = await searchParams;
  const progress = await issueProgress(issue.id);
  const done = first(sp.done);
  const failed = first(sp.failed);
  const editable = issue.status === 'DRAFT' || issue.status === 'SCHEDULED';
  return (
    <main>
      <p>
        <Link href={`/desk/newsletters/${issue.newsletter.id}`}>{issue.newsletter.name}</Link>
      </p>
      <h1>{issue.subject}</h1>
      <p data-testid="issue-status" data-status={issue.status}>
        Status: <strong>{issue.status.toLowerCase()}</strong>
        {issue.scheduledFor && issue.status === 'SCHEDULED' ? `, for ${formatDateTime(issue.scheduledFor)}` : ''}
        {issue.finishedAt ? `, finished ${formatDateTime(issue.finishedAt)}` : ''}.{' '}
        {issue.newsletter.audience === 'PATRONS' ? 'Patrons only: readers who are not patrons when it is sent are skipped.' : ''}
      </p>
      <ActionOutcome done={done} failed={failed} failedClass="error" styles={styles} />
      {issue.status !== 'DRAFT' ? (
        <table className={styles.table} data-testid="issue-progress">
          <tbody>
            <tr>
              <th scope="row">Sent</th>
              <td>{progress.sent}</td>
            </tr>
            <tr>
              <th scope="row">Waiting</th>
              <td>{progress.pending + progress.claimed + progress.sending}</td>
            </tr>
            <tr>
              <th scope="row">Skipped (not a patron, unsubscribed, bounced)</th>
              <td>{progress.skipped}</td>
            </tr>
            <tr>
              <th scope="row">Refused by the mail server</th>
              <td>{progress.failed}</td>
            </tr>
            <tr>
              <th scope="row">In doubt (a worker stopped while handing them over; not sent again)</th>
              <td>{progress.unknown}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      <p>
        <a href={`/api/desk/newsletters/issues/${issue.id}/preview`} target="_blank" rel="noopener">
          Preview the email
        </a>{' '}
        ·{' '}
        <a href={`/api/desk/newsletters/issues/${issue.id}/preview?format=text`} target="_blank" rel="noopener">
          its plain-text part
        </a>
      </p>
      <form action={testSendAction}>
        <input type="hidden" name="issueId" value={issue.id} />
        <button type="submit" className={styles.secondary}>
          Send me a test
        </button>
      </form>
      {editable ? (
        <>
          <form action={sendIssueNowAction}>
            <input type="hidden" name="issueId" value={issue.id} />
            <button type="submit" className={styles.button}>
              Send to subscribers now
            </button>
          </form>
          <form action={scheduleIssueAction} className={styles.form}>
            <input type="hidden" name="issueId" value={issue.id} />
            <p className={styles.field}>
              <label htmlFor="issue-at">Send at (UTC)</label>
              <input id="issue-at" type="datetime-local" name="at" required />
            </p>
            <button type="submit" className={styles.secondary}>
              Schedule
            </button>
          </form>
          <form action={cancelIssueAction}>
            <input type="hidden" name="issueId" value={issue.id} />
            <button type="submit" className={styles.danger}>
              Cancel this issue
            </button>
          </form>
        </>
      ) : null}
    </main>
  );
}
