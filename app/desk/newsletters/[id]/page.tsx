import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getNewsletter } from '@/lib/newsletters/newsletters';
import { articlesToSend, issuesOf, subscriberCounts } from '@/lib/newsletters/desk';
import { formatDate, formatDateTime } from '@/lib/format/dates';
import { createIssueAction, saveNewsletterAction } from '../actions';
import { NewsletterFields } from '../NewsletterFields';
import styles from '../../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { DataTable } from '@/components/staff/DataTable';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Newsletter' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewsletterDeskPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireRole('EDITOR', { callbackUrl: `/desk/newsletters/${encodeURIComponent(id)}` });
  const n = await getNewsletter(id);
  if (!n) notFound();
  const sp = await searchParams;
  const [issues, articles, counts] = await Promise.all([issuesOf(n.id), articlesToSend(), subscriberCounts()]);
  const done = first(sp.done);
  const failed = first(sp.failed);
  return (
    <main>
      <p>
        <Link href="/desk/newsletters">All newsletters</Link>
      </p>
      <h1>{n.name}</h1>
      <p>
        {counts.get(n.id)?.confirmed ?? 0} subscribers, {counts.get(n.id)?.pending ?? 0} awaiting confirmation.{' '}
        {n.audience === 'PATRONS' ? 'Sent only to current patrons.' : 'Free: anyone can sign up.'}
      </p>
      <ActionOutcome done={done} failed={failed} failedClass="error" styles={styles} />

      <h2>New issue</h2>
      <form action={createIssueAction} className={styles.form}>
        <input type="hidden" name="newsletterId" value={n.id} />
        <p className={styles.field}>
          <label htmlFor="issue-subject">Subject line</label>
          <input id="issue-subject" name="subject" className={styles.input} required maxLength={200} />
        </p>
        <p className={styles.field}>
          <label htmlFor="issue-intro">Introduction (optional, plain text)</label>
          <textarea id="issue-intro" name="intro" className={styles.textarea} rows={4} maxLength={5000} />
        </p>
        <fieldset className={styles.checks}>
          <legend>Articles: tick one to send that article, several for a digest</legend>
          {articles.map((a) => (
            <label key={a.id}>
              <input type="checkbox" name="articleId" value={a.id} /> {a.title}{' '}
              <span className={styles.hint}>({a.publishedAt ? formatDate(a.publishedAt) : ''})</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className={styles.button}>
          Save draft issue
        </button>
      </form>

      <h2>Issues</h2>
      <DataTable
        className={styles.table}
        rows={issues}
        rowKey={(i) => i.id}
        empty={<p>No issues yet.</p>}
        columns={[
          { header: 'Subject', cell: (i) => <Link href={`/desk/newsletters/issues/${i.id}`}>{i.subject}</Link> },
          { header: 'Status', cell: (i) => i.status.toLowerCase() },
          { header: 'When', cell: (i) => formatDateTime(i.finishedAt ?? i.startedAt ?? i.scheduledFor ?? i.createdAt) },
        ]}
      />

      <h2>Settings</h2>
      <form action={saveNewsletterAction} className={styles.form}>
        <NewsletterFields n={n} />
        <button type="submit" className={styles.button}>
          Save newsletter
        </button>
      </form>
    </main>
  );
}
