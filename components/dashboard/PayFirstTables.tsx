/** Dashboard: the steps of the pay-first path, and who referred new patrons (admins only, like the rest of the page). */
import type { PayFirstFunnel } from '@/lib/analytics/pay-first-funnel';
import type { ReferrerRow } from '@/lib/referrals/referrals';
import { formatCount, formatRate } from './format';
import styles from './dashboard.module.css';

export function PayFirstFunnelTable({ funnel }: { funnel: PayFirstFunnel }) {
  const rate = (n: number, of: number) => (of ? formatRate(n / of) : '—');
  const steps = [
    { label: 'Checkouts started without signing in', value: funnel.started, of: '—' },
    { label: 'Paid (account found or created from the checkout)', value: funnel.paid, of: rate(funnel.paid, funnel.started) },
    { label: 'New accounts', value: funnel.newAccounts, of: rate(funnel.newAccounts, funnel.paid) },
    { label: 'Signed in on the success page', value: funnel.signedInOnSuccess, of: rate(funnel.signedInOnSuccess, funnel.newAccounts) },
    { label: 'Existing accounts, emailed a sign-in link', value: funnel.existingAccounts, of: rate(funnel.existingAccounts, funnel.paid) },
    {
      label: 'Already patrons (second membership cancelled and refunded)',
      value: funnel.alreadyPatrons,
      of: rate(funnel.alreadyPatrons, funnel.paid),
    },
  ];
  return (
    <section aria-labelledby="pay-first-title">
      <h3 id="pay-first-title">Pay first: from reader to patron without signing in</h3>
      <table className={styles.table} data-testid="pay-first-funnel">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className={styles.num}>
              Count
            </th>
            <th scope="col" className={styles.num}>
              Of the step it follows
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              <td className={styles.num}>{formatCount(s.value)}</td>
              <td className={styles.num}>{s.of}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReferrersTable({ rows }: { rows: ReferrerRow[] }) {
  return (
    <section aria-labelledby="referrers-title">
      <h3 id="referrers-title">Referrals by referrer</h3>
      <p>
        New memberships that came through a patron&rsquo;s personal link (placement &ldquo;referral&rdquo; above). Staff only: never shown
        publicly.
      </p>
      {rows.length ? (
        <table className={styles.table} data-testid="referrers">
          <thead>
            <tr>
              <th scope="col">Referrer</th>
              <th scope="col" className={styles.num}>
                New patrons
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.referrerId}>
                <th scope="row">
                  <a href={`/dashboard/members/${r.referrerId}`}>{r.name ? `${r.name} (${r.email})` : r.email}</a>
                </th>
                <td className={styles.num}>{formatCount(r.referrals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No referrals in this period.</p>
      )}
    </section>
  );
}
