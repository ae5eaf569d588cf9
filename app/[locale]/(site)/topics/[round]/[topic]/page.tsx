import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { signInPath } from '@/lib/auth/session';
import { formatDate, formatDateTime } from '@/lib/format/dates';
import { ArticleLinks } from '@/components/voting/ArticleLinks';
import { getTopicProgress, STAGE_LABEL, type Stage } from '@/lib/voting/progress';
import { FollowButton } from './FollowButton';
import styles from '../../topics.module.css';

// Public and the same for everyone: cached, regenerated at most every minute (and at once when the
// desk changes it); the follow button asks for the reader's own state from the browser.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams(): { round: string; topic: string }[] {
  return [];
}

type Props = { params: Promise<{ round: string; topic: string }> };

const load = cache((round: string, topic: string) => getTopicProgress(round, topic));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { round, topic } = await params;
  const p = await load(round, topic);
  return p
    ? { title: p.topic.title, description: `How the reporting on “${p.topic.title}” is going.` }
    : { title: 'Topic not found', robots: { index: false } };
}

const PATH: Stage[] = ['COMMISSIONED', 'ASSIGNED', 'REPORTING', 'PUBLISHED'];

function eventText(e: { stage: Stage; reporterName: string | null; reason: string | null }): string {
  if (e.stage === 'ASSIGNED') return e.reporterName ? `Assigned to ${e.reporterName}` : STAGE_LABEL.ASSIGNED;
  if (e.stage === 'REPORTING') return e.reporterName ? `${e.reporterName} is reporting` : 'Reporting';
  if (e.stage === 'COMMISSIONED') return 'Commissioned: patrons chose it and we committed to cover it';
  return STAGE_LABEL[e.stage];
}

export default async function TopicProgressPage({ params }: Props) {
  const { round: roundSlug, topic: topicId } = await params;
  const p = await load(roundSlug, topicId);
  if (!p) notFound();
  const { topic, round } = p;
  const path = `/topics/${round.slug}/${topic.id}`;
  const reached = new Set(p.events.map((e) => e.stage));
  const ended = topic.stage === 'DECLINED' || topic.stage === 'PUBLISHED';
  const upcoming = ended
    ? []
    : PATH.filter((s) => !reached.has(s) && PATH.indexOf(s) > PATH.indexOf(topic.stage === 'PAUSED' ? 'COMMISSIONED' : topic.stage));

  return (
    <div className={styles.page}>
      <p>
        <Link href={`/topics/${round.slug}`}>← {round.title}</Link>
      </p>
      <p className="kicker">Topic progress</p>
      <h1>{topic.title}</h1>
      {topic.description ? <p className={styles.desc}>{topic.description}</p> : null}
      <p className={styles.meta}>
        <span className={styles.status} data-status={topic.stage}>
          {STAGE_LABEL[topic.stage]}
        </span>
        {topic.reporterName && !ended ? ` Reporter: ${topic.reporterName}.` : ''}
        {p.voters !== null ? ` Chosen by ${p.voters} ${p.voters === 1 ? 'patron' : 'patrons'} in “${round.title}”.` : ''}
      </p>
      <FollowButton topicId={topic.id} signInHref={signInPath(path)} />

      <ArticleLinks label="Read the story:" articles={p.articles} />

      <h2 id="timeline-title">Timeline</h2>
      <ol className={styles.timeline} aria-labelledby="timeline-title">
        {p.events.map((e) => (
          <li key={e.id} data-stage={e.stage}>
            <strong>{eventText(e)}</strong>{' '}
            <time dateTime={e.at.toISOString()} className={styles.meta}>
              {formatDate(e.at)}
            </time>
            {e.reason ? (
              <p className={styles.desc}>
                {e.stage === 'DECLINED' ? 'Why we declined: ' : 'Why: '}
                {e.reason}
              </p>
            ) : null}
          </li>
        ))}
        {upcoming.map((s) => (
          <li key={s} className={styles.meta} data-stage={s} data-upcoming="true">
            Next: {STAGE_LABEL[s].toLowerCase()}
          </li>
        ))}
      </ol>

      <h2 id="updates-title">Updates from the newsroom</h2>
      {p.updates.length ? (
        <ul className={styles.updates} aria-labelledby="updates-title">
          {p.updates.map((u) => (
            <li key={u.id}>
              <time dateTime={u.createdAt.toISOString()} className={styles.meta}>
                {formatDateTime(u.createdAt)}
              </time>
              <br />
              {u.body}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No updates yet.</p>
      )}
    </div>
  );
}
