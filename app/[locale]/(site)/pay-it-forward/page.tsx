import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/session';
import { potBalance } from '@/lib/pif/pif';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention.pif');
  return { title: t('title') };
}

type Props = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Public: the pot, a contribution form and the application form (both for signed-in readers). */
export default async function PayItForwardPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention.pif');
  const sp = await searchParams;
  const [user, pot] = await Promise.all([getCurrentUser(), potBalance()]);
  return (
    <div className="container account-page">
      <h1>{t('title')}</h1>
      {sp.thanks === '1' ? <p role="status">{t('thanks')}</p> : null}
      {sp.applied === '1' ? <p role="status">{t('applied')}</p> : null}
      <p>{t('intro')}</p>
      <p data-testid="pif-pot">
        {t('pot', { amounts: pot.length ? pot.map((p) => formatMoney(p.balance, p.currency, { locale })).join(', ') : t('nothingYet') })}
      </p>
      {user ? (
        <>
          <h2>{t('contribute')}</h2>
          <form method="post" action="/api/pay-it-forward/contribute">
            <input type="hidden" name="locale" value={locale} />
            <label htmlFor="pif-amount">{t('amount')}</label>{' '}
            <input id="pif-amount" name="amount" type="number" min={1} step="0.01" required />{' '}
            <select name="currency" aria-label={t('currency')}>
              {billingCurrencies().map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>{' '}
            <button type="submit" className="button">
              {t('contributeButton')}
            </button>
          </form>
          <h2>{t('apply')}</h2>
          <form method="post" action="/api/pay-it-forward/apply">
            <input type="hidden" name="locale" value={locale} />
            <p>
              <label htmlFor="pif-reason">{t('why')}</label>
              <br />
              <textarea id="pif-reason" name="reason" rows={3} minLength={10} maxLength={500} required />
            </p>
            <button type="submit" className="button secondary">
              {t('applyButton')}
            </button>
          </form>
        </>
      ) : (
        <p>
          {t.rich('signIn', {
            link: (c) => (
              <Link href={localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: localePath(locale, '/pay-it-forward') })}`)}>
                {c}
              </Link>
            ),
          })}
        </p>
      )}
    </div>
  );
}
