import Link from 'next/link';
import { AlertPage } from '@/components/site/NoticePage';
import { getCurrentUser } from '@/lib/auth/session';
import { giftOfToken } from '@/lib/gifts/gifts';
import { localized } from '@/lib/i18n/content';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, tokenParam, unindexedMetadata, type SearchParamsProps } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
// i18n-keys: gifts.redeem.title
export const generateMetadata = unindexedMetadata((locale) => translator(locale, 'gifts.redeem')('title'), { noReferrer: true });

/** Where the gift email's link lands: opening it spends nothing; the signed-in recipient redeems it with the button. */
export default async function RedeemGiftPage({ params, searchParams }: SearchParamsProps) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'gifts.redeem');
  const token = await tokenParam(searchParams);
  const gift = token ? await giftOfToken(token) : null;
  if (!token || !gift) {
    return <AlertPage heading={t('heading')}>{t('invalid')}</AlertPage>;
  }
  const user = await getCurrentUser();
  const from = gift.buyer.name || t('someone');
  const tier = localized(gift.tier.translations, locale, 'name', gift.tier.name);
  const back = localePath(locale, `/gift/redeem?token=${token}`);
  return (
    <div className="container account-page">
      <h1>{t('heading')}</h1>
      <p>{t('gave', { from, months: gift.months, tier })}</p>
      {gift.redeemedAt ? (
        <p data-testid="gift-redeemed">{t('redeemed')}</p>
      ) : user ? (
        <form method="post" action="/api/gifts/redeem">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="button">
            {t('button', { months: gift.months, email: user.email })}
          </button>
        </form>
      ) : (
        <p>
          {t.rich('signIn', {
            link: (c) => <Link href={`${localePath(locale, '/signin')}?callbackUrl=${encodeURIComponent(back)}`}>{c}</Link>,
          })}
        </p>
      )}
    </div>
  );
}
