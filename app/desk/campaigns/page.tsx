import { requireRole } from '@/lib/auth/session';
import { listCampaigns, type CampaignProgress } from '@/lib/campaigns/campaigns';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import type { Locale } from '@/lib/i18n/locales';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { CampaignForm } from './CampaignForm';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.campaigns.title');

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The progress in the staff member's language (the reader's bar says it the same way). */
function progressLabel(c: CampaignProgress, locale: Locale): string {
  const t = translator(locale, 'cta.campaign');
  return c.goalKind === 'amount'
    ? t('raised', { raised: formatMoney(c.raised, c.currency, { locale }), goal: formatMoney(c.goal, c.currency, { locale }) })
    : t('patrons', { count: String(c.newPatrons), goal: String(c.goal) });
}

/** Staff (editors and admins): campaigns with dates and a goal; their progress bar shows in the calls to action and on /support. */
export default async function CampaignsPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/campaigns' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.campaigns');
  const campaigns = await listCampaigns();
  return (
    <main>
      <h1>{t('title')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('colCampaign')}</th>
            <th scope="col">{t('colDates')}</th>
            <th scope="col">{t('colProgress')}</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>
                {c.title}
                {c.translations.uk?.title ? (
                  <>
                    <br />
                    <span lang="uk">{c.translations.uk.title}</span>
                  </>
                ) : null}
              </td>
              <td>{t('dates', { starts: minute(c.startsAt), ends: minute(c.endsAt) })}</td>
              <td>{t('progress', { label: progressLabel(c, locale), percent: c.percent })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('newHeading')}</h2>
      <CampaignForm currencies={billingCurrencies()} />
    </main>
  );
}
