'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import styles from './staff.module.css';

/**
 * The staff areas' language: staff pages have no language in their address, so choosing one sets the
 * cookie the staff pages read (lib/i18n/staff-locale.ts), saves it on the account, and re-renders.
 */
export function StaffLanguageSwitcher() {
  const locale = useLocale();
  const t = useTranslations('staff.shell');
  const router = useRouter();
  return (
    <nav aria-label={t('language')} className={styles.languages}>
      {LOCALES.map((l) =>
        l === locale ? (
          <span key={l} aria-current="true" lang={l}>
            {LOCALE_NAMES[l]}
          </span>
        ) : (
          <button
            key={l}
            type="button"
            lang={l}
            className={styles.languageButton}
            onClick={async () => {
              document.cookie = `${LOCALE_COOKIE}=${l}; path=/; max-age=31536000; samesite=lax`;
              await fetch('/api/me/locale', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ locale: l }),
                credentials: 'same-origin',
              }).catch(() => undefined);
              router.refresh();
            }}
          >
            {LOCALE_NAMES[l]}
          </button>
        ),
      )}
    </nav>
  );
}
