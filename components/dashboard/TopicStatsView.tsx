/** Topic round statistics: what editors see on /dashboard (admins see it below the supporter figures). */
import type { TopicStats } from '@/lib/analytics/types';
import { formatCount } from './format';
import styles from './dashboard.module.css';

export function TopicStatsView({ stats }: { stats: TopicStats }) {
  return (
    <section data-testid="topic-stats">
      <ul className={styles.cards}>
        <li className={styles.card}>
          <p className={styles.cardLabel}>Rounds</p>
          <p className={styles.cardValue}>{formatCount(stats.totals.rounds)}</p>
        </li>
        <li className={styles.card}>
          <p className={styles.cardLabel}>Votes</p>
          <p className={styles.cardValue}>{formatCount(stats.totals.votes)}</p>
        </li>
        <li className={styles.card}>
          <p className={styles.cardLabel}>Voters</p>
          <p className={styles.cardValue}>{formatCount(stats.totals.voters)}</p>
        </li>
        <li className={styles.card}>
          <p className={styles.cardLabel}>Topics published</p>
          <p className={styles.cardValue}>{formatCount(stats.totals.topicsPublished)}</p>
        </li>
      </ul>
      {stats.rounds.length === 0 ? <p className={styles.hint}>No rounds in this period.</p> : null}
      {stats.rounds.map((r) => (
        <details key={r.id} className={styles.details}>
          <summary>
            {r.title} ({r.status.toLowerCase()}, closes {r.closesAt.slice(0, 10)}): {formatCount(r.votes)} votes from{' '}
            {formatCount(r.voters)} patrons
          </summary>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Status</th>
                <th scope="col" className={styles.num}>
                  Votes
                </th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody>
              {r.topics.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.title}</th>
                  <td>{t.status.toLowerCase()}</td>
                  <td className={styles.num}>{formatCount(t.votes)}</td>
                  <td>{t.published ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
