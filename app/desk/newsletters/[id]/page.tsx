import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getNewsletter } from '@/lib/newsletters/newsletters';
import { articlesToSend, issueStatus, issuesOf, subscriberCounts } from '@/lib/newsletters/desk';
import { formatDate, formatDateTime } from '@/lib/format/dates';
import { createIssueAction, saveNewsletterAction } from '../actions';
import { NewsletterFields } from '../NewsletterFields';
import styles from '../../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { DataTable } from '@/components/staff/DataTable';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.newsletters.detail.metaTitle');

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
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.detail');
  const statusOf = translator(locale, 'deskAudience.newsletters.status');
  return (
    <main>
      <p>
        <Link href="/desk/newsletters">{t('all')}</Link>
      </p>
      <h1>{n.name}</h1>
      <p>
        {t('counts', { confirmed: counts.get(n.id)?.confirmed ?? 0, pending: counts.get(n.id)?.pending ?? 0 })}{' '}
        {n.audience === 'PATRONS' ? t('patronsOnly') : t('free')}
      </p>
      <ActionOutcome done={done} failed={failed} failedClass="error" styles={styles} />

      <h2>{t('newIssue')}</h2>
      <form action={createIssueAction} className={styles.form}>
        <input type="hidden" name="newsletterId" value={n.id} />
        <p className={styles.field}>
          <label htmlFor="issue-subject">{t('subject')}</label>
          <input id="issue-subject" name="subject" className={styles.input} required maxLength={200} />
        </p>
        <p className={styles.field}>
          <label htmlFor="issue-intro">{t('intro')}</label>
          <textarea id="issue-intro" name="intro" className={styles.textarea} rows={4} maxLength={5000} />
        </p>
        <p className={styles.field}>
          <label htmlFor="issue-subject-uk">{t('subjectUk')}</label>
          <input id="issue-subject-uk" name="subject_uk" lang="uk" className={styles.input} maxLength={200} />
        </p>
        <p className={styles.field}>
          <label htmlFor="issue-intro-uk">{t('introUk')}</label>
          <textarea id="issue-intro-uk" name="intro_uk" lang="uk" className={styles.textarea} rows={4} maxLength={5000} />
        </p>
        <fieldset className={styles.checks}>
          <legend>{t('articles')}</legend>
          {articles.map((a) => (
            <label key={a.id}>
              <input type="checkbox" name="articleId" value={a.id} /> {a.title}{' '}
              <span className={styles.hint}>({a.publishedAt ? formatDate(a.publishedAt, undefined, locale) : ''})</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className={styles.button}>
          {t('saveDraft')}
        </button>
      </form>

      <h2>{t('issues')}</h2>
      <DataTable
        className={styles.table}
        rows={issues}
        rowKey={(i) => i.id}
        empty={<p>{t('noIssues')}</p>}
        columns={[
          { header: t('colSubject'), cell: (i) => <Link href={`/desk/newsletters/issues/${i.id}`}>{i.subject}</Link> },
          { header: t('colStatus'), cell: (i) => statusOf(`${issueStatus(i.status)}` as const) },
          {
            header: t('colWhen'),
            cell: (i) => formatDateTime(i.finishedAt ?? i.startedAt ?? i.scheduledFor ?? i.createdAt, undefined, locale),
          },
        ]}
      />

      <h2>{t('settings')}</h2>
      <form action={saveNewsletterAction} className={styles.form}>
        <NewsletterFields n={n} />
        <button type="submit" className={styles.button}>
          {t('save')}
        </button>
      </form>
    </main>
  );
}
