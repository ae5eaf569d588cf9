'use client';
/** Tier cards with a monthly/yearly switch and a currency choice; each card is a form posting to /api/checkout. */
import { useId, useState, useSyncExternalStore } from 'react';
import { guestPicksSnapshot, noGuestPicksOnServer, subscribeGuestPicks } from '@/lib/voting/guest-picks';
import type { OfferedTier } from '@/lib/billing/tiers';
import { formatMoney, minorToMajorString } from '@/lib/format/money';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import { useLocale, useTranslations } from 'next-intl';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/locales';

export function SupportTiers({
  tiers,
  from,
  placement,
  round = '',
  signedIn,
  refCode = '',
  preselect,
}: {
  tiers: OfferedTier[];
  from: string;
  placement: string;
  round?: string;
  signedIn: boolean;
  /** A referral code (/r/<code>, /support?ref=<code>), carried through Checkout. */
  refCode?: string;
  /** A lapsed patron's old tier and billing ("come back"), shown first and highlighted. */
  preselect?: { tierId: string; interval?: 'MONTH' | 'YEAR'; currency?: string };
}) {
  // Pay first: topics picked before signing in (this browser only) ride along to Checkout.
  const locale = toLocale(useLocale());
  const tr = useTranslations('membership.tiers');
  const guestPicks = useSyncExternalStore(subscribeGuestPicks, guestPicksSnapshot, noGuestPicksOnServer);
  const picks = signedIn ? '' : guestPicks;
  const currencies = [...new Set(tiers.flatMap((t) => t.prices.map((p) => p.currency)))];
  const [interval, setInterval] = useState<'MONTH' | 'YEAR'>(preselect?.interval ?? 'MONTH');
  const [currency, setCurrency] = useState(
    preselect?.currency && currencies.includes(preselect.currency)
      ? preselect.currency
      : currencies.includes('usd')
        ? 'usd'
        : (currencies[0] ?? 'usd'),
  );
  const id = useId();
  return (
    <div>
      <fieldset className="support-billing">
        <legend>{tr('billing')}</legend>
        <label>
          <input type="radio" name={`${id}-interval`} checked={interval === 'MONTH'} onChange={() => setInterval('MONTH')} />{' '}
          {tr('monthly')}
        </label>{' '}
        <label>
          <input type="radio" name={`${id}-interval`} checked={interval === 'YEAR'} onChange={() => setInterval('YEAR')} /> {tr('yearly')}
        </label>{' '}
        {currencies.length > 1 && (
          <label>
            {tr('currency')}{' '}
            <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <ul className="support-tiers">
        {tiers.map((t) => {
          const price = t.prices.find((p) => p.currency === currency && p.interval === interval);
          const shown = price ? formatMoney(price.amount, currency, { locale }) : '';
          return (
            <li
              key={t.id}
              className={`support-tier${preselect?.tierId === t.id ? ' support-tier--preselected' : ''}`}
              data-preselected={preselect?.tierId === t.id ? '' : undefined}
            >
              <h3>{t.name}</h3>
              {preselect?.tierId === t.id && <p className="support-tier__badge">{tr('previous')}</p>}
              {t.description && <p>{t.description}</p>}
              {t.perks.length > 0 && (
                <ul>
                  {t.perks.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
              {price ? (
                <form method="post" action="/api/checkout">
                  <ErrorSummary />
                  <input type="hidden" name="mode" value="subscription" />
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="tierId" value={t.id} />
                  <input type="hidden" name="currency" value={currency} />
                  <input type="hidden" name="interval" value={interval} />
                  {/* Forms carry major units ("100.00"), like customAmount; JSON clients may send minor-unit integers. */}
                  <input type="hidden" name="amount" value={minorToMajorString(price.amount)} />
                  <input type="hidden" name="from" value={from} />
                  <input type="hidden" name="placement" value={placement} />
                  <input type="hidden" name="round" value={round} />
                  <p className="support-tier__price">
                    {tr.rich('price', {
                      pwyw: t.payWhatYouWant ? 'yes' : 'no',
                      price: shown,
                      interval,
                      strong: (c) => <strong>{c}</strong>,
                    })}
                  </p>
                  {t.payWhatYouWant && (
                    <p>
                      <label htmlFor={`${id}-${t.id}-amount`}>
                        {tr('yourAmount', { interval, currency: currency.toUpperCase(), min: shown })}
                      </label>
                      <input
                        id={`${id}-${t.id}-amount`}
                        name="customAmount"
                        inputMode="decimal"
                        pattern="[0-9]+([.,][0-9]{1,2})?"
                        defaultValue={minorToMajorString(price.amount)}
                      />
                    </p>
                  )}
                  {!signedIn && picks ? <input type="hidden" name="picks" value={picks} /> : null}
                  {refCode ? <input type="hidden" name="ref" value={refCode} /> : null}
                  <button type="submit" className="button">
                    {tr('become', { tier: t.name })}
                  </button>
                </form>
              ) : (
                <p>{tr('notAvailable', { interval, currency: currency.toUpperCase() })}</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Anonymous readers: an inline email sign-in (next-auth email provider) that returns to /support with the attribution. */
export function SupportSignIn({ callbackUrl }: { callbackUrl: string }) {
  const [csrf, setCsrf] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const locale = useLocale();
  const t = useTranslations('membership.signIn');
  async function ensureCsrf(e: React.FormEvent<HTMLFormElement>) {
    // The account remembers the language the reader signs in from (lib/auth/options.ts reads the cookie).
    document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
    if (csrf) return;
    e.preventDefault();
    const form = e.currentTarget;
    try {
      const res = await fetch('/api/auth/csrf', { cache: 'no-store' });
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      setCsrf(csrfToken);
      (form.elements.namedItem('csrfToken') as HTMLInputElement).value = csrfToken;
      form.submit();
    } catch {
      setError(t('error'));
    }
  }
  return (
    <form method="post" action="/api/auth/signin/email" onSubmit={ensureCsrf} className="support-signin">
      <p>{t('intro')}</p>
      <ErrorSummary />
      <input type="hidden" name="csrfToken" defaultValue={csrf ?? ''} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor={`${id}-email`}>{t('email')}</label>{' '}
      <input id={`${id}-email`} type="email" name="email" required autoComplete="email" />{' '}
      <button type="submit" className="button">
        {t('button')}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
