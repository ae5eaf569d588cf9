/** The headline figures, each with its change against the previous period of equal length. */
import type { Dashboard, Figure, MoneyFigure } from '@/lib/analytics/types';
import { formatMoney } from '@/lib/format/money';
import { formatDecimal } from '@/lib/format/numbers';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { formatValue, formatRate, type ValueKind } from './format';
import styles from './dashboard.module.css';

const CARDS = [
  'activePatrons',
  'mrr',
  'arr',
  'newPatrons',
  'reactivated',
  'churned',
  'netGrowth',
  'churnRate',
  'arpu',
  'payingPatrons',
  'trials',
  'pastDue',
  'upgrades',
  'downgrades',
  'paused',
  'resumed',
  'revenue',
] as const satisfies readonly (keyof Dashboard['headline'])[];
type CardKey = (typeof CARDS)[number];

const MONEY = new Set<CardKey>(['mrr', 'arr', 'arpu', 'revenue']);
const LOWER_IS_BETTER = new Set<CardKey>(['churned', 'churnRate', 'pastDue', 'downgrades']);
const HINTED = new Set<CardKey>(['activePatrons', 'mrr', 'netGrowth', 'churnRate', 'arpu', 'paused', 'resumed', 'revenue']);

function change(figure: Figure, kind: ValueKind, lowerIsBetter: boolean, locale: Locale) {
  const t = translator(locale, 'dashboard.headline');
  if (figure.delta === 0) return { text: t('noChange'), tone: '' };
  const sign = figure.delta > 0 ? '+' : '−';
  const abs =
    kind.kind === 'rate'
      ? t('points', { points: formatDecimal(Math.abs(figure.delta) * 100, locale) })
      : formatValue(Math.abs(figure.delta), kind, locale);
  const pct = figure.change === null || kind.kind === 'rate' ? '' : ` (${sign}${formatRate(Math.abs(figure.change), locale)})`;
  const good = lowerIsBetter ? figure.delta < 0 : figure.delta > 0;
  return { text: `${sign}${abs}${pct}`, tone: good ? styles.up : styles.down };
}

export function HeadlineCards({ dashboard, locale = 'en' }: { dashboard: Dashboard; locale?: Locale }) {
  const t = translator(locale, 'dashboard.headline');
  const h = dashboard.headline;
  const kindOf = (key: CardKey): ValueKind =>
    MONEY.has(key) ? { kind: 'money', currency: dashboard.reportingCurrency } : key === 'churnRate' ? { kind: 'rate' } : { kind: 'count' };
  return (
    <ul className={styles.cards}>
      {CARDS.map((key) => {
        const figure: Figure | MoneyFigure = h[key];
        const kind = kindOf(key);
        const ch = change(figure, kind, LOWER_IS_BETTER.has(key), locale);
        const byCurrency = 'byCurrency' in figure ? figure.byCurrency : [];
        return (
          <li key={key} className={styles.card} data-testid={`figure-${key}`} data-value={figure.current}>
            <p className={styles.cardLabel}>{t(`labels.${key}`)}</p>
            <p className={styles.cardValue}>{formatValue(figure.current, kind, locale)}</p>
            <p className={`${styles.cardChange} ${ch.tone}`}>
              {ch.text} <span className={styles.hint}>{t('versus', { value: formatValue(figure.previous, kind, locale) })}</span>
            </p>
            {byCurrency.length ? (
              <p className={styles.hint} data-testid={`figure-${key}-by-currency`}>
                {byCurrency.map((m) => (
                  <span key={m.currency} data-currency={m.currency} data-value={m.current}>
                    {formatMoney(m.current, m.currency, { locale })}
                    {byCurrency.length > 1 ? ' ' : ''}
                  </span>
                ))}
              </p>
            ) : null}
            {HINTED.has(key) ? <p className={styles.hint}>{t(`hints.${key}` as 'hints.mrr')}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
