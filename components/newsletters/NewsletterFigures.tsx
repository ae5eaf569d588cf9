import type { NewsletterFigures as Figures } from '@/lib/newsletters/figures';
import styles from '@/components/dashboard/dashboard.module.css';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 120;
  const h = 28;
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - (v / max) * (h - 2) - 1).toFixed(1)}`).join(' ');
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="#1d3f72" strokeWidth="2" />
    </svg>
  );
}

/** The dashboard's newsletter figures (lib/newsletters/figures.ts): no pixels, counted from subscriptions. In the staff member's language. */
export function NewsletterFigures({ figures, locale = 'en' }: { figures: Figures; locale?: Locale }) {
  const t = translator(locale, 'dashboard.newsletterFigures');
  const n = (value: number) => formatCount(value, locale);
  const pct = (x: number | null) =>
    x === null
      ? '–'
      : locale === 'en'
        ? `${Math.round(x * 100)}%`
        : formatPercent(Math.round(x * 100) / 100, locale).replace(/[,.]0(?=\D*$)/, '');
  if (!figures.newsletters.length) return <p>{t('none')}</p>;
  return (
    <>
      <table className={styles.table} data-testid="newsletter-figures">
        <thead>
          <tr>
            <th scope="col">{t('newsletter')}</th>
            <th scope="col">{t('subscribersNow')}</th>
            <th scope="col">
              {t('lastMonths', { months: figures.months.length, from: figures.months[0] ?? '', to: figures.months.at(-1) ?? '' })}
            </th>
            <th scope="col">{t('awaiting')}</th>
            <th scope="col">{t('confirmationRate')}</th>
            <th scope="col">{t('becamePatrons')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.newsletters.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                {row.name}
                {row.audience === 'PATRONS' ? ` ${t('patronsOnly')}` : ''}
              </th>
              <td>{n(row.subscribersNow)}</td>
              <td>
                <Sparkline values={row.series} label={t('sparkline', { values: row.series.map(n).join(', ') })} />
              </td>
              <td>{n(row.pendingNow)}</td>
              <td>
                {pct(row.confirmationRate)}{' '}
                <span className={styles.hint}>{t('confirmedOf', { confirmed: row.confirmed, signups: row.signups })}</span>
              </td>
              <td>{n(row.conversions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.hint}>
        {t('checkouts', { started: figures.newsletterCheckouts, completed: figures.newsletterCheckoutsCompleted })}
      </p>
    </>
  );
}
