/** Topic round statistics: what editors see on /dashboard (admins see it below the supporter figures). */
import type { TopicStats } from '@/lib/analytics/types';
import { formatStaffDay } from '@/lib/format/dates';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { formatCount } from './format';
import styles from './dashboard.module.css';

export function TopicStatsView({ stats, locale = 'en' }: { stats: TopicStats; locale?: Locale }) {
  const t = translator(locale, 'dashboard.topics');
  const n = (value: number) => formatCount(value, locale);
  const status = (kind: 'roundStatus' | 'topicStatus', value: string) =>
    t.has(`${kind}.${value}` as 'roundStatus.OPEN') ? t(`${kind}.${value}` as 'roundStatus.OPEN') : value.toLowerCase();
  const cards = [
    ['rounds', stats.totals.rounds],
    ['votes', stats.totals.votes],
    ['voters', stats.totals.voters],
    ['topicsPublished', stats.totals.topicsPublished],
  ] as const;
  return (
    <section data-testid="topic-stats">
      <ul className={styles.cards}>
        {cards.map(([key, value]) => (
          <li key={key} className={styles.card}>
            <p className={styles.cardLabel}>{t(`totals.${key}`)}</p>
            <p className={styles.cardValue}>{n(value)}</p>
          </li>
        ))}
      </ul>
      {stats.rounds.length === 0 ? <p className={styles.hint}>{t('noRounds')}</p> : null}
      {stats.rounds.map((r) => (
        <details key={r.id} className={styles.details}>
          <summary>
            {t('round', {
              title: r.title,
              status: status('roundStatus', r.status),
              closes: formatStaffDay(new Date(r.closesAt), locale),
              votes: r.votes,
              voters: r.voters,
            })}
          </summary>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('topic')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" className={styles.num}>
                  {t('votes')}
                </th>
                <th scope="col">{t('published')}</th>
              </tr>
            </thead>
            <tbody>
              {r.topics.map((topic) => (
                <tr key={topic.id}>
                  <th scope="row">{topic.title}</th>
                  <td>{status('topicStatus', topic.status)}</td>
                  <td className={styles.num}>{n(topic.votes)}</td>
                  <td>{topic.published ? t('yes') : t('no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
