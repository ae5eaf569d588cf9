import type { NewsletterFigures as Figures } from '@/lib/newsletters/figures';
import styles from '@/components/dashboard/dashboard.module.css';

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

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** The dashboard's newsletter figures (lib/newsletters/figures.ts): no pixels, counted from subscriptions. */
export function NewsletterFigures({ figures }: { figures: Figures }) {
  if (!figures.newsletters.length) return <p>No newsletters yet.</p>;
  return (
    <>
      <table className={styles.table} data-testid="newsletter-figures">
        <thead>
          <tr>
            <th scope="col">Newsletter</th>
            <th scope="col">Subscribers now</th>
            <th scope="col">
              Last 12 months ({figures.months[0]} to {figures.months.at(-1)})
            </th>
            <th scope="col">Awaiting confirmation</th>
            <th scope="col">Confirmation rate (email sign-ups)</th>
            <th scope="col">Became patrons after subscribing</th>
          </tr>
        </thead>
        <tbody>
          {figures.newsletters.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                {n.name}
                {n.audience === 'PATRONS' ? ' (patrons)' : ''}
              </th>
              <td>{n.subscribersNow}</td>
              <td>
                <Sparkline values={n.series} label={`Subscribers at each month's end: ${n.series.join(', ')}`} />
              </td>
              <td>{n.pendingNow}</td>
              <td>
                {pct(n.confirmationRate)}{' '}
                <span className={styles.hint}>
                  ({n.confirmed} of {n.signups})
                </span>
              </td>
              <td>{n.conversions}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.hint}>
        Checkouts started from a newsletter’s call to action (attribution placement “newsletter”, also in the placement table above):{' '}
        {figures.newsletterCheckouts} started, {figures.newsletterCheckoutsCompleted} completed.
      </p>
    </>
  );
}
