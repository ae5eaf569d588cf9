/** Dashboard sections (admins): gifted patrons (apart from paying ones); why patrons left, offers accepted, members saved (lib/retention/stats.ts). */
import Link from 'next/link';
import { getRetentionStats } from '@/lib/retention/stats';
import { reasonLabel } from '@/lib/retention/reasons';
import { giftStats } from '@/lib/gifts/gifts';
import { campaignCheckouts, listCampaigns } from '@/lib/campaigns/campaigns';
import { formatMoney } from '@/lib/format/money';

/** The sections' figures, loaded with the rest of the dashboard (the page renders them synchronously). */
export async function cancellationsFigures({ from, to }: { from: Date; to: Date }) {
  const [s, g, campaigns] = await Promise.all([getRetentionStats({ from, to }), giftStats({ from, to }), listCampaigns()]);
  const inRange = campaigns.filter((c) => new Date(c.startsAt) < to && new Date(c.endsAt) > from);
  const checkouts = await campaignCheckouts(inRange.map((c) => c.id));
  return { s, g, inRange: inRange.map((c) => ({ ...c, checkouts: checkouts.get(c.id) ?? { started: 0, paid: 0 } })) };
}

export function CancellationsSection({ figures: { s, g, inRange } }: { figures: Awaited<ReturnType<typeof cancellationsFigures>> }) {
  return (
    <>
      <section aria-labelledby="campaigns-heading" data-testid="dashboard-campaigns">
        <h2 id="campaigns-heading">Campaigns</h2>
        {inRange.length ? (
          <table>
            <caption>
              Each campaign: checkouts started under it and paid (by the checkout&apos;s own record), and new patrons and money while it ran
              (by time)
            </caption>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Checkouts started</th>
                <th scope="col">Checkouts paid</th>
                <th scope="col">New patrons</th>
                <th scope="col">Raised</th>
                <th scope="col">Goal</th>
              </tr>
            </thead>
            <tbody>
              {inRange.map((c) => (
                <tr key={c.id}>
                  <td>{c.title}</td>
                  <td data-testid="campaign-checkouts-started">{c.checkouts.started}</td>
                  <td data-testid="campaign-checkouts-paid">{c.checkouts.paid}</td>
                  <td>{c.newPatrons}</td>
                  <td>{formatMoney(c.raised, c.currency, { withCode: true })}</td>
                  <td>
                    {c.label} ({c.percent}%)
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No campaign ran in this period.</p>
        )}
      </section>
      <section aria-labelledby="gifts-heading" data-testid="dashboard-gifts">
        <h2 id="gifts-heading">Gift and pay-it-forward memberships</h2>
        <p>
          <strong data-testid="gifted-patrons">{g.activeGifted}</strong> gifted patrons and{' '}
          <strong data-testid="granted-patrons">{g.activeGranted}</strong> granted from the pay-it-forward pot now: they vote, and are
          counted apart from paying patrons (not in active patrons or MRR above). {g.sold} gifts sold in this period
          {g.revenue.length ? ` (${g.revenue.map((r) => r.label).join(', ')}, in revenue as one-off payments)` : ''}.
        </p>
      </section>
      <section aria-labelledby="cancellations-heading" data-testid="dashboard-cancellations">
        <h2 id="cancellations-heading">Cancellations and offers</h2>
        <p>
          {s.requests} patrons started to cancel in this period: <strong data-testid="members-saved">{s.saved}</strong> were saved by an
          offer ({s.offersAccepted.paused} paused, {s.offersAccepted.lowered} lowered their amount, {s.offersAccepted.yearly} switched to
          yearly) and {s.canceled} cancelled. <span data-testid="paused-now">{s.pausedNow}</span> memberships are paused now (they are not
          counted as patrons or in MRR).
        </p>
        {s.reasons.length ? (
          <table>
            <caption>Reasons given</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Patrons</th>
              </tr>
            </thead>
            <tbody>
              {s.reasons.map((r) => (
                <tr key={r.reason}>
                  <td>{reasonLabel(r.reason)}</td>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p>
          <Link href="/desk/retention">Offers and win-back email settings</Link>
        </p>
      </section>
    </>
  );
}
