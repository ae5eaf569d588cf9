import { requireRole } from '@/lib/auth/session';
import { pendingApplications, potBalance } from '@/lib/pif/pif';
import { listOfferedTiers } from '@/lib/billing/tiers';
import { billingCurrencies } from '@/lib/billing/config';
import { formatIsoDay } from '@/lib/format/dates';
import { formatMoney } from '@/lib/format/money';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { Decide } from './Decide';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.payItForward.title');

/** Admins: the pay-it-forward pot and the applications to grant or decline. */
export default async function PayItForwardDeskPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/pay-it-forward' });
  const [pot, apps, tiers] = await Promise.all([potBalance(), pendingApplications(), listOfferedTiers()]);
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.payItForward');
  const money = (amount: number, currency: string) => formatMoney(amount, currency, { locale });
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>
        {t('pot', {
          amounts: pot.length
            ? pot
                .map((p) =>
                  t('potCurrency', {
                    balance: money(p.balance, p.currency),
                    given: money(p.contributed, p.currency),
                    granted: money(p.granted, p.currency),
                  }),
                )
                .join('; ')
            : t('nothingYet'),
        })}
      </p>
      <h2>{t('applications')}</h2>
      {apps.length ? (
        <ul>
          {apps.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.user.name ?? a.user.email}</strong> ({a.user.email}), {formatIsoDay(a.createdAt)}: {a.reason}
              </p>
              <Decide applicationId={a.id} tiers={tiers.map((t) => ({ id: t.id, name: t.name }))} currencies={billingCurrencies()} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('none')}</p>
      )}
    </main>
  );
}
