/** Dashboard: the steps of the pay-first path, and who referred new patrons (admins only, like the rest of the page). */
import type { PayFirstFunnel } from '@/lib/analytics/pay-first-funnel';
import type { ReferrerRow } from '@/lib/referrals/referrals';
import { formatCount, formatRate } from './format';
import { DataTable } from '@/components/staff/DataTable';
import { StepTable, tableClasses } from './StepTable';

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
      <StepTable
        testId="pay-first-funnel"
        label="Pay first"
        steps={steps}
        rates={[{ header: 'Of the step it follows', numeric: true, cell: (s) => s.of }]}
      />
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
      <DataTable
        {...tableClasses}
        testId="referrers"
        rows={rows}
        rowKey={(r) => r.referrerId}
        empty={<p>No referrals in this period.</p>}
        columns={[
          {
            header: 'Referrer',
            rowHeader: true,
            cell: (r) => <a href={`/dashboard/members/${r.referrerId}`}>{r.name ? `${r.name} (${r.email})` : r.email}</a>,
          },
          { header: 'New patrons', numeric: true, cell: (r) => formatCount(r.referrals) },
        ]}
      />
    </section>
  );
}
