'use client';

import { hasRole } from '@/lib/auth/roles';
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { localePath } from '@/lib/i18n/locales';

type Me = { email: string; name?: string | null; role: 'READER' | 'EDITOR' | 'ADMIN' | string };
type MeResponse = { user?: Me | null; isPatron?: boolean; patronState?: string };

/** Set on <html> for patrons; the rule below hides the patron calls to action (client side only). */
export const PATRON_ATTRIBUTE = 'data-patron';
const HIDE_CTAS = `html[${PATRON_ATTRIBUTE}] [data-cta]{display:none !important}`;

/**
 * Personalisation happens here, in the browser, so cached pages stay identical for everyone.
 * Until /api/me answers (or if it fails / does not exist yet) the reader sees "Sign in".
 * Patrons: <html data-patron> hides the end-of-article / inline / banner calls to action; a patron
 * whose renewal failed (grace period) sees an "Update your card" nudge.
 */
export function AccountLink() {
  const locale = useLocale();
  const t = useTranslations('common.account');
  const [me, setMe] = useState<{ user: Me; isPatron: boolean; patronState: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/me', { credentials: 'same-origin', cache: 'no-store', signal: controller.signal, headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : { user: null }))
      .then((data: MeResponse) => {
        if (data && typeof data === 'object' && data.user) {
          setMe({
            user: data.user,
            isPatron: data.isPatron === true,
            patronState: typeof data.patronState === 'string' ? data.patronState : 'none',
          });
        } else setMe(null);
      })
      .catch(() => {
        /* offline, aborted or no endpoint: stay signed out */
      });
    return () => controller.abort();
  }, []);

  const isPatron = Boolean(me?.isPatron);
  useEffect(() => {
    const html = document.documentElement;
    if (isPatron) html.setAttribute(PATRON_ATTRIBUTE, '');
    else html.removeAttribute(PATRON_ATTRIBUTE);
  }, [isPatron]);

  if (!me) {
    return (
      <a href={localePath(locale, '/signin')} className="account-link">
        {t('signIn')}
      </a>
    );
  }
  const { user, patronState } = me;
  const staff = hasRole(user.role, 'EDITOR');
  return (
    <span className="account-link">
      {isPatron ? <style>{HIDE_CTAS}</style> : null}
      {staff ? <a href="/desk">{t('desk')}</a> : null}
      <a href={localePath(locale, '/account')} title={user.email}>
        {t('account')}
      </a>
      {patronState === 'past_due_grace' ? (
        <a
          href={localePath(locale, '/account#membership')}
          className="account-link__nudge"
          data-testid="card-nudge"
          style={{ marginLeft: 8, fontSize: '0.85em', color: '#a33' }}
        >
          {t('updateCard')}
        </a>
      ) : null}
    </span>
  );
}
