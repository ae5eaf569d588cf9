import { formatDate, formatDateTime } from '@/lib/format/dates';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import type { RoundIntegrity } from '@/lib/voting/integrity';
import type { RoundPhase } from '@/lib/voting/rules';
import styles from './topics.module.css';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Who could vote in a round, with how many votes, how many could and how many did: on every round page. */
export function IntegrityBox({ integrity: i, phase, locale }: { integrity: RoundIntegrity; phase: RoundPhase; locale: Locale }) {
  if (phase === 'DRAFT') return null;
  const t = translator(locale, 'voting.integrity');
  const closed = phase === 'CLOSED';
  return (
    <section className={styles.integrity} aria-labelledby="integrity-title">
      <h2 id="integrity-title">{t('heading')}</h2>
      <dl>
        <dt>{closed ? t('whoCould') : t('whoCan')}</dt>
        <dd>
          {t('who', {
            days: i.graceDays,
            joinRule: i.joinedBeforeOpenOnly ? 'yes' : 'no',
            date: formatDate(i.opensAt, undefined, locale),
          })}
        </dd>
        <dt>{t('perPatron')}</dt>
        <dd>{t('budget', { count: i.budget })}</dd>
        <dt>{t('eligible')}</dt>
        <dd data-testid="eligible">
          {closed
            ? t('eligibleClosed', { count: i.eligible, date: formatDateTime(i.at, undefined, locale) })
            : t('eligibleNow', { count: i.eligible })}
        </dd>
        <dt>{t('turnout')}</dt>
        <dd data-testid="turnout">
          {t('turnoutValue', { voters: i.voters, votes: i.votes, share: i.turnout !== null ? pct(i.turnout) : 'none' })}
        </dd>
      </dl>
    </section>
  );
}
