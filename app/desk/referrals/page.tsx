import { requireRole } from '@/lib/auth/session';
import { getReferralSettings } from '@/lib/referrals/settings';
import { rewardsGivenInLastDays } from '@/lib/referrals/reward';
import { formatMoney } from '@/lib/format/money';
import { ReferralSettingsForm } from './ReferralSettingsForm';

export const dynamic = 'force-dynamic';

/** Admins: the referral reward rule (issue #18). */
export default async function ReferralSettingsPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/referrals' });
  const settings = await getReferralSettings();
  const given = await rewardsGivenInLastDays(30);
  return (
    <main>
      <h1>Referrals</h1>
      <p>
        Every patron has a personal link. When someone becomes a patron through it, the referrer is thanked by email. With the reward on, a
        referrer whose membership is active also gets one free month for each such referral: a credit of one month of their price (a twelfth
        of a yearly price) on their Stripe customer balance, which Stripe takes off their next payment. Referring yourself earns nothing.
      </p>
      <ReferralSettingsForm settings={settings} />
      <h2>Free months given in the last 30 days</h2>
      {given.length ? (
        <ul>
          {given.map((g) => (
            <li key={g.currency}>
              {g.months} ({formatMoney(g.amount, g.currency, { withCode: true })})
            </li>
          ))}
        </ul>
      ) : (
        <p>None.</p>
      )}
    </main>
  );
}
