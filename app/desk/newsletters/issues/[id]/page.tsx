import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getIssue, issueStatus } from '@/lib/newsletters/desk';
import { issueProgress } from '@/lib/newsletters/issues';
import { formatDateTime } from '@/lib/format/dates';
import { cancelIssueAction, scheduleIssueAction, sendIssueNowAction, testSendAction } from '../../actions';
import styles from '../../../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { localized } from '@/lib/i18n/content';
import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.newsletters.issue.metaTitle');

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
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.issue');
  const statusOf = translator(locale, 'deskAudience.newsletters.status');
  const subjectUk = localized(issue.translations, 'uk', 'subject', '');
  const status = issueStatus(issue.status);
  return (
    <main>
      <p>
        <Link href={`/desk/newsletters/${issue.newsletter.id}`}>{issue.newsletter.name}</Link>
      </p>
      <h1>{issue.subject}</h1>
      {subjectUk ? (
        <p>
          {t('subjectUk')} <strong lang="uk">{subjectUk}</strong>
        </p>
      ) : null}
      <p data-testid="issue-status" data-status={issue.status}>
        {t.rich('status', {
          status: statusOf(`${status}` as const),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
        {issue.scheduledFor && issue.status === 'SCHEDULED'
          ? t('scheduledFor', { at: formatDateTime(issue.scheduledFor, undefined, locale) })
          : ''}
        {issue.finishedAt ? t('finished', { at: formatDateTime(issue.finishedAt, undefined, locale) }) : ''}
        {t('end')} {issue.newsletter.audience === 'PATRONS' ? t('patronsOnly') : ''}
      </p>
      <ActionOutcome done={done} failed={failed} failedClass="error" styles={styles} />
      {issue.status !== 'DRAFT' ? (
        <table className={styles.table} data-testid="issue-progress">
          <tbody>
            <tr>
              <th scope="row">{t('sent')}</th>
              <td>{progress.sent}</td>
            </tr>
            <tr>
              <th scope="row">{t('waiting')}</th>
              <td>{progress.pending + progress.claimed + progress.sending}</td>
            </tr>
            <tr>
              <th scope="row">{t('skipped')}</th>
              <td>{progress.skipped}</td>
            </tr>
            <tr>
              <th scope="row">{t('failed')}</th>
              <td>{progress.failed}</td>
            </tr>
            <tr>
              <th scope="row">{t('unknown')}</th>
              <td>{progress.unknown}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      <p>
        <a href={`/api/desk/newsletters/issues/${issue.id}/preview`} target="_blank" rel="noopener">
          {t('preview')}
        </a>{' '}
        ·{' '}
        <a href={`/api/desk/newsletters/issues/${issue.id}/preview?format=text`} target="_blank" rel="noopener">
          {t('previewText')}
        </a>
      </p>
      <p>
        <a href={`/api/desk/newsletters/issues/${issue.id}/preview?locale=uk`} target="_blank" rel="noopener">
          {t('previewUk')}
        </a>{' '}
        ·{' '}
        <a href={`/api/desk/newsletters/issues/${issue.id}/preview?format=text&locale=uk`} target="_blank" rel="noopener">
          {t('previewText')}
        </a>
      </p>
      <form action={testSendAction} className={styles.form}>
        <input type="hidden" name="issueId" value={issue.id} />
        <p className={styles.field}>
          <label htmlFor="issue-test-locale">{t('testLanguage')}</label>
          <select id="issue-test-locale" name="locale" defaultValue={locale}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" className={styles.secondary}>
          {t('testSend')}
        </button>
      </form>
      {editable ? (
        <>
          <form action={sendIssueNowAction}>
            <input type="hidden" name="issueId" value={issue.id} />
            <button type="submit" className={styles.button}>
              {t('sendNow')}
            </button>
          </form>
          <form action={scheduleIssueAction} className={styles.form}>
            <input type="hidden" name="issueId" value={issue.id} />
            <p className={styles.field}>
              <label htmlFor="issue-at">{t('sendAt')}</label>
              <input id="issue-at" type="datetime-local" name="at" required />
            </p>
            <button type="submit" className={styles.secondary}>
              {t('schedule')}
            </button>
          </form>
          <form action={cancelIssueAction}>
            <input type="hidden" name="issueId" value={issue.id} />
            <button type="submit" className={styles.danger}>
              {t('cancel')}
            </button>
          </form>
        </>
      ) : null}
    </main>
  );
}
