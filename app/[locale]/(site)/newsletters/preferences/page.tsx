import type { Metadata } from 'next';
import Link from 'next/link';
import { preferencesFor } from '@/lib/newsletters/subscriptions';
import { readerNewsletter } from '@/lib/newsletters/localized';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

// Reads the token from the address: per request, never cached, never indexed.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'newsletters.preferences');
  return { title: t('title'), robots: { index: false } };
}

type Props = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Reached from every newsletter email without signing in: the signed token in the link names the
 * address. The form posts to /api/newsletters/preferences.
 */
export default async function NewsletterPreferencesPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'newsletters.preferences');
  const ta = translator(locale, 'newsletters.account');
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  const prefs = await preferencesFor(token);
  if (!prefs) {
    return (
      <div className="container support-page">
        <h1>{t('title')}</h1>
        <p role="alert">{t.rich('invalid', { link: (c) => <Link href={localePath(locale, '/account')}>{c}</Link> })}</p>
      </div>
    );
  }
  return (
    <div className="container support-page">
      <h1>{t('title')}</h1>
      {sp.confirmed === '1' ? <p role="status">{t('confirmed')}</p> : null}
      {sp.saved === '1' ? <p role="status">{t('saved')}</p> : null}
      <p>{t.rich('intro', { email: prefs.email, strong: (c) => <strong>{c}</strong> })}</p>
      <form method="post" action="/api/newsletters/preferences">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="locale" value={locale} />
        <ul className="plain-list">
          {prefs.choices
            .filter((c) => c.audience === 'EVERYONE' || c.subscribed)
            .map((choice) => readerNewsletter(choice, locale))
            .map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" name="newsletter" value={c.id} defaultChecked={c.subscribed} /> <strong>{c.name}</strong>{' '}
                  {ta(c.audience === 'PATRONS' ? 'metaPatrons' : 'meta', { cadence: c.cadence })}
                </label>
                <br />
                <span>{c.description}</span>
              </li>
            ))}
        </ul>
        <button type="submit" className="button">
          {t('save')}
        </button>
      </form>
    </div>
  );
}
