import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { signInPath } from '@/lib/auth/session';
import { formatDate, formatDateTime } from '@/lib/format/dates';
import { localized } from '@/lib/i18n/content';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { ArticleLinks } from '@/components/voting/ArticleLinks';
import { getTopicProgress, type Stage } from '@/lib/voting/progress';
import { FollowButton } from './FollowButton';
import styles from '../../topics.module.css';

// Public and the same for everyone: cached, regenerated at most every minute (and at once when the
// desk changes it); the follow button asks for the reader's own state from the browser.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams(): { round: string; topic: string }[] {
  return [];
}

type Props = { params: Promise<{ locale: string; round: string; topic: string }> };

const load = cache((round: string, topic: string) => getTopicProgress(round, topic));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.meta');
  const { round, topic } = await params;
  const p = await load(round, topic);
  if (!p) return { title: t('topicNotFound'), robots: { index: false } };
  const title = localized(p.topic.translations, locale, 'title', p.topic.title);
  const path = `/topics/${p.round.slug}/${p.topic.id}`;
  return {
    title,
    description: t('topicDescription', { title }),
    alternates: { canonical: localePath(locale, path), languages: { en: path, uk: localePath('uk', path) } },
  };
}

const PATH: Stage[] = ['COMMISSIONED', 'ASSIGNED', 'REPORTING', 'PUBLISHED'];

function eventText(e: { stage: Stage; reporterName: string | null; reason: string | null }, locale: Locale): string {
  const t = translator(locale, 'voting.progress');
  if (e.stage === 'ASSIGNED') return e.reporterName ? t('assignedTo', { name: e.reporterName }) : t('stage.ASSIGNED');
  if (e.stage === 'REPORTING') return e.reporterName ? t('reportingBy', { name: e.reporterName }) : t('stage.REPORTING');
  if (e.stage === 'COMMISSIONED') return t('commissioned');
  return t(`stage.${e.stage}`);
}

export default async function TopicProgressPage({ params }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.progress');
  const ft = translator(locale, 'voting.follow');
  const { round: roundSlug, topic: topicId } = await params;
  const p = await load(roundSlug, topicId);
  if (!p) notFound();
  const { topic, round } = p;
  const roundTitle = localized(round.translations, locale, 'title', round.title);
  const topicDescription = localized(topic.translations, locale, 'description', topic.description);
  const path = localePath(locale, `/topics/${round.slug}/${topic.id}`);
  const reached = new Set(p.events.map((e) => e.stage));
  const ended = topic.stage === 'DECLINED' || topic.stage === 'PUBLISHED';
  const upcoming = ended
    ? []
    : PATH.filter((s) => !reached.has(s) && PATH.indexOf(s) > PATH.indexOf(topic.stage === 'PAUSED' ? 'COMMISSIONED' : topic.stage));

  return (
    <div className={styles.page}>
      <p>
        <Link href={localePath(locale, `/topics/${round.slug}`)}>← {roundTitle}</Link>
      </p>
      <p className="kicker">{t('kicker')}</p>
      <h1>{localized(topic.translations, locale, 'title', topic.title)}</h1>
      {topicDescription ? <p className={styles.desc}>{topicDescription}</p> : null}
      <p className={styles.meta}>
        <span className={styles.status} data-status={topic.stage}>
          {t(`stage.${topic.stage}`)}
        </span>
        {topic.reporterName && !ended ? t('reporter', { name: topic.reporterName }) : ''}
        {p.voters !== null ? t('chosenBy', { count: p.voters, round: roundTitle }) : ''}
      </p>
      <FollowButton
        topicId={topic.id}
        signIn={ft.rich('signIn', { link: (c) => <a href={localePath(locale, signInPath(path))}>{c}</a> })}
        labels={{
          failed: ft('failed'),
          following: ft('following'),
          unfollowed: ft('unfollowed'),
          unfollow: ft('unfollow'),
          follow: ft('follow'),
          voted: ft('voted'),
          stopped: ft('stopped'),
        }}
      />

      <ArticleLinks label={t('readStory')} articles={p.articles} locale={locale} />

      <h2 id="timeline-title">{t('timeline')}</h2>
      <ol className={styles.timeline} aria-labelledby="timeline-title">
        {p.events.map((e) => (
          <li key={e.id} data-stage={e.stage}>
            <strong>{eventText(e, locale)}</strong>{' '}
            <time dateTime={e.at.toISOString()} className={styles.meta}>
              {formatDate(e.at, undefined, locale)}
            </time>
            {e.reason ? (
              <p className={styles.desc}>
                {e.stage === 'DECLINED' ? t('whyDeclined') : t('why')}
                {localized(e.translations, locale, 'reason', e.reason)}
              </p>
            ) : null}
          </li>
        ))}
        {upcoming.map((s) => (
          <li key={s} className={styles.meta} data-stage={s} data-upcoming="true">
            {t(`next.${s}`)}
          </li>
        ))}
      </ol>

      <h2 id="updates-title">{t('updates')}</h2>
      {p.updates.length ? (
        <ul className={styles.updates} aria-labelledby="updates-title">
          {p.updates.map((u) => (
            <li key={u.id}>
              <time dateTime={u.createdAt.toISOString()} className={styles.meta}>
                {formatDateTime(u.createdAt, undefined, locale)}
              </time>
              <br />
              {localized(u.translations, locale, 'body', u.body)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('noUpdates')}</p>
      )}
    </div>
  );
}
