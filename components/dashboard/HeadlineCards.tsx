/** The headline figures, each with its change against the previous period of equal length. */
import type { Dashboard, Figure, MoneyFigure } from '@/lib/analytics/types';
import { formatMoney } from '@/lib/format/money';
import { formatValue, type ValueKind } from './format';
import styles from './dashboard.module.css';

type Card = { key: string; label: string; figure: Figure | MoneyFigure; kind: ValueKind; hint?: string; lowerIsBetter?: boolean };

function change(figure: Figure, kind: ValueKind, lowerIsBetter = false) {
  if (figure.delta === 0) return { text: 'no change', tone: '' };
  const sign = figure.delta > 0 ? '+' : '−';
  const abs = kind.kind === 'rate' ? `${(Math.abs(figure.delta) * 100).toFixed(1)} pts` : formatValue(Math.abs(figure.delta), kind);
  const pct = figure.change === null || kind.kind === 'rate' ? '' : ` (${sign}${Math.abs(figure.change * 100).toFixed(1)} %)`;
  const good = lowerIsBetter ? figure.delta < 0 : figure.delta > 0;
  return { text: `${sign}${abs}${pct}`, tone: good ? styles.up : styles.down };
}

export function HeadlineCards({ dashboard }: { dashboard: Dashboard }) {
  const h = dashboard.headline;
  const money: ValueKind = { kind: 'money', currency: dashboard.reportingCurrency };
  const count: ValueKind = { kind: 'count' };
  const cards: Card[] = [
    {
      key: 'activePatrons',
      label: 'Active patrons',
      figure: h.activePatrons,
      kind: count,
      hint: 'at period end; trials, canceling and past due in grace included',
    },
    { key: 'mrr', label: 'MRR', figure: h.mrr, kind: money, hint: 'yearly plans count one twelfth' },
    { key: 'arr', label: 'ARR', figure: h.arr, kind: money },
    { key: 'newPatrons', label: 'New patrons', figure: h.newPatrons, kind: count },
    { key: 'reactivated', label: 'Reactivated', figure: h.reactivated, kind: count },
    { key: 'churned', label: 'Churned', figure: h.churned, kind: count, lowerIsBetter: true },
    { key: 'netGrowth', label: 'Net growth', figure: h.netGrowth, kind: count, hint: 'new + reactivated − churned' },
    {
      key: 'churnRate',
      label: 'Churn rate',
      figure: h.churnRate,
      kind: { kind: 'rate' },
      lowerIsBetter: true,
      hint: 'churned ÷ patrons at period start',
    },
    { key: 'arpu', label: 'ARPU', figure: h.arpu, kind: money, hint: 'MRR ÷ paying patrons' },
    { key: 'payingPatrons', label: 'Paying patrons', figure: h.payingPatrons, kind: count },
    { key: 'trials', label: 'Trials', figure: h.trials, kind: count },
    { key: 'pastDue', label: 'Past due', figure: h.pastDue, kind: count, lowerIsBetter: true },
    { key: 'upgrades', label: 'Upgrades', figure: h.upgrades, kind: count },
    { key: 'downgrades', label: 'Downgrades', figure: h.downgrades, kind: count, lowerIsBetter: true },
    { key: 'paused', label: 'Paused', figure: h.paused, kind: count, hint: 'payments paused: not patrons meanwhile, not churned' },
    { key: 'resumed', label: 'Resumed', figure: h.resumed, kind: count, hint: 'paused patrons back: not reactivations' },
    { key: 'revenue', label: 'Revenue', figure: h.revenue, kind: money, hint: 'payments minus refunds' },
  ];
  return (
    <ul className={styles.cards}>
      {cards.map((c) => {
        const ch = change(c.figure, c.kind, c.lowerIsBetter);
        const perCurrency = 'byCurrency' in c.figure && c.figure.byCurrency.length > 1 ? c.figure.byCurrency : null;
        return (
          <li key={c.key} className={styles.card} data-testid={`figure-${c.key}`} data-value={c.figure.current}>
            <p className={styles.cardLabel}>{c.label}</p>
            <p className={styles.cardValue}>{formatValue(c.figure.current, c.kind)}</p>
            <p className={`${styles.cardChange} ${ch.tone}`}>
              {ch.text} <span className={styles.hint}>vs {formatValue(c.figure.previous, c.kind)}</span>
            </p>
            {perCurrency ? (
              <p className={styles.hint} data-testid={`figure-${c.key}-by-currency`}>
                {perCurrency.map((m) => (
                  <span key={m.currency} data-currency={m.currency} data-value={m.current}>
                    {formatMoney(m.current, m.currency)}{' '}
                  </span>
                ))}
              </p>
            ) : 'byCurrency' in c.figure && c.figure.byCurrency.length === 1 ? (
              <p className={styles.hint} data-testid={`figure-${c.key}-by-currency`}>
                <span data-currency={c.figure.byCurrency[0]!.currency} data-value={c.figure.byCurrency[0]!.current}>
                  {formatMoney(c.figure.byCurrency[0]!.current, c.figure.byCurrency[0]!.currency)}
                </span>
              </p>
            ) : null}
            {c.hint ? <p className={styles.hint}>{c.hint}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
