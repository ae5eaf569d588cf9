/** Dashboard: the steps of the pay-first path, and who referred new patrons (admins only, like the rest of the page). */
import type { PayFirstFunnel } from '@/lib/analytics/pay-first-funnel';
import type { ReferrerRow } from '@/lib/referrals/referrals';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { formatCount, formatRate } from './format';
import { DataTable } from '@/components/staff/DataTable';
import { StepTable, tableClasses } from './StepTable';

export function PayFirstFunnelTable({ funnel, locale = 'en' }: { funnel: PayFirstFunnel; locale?: Locale }) {
  const t = translator(locale, 'dashboard.payFirst');
  const rate = (n: number, of: number) => (of ? formatRate(n / of, locale) : '—');
  const steps = [
    { label: t('started'), value: funnel.started, of: '—' },
    { label: t('paid'), value: funnel.paid, of: rate(funnel.paid, funnel.started) },
    { label: t('newAccounts'), value: funnel.newAccounts, of: rate(funnel.newAccounts, funnel.paid) },
    { label: t('signedInOnSuccess'), value: funnel.signedInOnSuccess, of: rate(funnel.signedInOnSuccess, funnel.newAccounts) },
    { label: t('existingAccounts'), value: funnel.existingAccounts, of: rate(funnel.existingAccounts, funnel.paid) },
    { label: t('alreadyPatrons'), value: funnel.alreadyPatrons, of: rate(funnel.alreadyPatrons, funnel.paid) },
  ];
  return (
    <section aria-labelledby="pay-first-title">
      <h3 id="pay-first-title">{t('title')}</h3>
      <StepTable
        testId="pay-first-funnel"
        label={t('label')}
        steps={steps}
        locale={locale}
        rates={[{ header: t('ofStepBefore'), numeric: true, cell: (s) => s.of }]}
      />
    </section>
  );
}

export function ReferrersTable({ rows, locale = 'en' }: { rows: ReferrerRow[]; locale?: Locale }) {
  const t = translator(locale, 'dashboard.referrers');
  return (
    <section aria-labelledby="referrers-title">
      <h3 id="referrers-title">{t('title')}</h3>
      <p>{t('intro')}</p>
      <DataTable
        {...tableClasses}
        testId="referrers"
        rows={rows}
        rowKey={(r) => r.referrerId}
        empty={<p>{t('none')}</p>}
        columns={[
          {
            header: t('referrer'),
            rowHeader: true,
            cell: (r) => <a href={`/dashboard/members/${r.referrerId}`}>{r.name ? `${r.name} (${r.email})` : r.email}</a>,
          },
          { header: t('newPatrons'), numeric: true, cell: (r) => formatCount(r.referrals, locale) },
        ]}
      />
    </section>
  );
}
