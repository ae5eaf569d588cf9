import Link from 'next/link';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { requireRole } from '@/lib/auth/session';
import { listTiers } from '@/lib/billing/tiers';
import { formatPerIntervalShort } from '@/lib/format/money';
import { DataTable } from '@/components/staff/DataTable';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.tiers.list.title');

export default async function TiersPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/tiers' });
  const tiers = await listTiers();
  const locale = await staffLocale();
  const t = translator(locale, 'desk.tiers');
  return (
    <main>
      <h1>{t('list.title')}</h1>
      <p>
        <Link href="/desk/tiers/new">{t('list.new')}</Link>
      </p>
      <DataTable
        rows={tiers}
        rowKey={(t) => t.id}
        columns={[
          { header: t('list.name'), cell: (tier) => <Link href={`/desk/tiers/${tier.id}`}>{tier.name}</Link> },
          {
            header: t('list.prices'),
            cell: (tier) =>
              tier.prices
                .map((p) => {
                  const price = formatPerIntervalShort(p.amount, p.currency, p.interval, locale);
                  return p.stripePriceId ? price : t('list.notInStripe', { price });
                })
                .join(', '),
          },
          { header: t('list.status'), cell: (tier) => (tier.active ? t('list.offered') : t('list.archived')) },
        ]}
      />
    </main>
  );
}
