import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import { getCurrentUser } from '@/lib/auth/session';
import { listTiers } from '@/lib/billing/tiers';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import { GIFT_MONTHS } from '@/lib/gifts/gifts';
import { localized } from '@/lib/i18n/content';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'gifts.give');
  return { title: t('title') };
}

/** Buying a gift membership (any signed-in reader): one-off payment for 3, 6 or 12 months of a tier. */
export default async function GiftPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'gifts.give');
  const user = await getCurrentUser();
  const tiers = (await listTiers()).filter((t) => t.active && t.prices.some((p) => p.interval === 'MONTH' && p.active && p.stripePriceId));
  const currencies = billingCurrencies();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="container account-page">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {!user ? (
        <p>
          {t.rich('signIn', {
            link: (c) => (
              <Link href={localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: localePath(locale, '/gift') })}`)}>{c}</Link>
            ),
          })}
        </p>
      ) : (
        <form method="post" action="/api/gifts">
          <ErrorSummary />
          <input type="hidden" name="locale" value={locale} />
          <p>
            <label htmlFor="gift-tier">{t('tier')}</label>
            <br />
            <select id="gift-tier" name="tierId" required>
              {tiers.map((tier) => (
                <option key={tier.id} value={tier.id}>
                  {localized(tier.translations, locale, 'name', tier.name)} (
                  {tier.prices
                    .filter((p) => p.interval === 'MONTH' && p.active)
                    .map((p) => t('perMonth', { price: formatMoney(p.amount, p.currency, { locale }) }))
                    .join(', ')}
                  )
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="gift-months">{t('length')}</label>
            <br />
            <select id="gift-months" name="months" defaultValue="6">
              {GIFT_MONTHS.map((m) => (
                <option key={m} value={m}>
                  {t('months', { months: m })}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="gift-currency">{t('currency')}</label>
            <br />
            <select id="gift-currency" name="currency">
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="gift-email">{t('email')}</label>
            <br />
            <input id="gift-email" name="recipientEmail" type="email" required maxLength={320} />
          </p>
          <p>
            <label htmlFor="gift-name">{t('name')}</label>
            <br />
            <input id="gift-name" name="recipientName" maxLength={100} />
          </p>
          <p>
            <label htmlFor="gift-message">{t('message')}</label>
            <br />
            <textarea id="gift-message" name="message" rows={3} maxLength={500} />
          </p>
          <p>
            <label htmlFor="gift-date">{t('date')}</label>
            <br />
            <input id="gift-date" name="deliverOn" type="date" min={today} defaultValue={today} required />
          </p>
          <button type="submit" className="button">
            {t('pay')}
          </button>
        </form>
      )}
    </div>
  );
}
