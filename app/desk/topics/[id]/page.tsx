import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getTopicForDesk, NEXT_STAGES, type Stage } from '@/lib/voting/progress';
import { topicFollowers } from '@/lib/voting/follows';
import { postTopicUpdateAction, saveTopicTranslationsAction, saveTopicUpdateTranslationsAction, setTopicStageAction } from '../actions';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import styles from '../../desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { TranslationFields } from '@/components/staff/TranslationFields';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.topics.title');

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 300) : null);
const fmt = (d: Date) => `${formatIsoMinute(d)} UTC`;

export default async function DeskTopicPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireRole('EDITOR', { callbackUrl: `/desk/topics/${encodeURIComponent(id)}` });
  const topic = await getTopicForDesk(user, id);
  if (!topic) notFound();
  const sp = await searchParams;
  const done = one(sp.done);
  const failed = one(sp.failed);
  // Commissioned before progress existed: it joins its timeline at the first stage change or update.
  const stage = (topic.stage ?? (topic.status === 'COMMISSIONED' || topic.status === 'PUBLISHED' ? topic.status : null)) as Stage | null;
  const next = stage ? NEXT_STAGES[stage] : [];
  const followers = stage ? (await topicFollowers(topic.id)).length : 0;
  const hidden = (name: string, value: string) => <input type="hidden" name={name} value={value} />;
  const locale = await staffLocale();
  const t = translator(locale, 'desk.topics');
  // The stage names readers see on the topic page, in the editor's language.
  const stages = translator(locale, 'voting.progress');
  const stageLabel = (s: Stage) => stages(`stage.${s}`);
  const fieldClasses = { field: styles.field, input: styles.input, error: styles.error };

  return (
    <>
      <p>
        <Link href={`/desk/rounds/${topic.round.id}`}>← {topic.round.title}</Link>
        {stage && topic.round.status !== 'DRAFT' ? (
          <>
            {' · '}
            <Link href={`/topics/${topic.round.slug}/${topic.id}`}>{t('publicPage')}</Link>
          </>
        ) : null}
      </p>
      <h1>
        {topic.title} <span className={styles.status}>{stage ? stageLabel(stage) : t(`status.${topic.status}`)}</span>
      </h1>
      <ActionOutcome done={done} failed={failed} styles={styles} />
      {!stage ? <p>{t('commissionFirst')}</p> : null}
      {stage ? (
        <p>
          {t('followers', { count: followers })}
          {topic.reporterName ? ` ${t('reporter', { name: topic.reporterName })}` : ''}
        </p>
      ) : null}

      {next.length ? (
        <>
          <h2>{t('stage.heading')}</h2>
          <form action={setTopicStageAction} className={styles.form}>
            {hidden('topicId', topic.id)}
            <div className={styles.field}>
              <label htmlFor="t-stage">{t('stage.stage')}</label>
              <select id="t-stage" name="stage" className={styles.select} defaultValue={next[0]}>
                {next.map((s) => (
                  <option key={s} value={s}>
                    {s === stage ? t('stage.anotherReporter', { stage: stageLabel(s) }) : stageLabel(s)}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor="t-reporter">{t('stage.reporter')}</label>
              <input id="t-reporter" name="reporterName" className={styles.input} maxLength={100} defaultValue={topic.reporterName ?? ''} />
            </div>
            <div className={styles.field}>
              <label htmlFor="t-reason">{t('stage.reason')}</label>
              <input id="t-reason" name="reason" className={styles.input} maxLength={500} />
            </div>
            <TranslationFields idPrefix="stage" fields={[{ name: 'reason', kind: 'reason', maxLength: 500 }]} classes={fieldClasses} />
            <div>
              <button className={styles.button}>{t('stage.save')}</button>
            </div>
          </form>
        </>
      ) : null}

      {stage ? (
        <>
          <h2>{t('update.heading')}</h2>
          <form action={postTopicUpdateAction} className={styles.form}>
            {hidden('topicId', topic.id)}
            <div className={styles.field}>
              <label htmlFor="t-body">{t('update.body')}</label>
              <textarea id="t-body" name="body" className={styles.input} rows={4} minLength={3} maxLength={2000} required />
            </div>
            <TranslationFields
              idPrefix="update"
              note="fallback"
              fields={[{ name: 'body', kind: 'update', multiline: true, rows: 4, maxLength: 2000 }]}
              classes={fieldClasses}
            />
            <div>
              <button className={styles.button}>{t('update.post')}</button>
            </div>
          </form>
        </>
      ) : null}

      <h2>{t('translations.heading')}</h2>
      <form action={saveTopicTranslationsAction} className={styles.form}>
        {hidden('topicId', topic.id)}
        <TranslationFields
          idPrefix="t"
          note="fallback"
          translations={topic.translations}
          fields={[
            { name: 'title', kind: 'name', maxLength: 150 },
            { name: 'description', kind: 'summary', multiline: true, rows: 2, maxLength: 2000 },
          ]}
          classes={fieldClasses}
        />
        <div>
          <button className={styles.button}>{t('translations.save')}</button>
        </div>
      </form>

      <h2>{t('timeline')}</h2>
      <ol>
        {topic.events.map((e) => (
          <li key={e.id}>
            {stageLabel(e.stage as Stage)}
            {e.reporterName ? ` (${e.reporterName})` : ''} — {fmt(e.at)}
            {e.reason ? <p className={styles.hint}>{e.reason}</p> : null}
          </li>
        ))}
      </ol>

      <h2>{t('updates.heading')}</h2>
      {topic.updates.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t('updates.posted')}</th>
              <th>{t('updates.update')}</th>
              <th>{t('updates.emailed')}</th>
            </tr>
          </thead>
          <tbody>
            {topic.updates.map((u) => (
              <tr key={u.id}>
                <td>
                  {fmt(u.createdAt)}
                  {u.author ? <p className={styles.hint}>{u.author.name ?? u.author.email}</p> : null}
                </td>
                <td>
                  <p style={{ whiteSpace: 'pre-line', marginTop: 0 }}>{u.body}</p>
                  <details>
                    <summary>{t('updates.translate')}</summary>
                    <form action={saveTopicUpdateTranslationsAction} className={styles.form}>
                      {hidden('topicId', topic.id)}
                      {hidden('updateId', u.id)}
                      <TranslationFields
                        idPrefix={`u-${u.id}`}
                        note="fallback"
                        translations={u.translations}
                        fields={[{ name: 'body', kind: 'update', multiline: true, rows: 3, maxLength: 2000 }]}
                        classes={fieldClasses}
                      />
                      <div>
                        <button className={styles.secondary}>{t('updates.saveTranslation')}</button>
                      </div>
                    </form>
                  </details>
                </td>
                <td>{u.notifiedAt ? fmt(u.notifiedAt) : t('updates.sending')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('updates.none')}</p>
      )}
    </>
  );
}
