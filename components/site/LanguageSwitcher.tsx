'use client';

import { usePathname } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, switchLocalePath, type Locale } from '@/lib/i18n/locales';

/** The page's own hreflang alternate, where it has one (an article's translation has another slug). */
function alternateFor(locale: Locale): string | null {
  const link = document.querySelector<HTMLLinkElement>(`link[rel="alternate"][hreflang="${locale}"]`);
  if (!link) return null;
  const url = new URL(link.href, window.location.href);
  return url.pathname + url.search;
}

/**
 * Links to this page in the other languages: the translated counterpart when the page declares one
 * (hreflang, read when clicked), else the same path with the other prefix. Choosing one remembers it in a cookie that
 * only dynamic routes read (sign-in, checkout, emails): the reading path never detects a language.
 */
export function LanguageSwitcher() {
  const locale = useLocale();
  const t = useTranslations('common.language');
  const pathname = usePathname() ?? '/';

  return (
    <nav aria-label={t('label')} className="language-switcher">
      <ul>
        {LOCALES.map((l) =>
          l === locale ? (
            <li key={l}>
              <span aria-current="true" title={t('current', { name: LOCALE_NAMES[l] })} lang={l}>
                {l.toUpperCase()}
              </span>
            </li>
          ) : (
            <li key={l}>
              <a
                href={switchLocalePath(pathname, l)}
                hrefLang={l}
                lang={l}
                aria-label={`${l.toUpperCase()}: ${LOCALE_NAMES[l]}`}
                onClick={(e) => {
                  const alternate = alternateFor(l);
                  if (alternate) e.currentTarget.href = alternate;
                  document.cookie = `${LOCALE_COOKIE}=${l}; path=/; max-age=31536000; samesite=lax`;
                  // A signed-in reader's account remembers it too (emails); signed out, the API answers 401 and nothing changes.
                  void fetch('/api/me/locale', {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({ locale: l }),
                    credentials: 'same-origin',
                    keepalive: true,
                  }).catch(() => undefined);
                }}
              >
                {l.toUpperCase()}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
