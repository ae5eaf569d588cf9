import { requireRole } from '@/lib/auth/session';
import { getReferralSettings } from '@/lib/referrals/settings';
import { rewardsGivenInLastDays } from '@/lib/referrals/reward';
import { formatMoney } from '@/lib/format/money';
import { ReferralSettingsForm } from './ReferralSettingsForm';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.referrals.title');

/** Admins: the referral reward rule (issue #18). */
export default async function ReferralSettingsPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/referrals' });
  const settings = await getReferralSettings();
  const given = await rewardsGivenInLastDays(30);
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.referrals');
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ReferralSettingsForm settings={settings} />
      <h2>{t('givenHeading', { days: 30 })}</h2>
      {given.length ? (
        <ul>
          {given.map((g) => (
            <li key={g.currency}>
              {t('given', { months: g.months, amount: formatMoney(g.amount, g.currency, { withCode: true, locale }) })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('none')}</p>
      )}
    </main>
  );
}
