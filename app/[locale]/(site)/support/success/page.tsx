import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { CheckoutSuccess } from '@/components/billing/CheckoutSuccess';
import { GuestCheckoutSuccess } from '@/components/billing/GuestCheckoutSuccess';
import { PatronLetterOffer } from '@/components/newsletters/PatronLetterOffer';
import { patronLetterToOffer } from '@/lib/newsletters/subscriptions';
import { localizedNewsletter } from '@/lib/newsletters/localized';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { PageMessages } from '@/components/i18n/PageMessages';

// Reached from Stripe Checkout's success_url (`?session_id={CHECKOUT_SESSION_ID}`). The redirect alone
// proves nothing: CheckoutSuccess polls /api/checkout/status until the webhook has confirmed it.
export const dynamic = 'force-dynamic';
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'membership.meta');
  return { title: t('thanksTitle'), robots: { index: false } };
}

const sessionIdSchema = z
  .string()
  .trim()
  .regex(/^cs_[A-Za-z0-9_]{1,250}$/);

export default async function SupportSuccessPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  // i18n-keys: membership.success.missing membership.success.malformed
  const t = translator(locale, 'membership');
  const raw = (await searchParams).session_id;
  const parsed = sessionIdSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const user = await getCurrentUser();

  return (
    <div className="container support-page" data-testid="checkout-success-page">
      <p className="kicker">{t('page.kicker')}</p>
      <h1>{t('success.heading')}</h1>
      {!parsed.success ? (
        <p role="alert" className="notice" data-testid="success-error">
          {t.rich(raw === undefined ? 'success.missing' : 'success.malformed', {
            account: (c) => <Link href={localePath(locale, '/account')}>{c}</Link>,
            support: (c) => <Link href={localePath(locale, '/support')}>{c}</Link>,
          })}
        </p>
      ) : !user ? (
        <>
          {/* Pay first: the browser that paid learns the outcome (its claim cookie); anyone else is asked to sign in. */}
          <PageMessages locale={locale} namespaces={['membership']}>
            <GuestCheckoutSuccess sessionId={parsed.data} />
          </PageMessages>
          <p className="notice">
            {t.rich('success.otherBrowser', {
              link: (c) => (
                <Link href={localePath(locale, signInPath(localePath(locale, `/support/success?session_id=${parsed.data}`)))}>{c}</Link>
              ),
            })}
          </p>
        </>
      ) : (
        <PageMessages locale={locale} namespaces={['membership']}>
          <CheckoutSuccess sessionId={parsed.data} />
        </PageMessages>
      )}
      {parsed.success && user ? <PatronLetterOfferSlot user={user} locale={locale} /> : null}
      <p>
        <Link href={localePath(locale, '/')}>{t('page.home')}</Link>
      </p>
    </div>
  );
}

/** The patrons' letter, offered to a new patron not yet receiving it (issue #14). */
async function PatronLetterOfferSlot({ user, locale }: { user: { id: string; email: string }; locale: Locale }) {
  const letter = await patronLetterToOffer(user);
  const named = letter ? { id: letter.id, ...localizedNewsletter(letter, locale) } : null;
  return named ? (
    <PageMessages locale={locale} namespaces={['newsletters']}>
      <PatronLetterOffer newsletter={named} />
    </PageMessages>
  ) : null;
}
