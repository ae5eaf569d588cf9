'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { articleSlugFromPath, bannerHref } from '@/lib/articles/support-links';
import { localePath, splitLocalePath } from '@/lib/i18n/locales';
import { CtaBeacon } from './CtaBeacon';

export const BANNER_STORAGE_KEY = 'patronage:banner-dismissed';
export const BANNER_HIDE_MS = 30 * 24 * 60 * 60 * 1000;

function dismissedRecently(now = Date.now()): boolean {
  try {
    const at = Number(window.localStorage.getItem(BANNER_STORAGE_KEY));
    return Number.isFinite(at) && at > 0 && now - at < BANNER_HIDE_MS;
  } catch {
    return false;
  }
}

/**
 * Slot 2: a site-wide, dismissible banner fixed to the bottom of the viewport. It is rendered only
 * after mounting, and being fixed it never pushes content around (no layout shift), and readers who
 * dismissed it within 30 days never see it at all.
 */
export function SupportBanner() {
  const pathname = usePathname();
  const t = useTranslations('cta.banner');
  const [visible, setVisible] = useState(false);
  // The page's language and its path without the prefix: /uk/articles/x is the article x in Ukrainian.
  const { locale, path } = splitLocalePath(pathname ?? '/');
  const articleSlug = articleSlugFromPath(path);

  useEffect(() => {
    // Reading localStorage is only possible after hydration; this sync is the intended use of an effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setVisible(!dismissedRecently());
  }, []);

  if (!visible || path.startsWith('/support')) return null;

  const dismiss = () => {
    try {
      window.localStorage.setItem(BANNER_STORAGE_KEY, String(Date.now()));
    } catch {
      /* private mode: just hide for this page view */
    }
    setVisible(false);
  };

  return (
    <aside className="support-banner" data-cta="banner" aria-label={t('label')}>
      <p>
        <strong>{t('lead')}</strong> <span className="support-banner__more">{t('more')}</span>
      </p>
      <a href={localePath(locale, bannerHref(articleSlug))} className="button">
        {t('button')}
      </a>
      <button type="button" className="support-banner__close" onClick={dismiss} aria-label={t('dismiss')}>
        ×
      </button>
      {/* Keyed by page: a view counts once per page view, also across client-side navigations. */}
      <CtaBeacon key={pathname} source={articleSlug ?? ''} placement="banner" />
    </aside>
  );
}
