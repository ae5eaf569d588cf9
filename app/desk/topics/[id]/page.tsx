import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getTopicForDesk, NEXT_STAGES, STAGE_LABEL, type Stage } from '@/lib/voting/progress';
import { topicFollowers } from '@/lib/voting/follows';
import { postTopicUpdateAction, saveTopicTranslationsAction, setTopicStageAction } from '../actions';
import { localized } from '@/lib/i18n/content';
import styles from '../../desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';
import { ActionOutcome } from '@/components/staff/ActionOutcome';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Topic progress' };

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

  return (
    <>
      <p>
        <Link href={`/desk/rounds/${topic.round.id}`}>← {topic.round.title}</Link>
        {stage && topic.round.status !== 'DRAFT' ? (
          <>
            {' · '}
            <Link href={`/topics/${topic.round.slug}/${topic.id}`}>Public page</Link>
          </>
        ) : null}
      </p>
      <h1>
        {topic.title} <span className={styles.status}>{stage ? STAGE_LABEL[stage] : topic.status}</span>
      </h1>
      <ActionOutcome done={done} failed={failed} styles={styles} />
      {!stage ? <p>Commission this topic from its round to record its progress.</p> : null}
      {stage ? (
        <p>
          {followers} {followers === 1 ? 'reader follows' : 'readers follow'} this topic (its voters, and readers who chose to follow it).
          {topic.reporterName ? ` Reporter: ${topic.reporterName}.` : ''}
        </p>
      ) : null}

      {next.length ? (
        <>
          <h2>Move to the next stage</h2>
          <form action={setTopicStageAction} className={styles.form}>
            {hidden('topicId', topic.id)}
            <div className={styles.field}>
              <label htmlFor="t-stage">Stage</label>
              <select id="t-stage" name="stage" className={styles.select} defaultValue={next[0]}>
                {next.map((s) => (
                  <option key={s} value={s}>
                    {s === stage ? `${STAGE_LABEL[s]} (another reporter)` : STAGE_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.field}>
              <label htmlFor="t-reporter">Reporter’s name (when assigning)</label>
              <input id="t-reporter" name="reporterName" className={styles.input} maxLength={100} defaultValue={topic.reporterName ?? ''} />
            </div>
            <div className={styles.field}>
              <label htmlFor="t-reason">Public reason (when pausing or declining)</label>
              <input id="t-reason" name="reason" className={styles.input} maxLength={500} />
            </div>
            <div>
              <button className={styles.button}>Save stage</button>
            </div>
          </form>
        </>
      ) : null}

      {stage ? (
        <>
          <h2>Post an update</h2>
          <form action={postTopicUpdateAction} className={styles.form}>
            {hidden('topicId', topic.id)}
            <div className={styles.field}>
              <label htmlFor="t-body">Update (emailed once to every follower)</label>
              <textarea id="t-body" name="body" className={styles.input} rows={4} minLength={3} maxLength={2000} required />
            </div>
            <div>
              <button className={styles.button}>Post update</button>
            </div>
          </form>
        </>
      ) : null}

      <h2>In Ukrainian</h2>
      <form action={saveTopicTranslationsAction} className={styles.form}>
        {hidden('topicId', topic.id)}
        <div className={styles.field}>
          <label htmlFor="t-title-uk">Name in Ukrainian (empty: readers of /uk see the English)</label>
          <input
            id="t-title-uk"
            name="title_uk"
            lang="uk"
            className={styles.input}
            maxLength={150}
            defaultValue={localized(topic.translations, 'uk', 'title', '')}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="t-desc-uk">Summary in Ukrainian</label>
          <textarea
            id="t-desc-uk"
            name="description_uk"
            lang="uk"
            className={styles.input}
            rows={2}
            maxLength={2000}
            defaultValue={localized(topic.translations, 'uk', 'description', '')}
          />
        </div>
        <div>
          <button className={styles.button}>Save translations</button>
        </div>
      </form>

      <h2>Timeline</h2>
      <ol>
        {topic.events.map((e) => (
          <li key={e.id}>
            {STAGE_LABEL[e.stage as Stage]}
            {e.reporterName ? ` (${e.reporterName})` : ''} — {fmt(e.at)}
            {e.reason ? <p className={styles.hint}>{e.reason}</p> : null}
          </li>
        ))}
      </ol>

      <h2>Updates</h2>
      {topic.updates.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Posted</th>
              <th>Update</th>
              <th>Emailed</th>
            </tr>
          </thead>
          <tbody>
            {topic.updates.map((u) => (
              <tr key={u.id}>
                <td>
                  {fmt(u.createdAt)}
                  {u.author ? <p className={styles.hint}>{u.author.name ?? u.author.email}</p> : null}
                </td>
                <td style={{ whiteSpace: 'pre-line' }}>{u.body}</td>
                <td>{u.notifiedAt ? fmt(u.notifiedAt) : 'Sending…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No updates yet.</p>
      )}
    </>
  );
}
