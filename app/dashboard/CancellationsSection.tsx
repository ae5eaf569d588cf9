/** Dashboard sections (admins): gifted patrons (apart from paying ones); why patrons left, offers accepted, members saved (lib/retention/stats.ts). */
import Link from 'next/link';
import { getRetentionStats } from '@/lib/retention/stats';
import { giftStats } from '@/lib/gifts/gifts';
import { campaignCheckouts, listCampaigns } from '@/lib/campaigns/campaigns';
import { formatMoney } from '@/lib/format/money';
import { formatCount } from '@/lib/format/numbers';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { DataTable } from '@/components/staff/DataTable';

/** The sections' figures, loaded with the rest of the dashboard (the page renders them synchronously). */
export async function cancellationsFigures({ from, to }: { from: Date; to: Date }) {
  const [s, g, campaigns] = await Promise.all([getRetentionStats({ from, to }), giftStats({ from, to }), listCampaigns()]);
  const inRange = campaigns.filter((c) => new Date(c.startsAt) < to && new Date(c.endsAt) > from);
  const checkouts = await campaignCheckouts(inRange.map((c) => c.id));
  return { s, g, inRange: inRange.map((c) => ({ ...c, checkouts: checkouts.get(c.id) ?? { started: 0, paid: 0 } })) };
}

export function CancellationsSection({
  figures: { s, g, inRange },
  locale = 'en',
}: {
  figures: Awaited<ReturnType<typeof cancellationsFigures>>;
  locale?: Locale;
}) {
  const t = translator(locale, 'dashboard.cancellations');
  const reasons = translator(locale, 'retention');
  const n = (value: number) => formatCount(value, locale);
  const money = (minor: number, currency: string) => formatMoney(minor, currency, { locale });
  return (
    <>
      <section aria-labelledby="campaigns-heading" data-testid="dashboard-campaigns">
        <h2 id="campaigns-heading">{t('campaigns.title')}</h2>
        <DataTable
          caption={t('campaigns.caption')}
          rows={inRange}
          rowKey={(c) => c.id}
          empty={<p>{t('campaigns.none')}</p>}
          columns={[
            { header: t('campaigns.campaign'), cell: (c) => c.title },
            { header: t('campaigns.started'), cell: (c) => <span data-testid="campaign-checkouts-started">{c.checkouts.started}</span> },
            { header: t('campaigns.paid'), cell: (c) => <span data-testid="campaign-checkouts-paid">{c.checkouts.paid}</span> },
            { header: t('campaigns.newPatrons'), cell: (c) => n(c.newPatrons) },
            { header: t('campaigns.raised'), cell: (c) => formatMoney(c.raised, c.currency, { withCode: true, locale }) },
            {
              header: t('campaigns.goal'),
              cell: (c) =>
                c.goalKind === 'amount'
                  ? t('campaigns.goalAmount', { raised: money(c.raised, c.currency), goal: money(c.goal, c.currency), percent: c.percent })
                  : t('campaigns.goalPatrons', { count: c.newPatrons, goal: c.goal, percent: c.percent }),
            },
          ]}
        />
      </section>
      <section aria-labelledby="gifts-heading" data-testid="dashboard-gifts">
        <h2 id="gifts-heading">{t('gifts.title')}</h2>
        <p>
          {t.rich('gifts.body', {
            gifted: (chunks) => <strong data-testid="gifted-patrons">{chunks}</strong>,
            granted: (chunks) => <strong data-testid="granted-patrons">{chunks}</strong>,
            giftedCount: g.activeGifted,
            grantedCount: g.activeGranted,
          })}{' '}
          {g.revenue.length
            ? t('gifts.soldWithRevenue', { sold: g.sold, amounts: g.revenue.map((r) => money(r.amount, r.currency)).join(', ') })
            : t('gifts.sold', { sold: g.sold })}
        </p>
      </section>
      <section aria-labelledby="cancellations-heading" data-testid="dashboard-cancellations">
        <h2 id="cancellations-heading">{t('title')}</h2>
        <p>
          {t.rich('body', {
            requests: s.requests,
            savedCount: s.saved,
            saved: (chunks) => <strong data-testid="members-saved">{chunks}</strong>,
            paused: s.offersAccepted.paused,
            lowered: s.offersAccepted.lowered,
            yearly: s.offersAccepted.yearly,
            canceled: s.canceled,
            pausedNowCount: s.pausedNow,
            pausedNow: (chunks) => <span data-testid="paused-now">{chunks}</span>,
          })}
        </p>
        {s.reasons.length ? (
          <DataTable
            caption={t('reasons')}
            rows={s.reasons}
            rowKey={(r) => r.reason}
            columns={[
              {
                header: t('reason'),
                cell: (r) =>
                  reasons.has(`reasons.${r.reason}` as 'reasons.other') ? reasons(`reasons.${r.reason}` as 'reasons.other') : r.reason,
              },
              { header: t('patrons'), cell: (r) => n(r.count) },
            ]}
          />
        ) : null}
        <p>
          <Link href="/desk/retention">{t('settingsLink')}</Link>
        </p>
      </section>
    </>
  );
}
