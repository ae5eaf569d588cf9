'use client';
/**
 * The success page for a reader who paid first (not signed in): polls /api/checkout/status (which
 * answers only the browser holding this checkout's claim cookie) until the webhook has found or created
 * the account. A new account is signed in by posting the claim (POST /api/checkout/claim); an address
 * that already had an account is told to open the emailed sign-in link.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { localePath, toLocale } from '@/lib/i18n/locales';

type Status = {
  state: 'pending' | 'ready';
  outcome: 'NEW_ACCOUNT' | 'EXISTING_ACCOUNT' | 'ALREADY_PATRON' | null;
  canClaim: boolean;
  mode: string | null;
};
type View = { kind: 'pending' } | { kind: 'slow' } | { kind: 'unknown'; message: string } | { kind: 'ready'; status: Status };

export function GuestCheckoutSuccess({
  sessionId,
  pollMs = 1500,
  maxPolls = 40,
}: {
  sessionId: string;
  pollMs?: number;
  maxPolls?: number;
}) {
  const [view, setView] = useState<View>({ kind: 'pending' });
  const form = useRef<HTMLFormElement>(null);
  const locale = toLocale(useLocale());
  const t = useTranslations('membership.success');
  const notFound = t('notFound');
  const signInHref = localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: localePath(locale, '/account') })}`);
  useEffect(() => {
    let stopped = false;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      polls++;
      try {
        const res = await fetch(`/api/checkout/status?${new URLSearchParams({ session_id: sessionId, locale })}`, { cache: 'no-store' });
        const body = (await res.json()) as Partial<Status> & { error?: string };
        if (stopped) return;
        if (!res.ok) return setView({ kind: 'unknown', message: body.error ?? notFound });
        if (body.state === 'ready') return setView({ kind: 'ready', status: body as Status });
      } catch {
        // Network hiccup: keep polling.
      }
      if (stopped) return;
      if (polls >= maxPolls) return setView({ kind: 'slow' });
      timer = setTimeout(poll, pollMs);
    }
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [sessionId, pollMs, maxPolls, locale, notFound]);

  const claimable = view.kind === 'ready' && view.status.canClaim;
  useEffect(() => {
    if (claimable) form.current?.requestSubmit();
  }, [claimable]);

  return (
    <div aria-live="polite" role="status" className="checkout-success" data-testid="guest-checkout-status">
      {view.kind === 'pending' && <p>{t('pending')}</p>}
      {view.kind === 'slow' && <p>{t.rich('guestSlow', { link: (c) => <a href={signInHref}>{c}</a> })}</p>}
      {view.kind === 'unknown' && (
        <p>
          {view.message} <a href={signInHref}>{t('signIn')}</a>
        </p>
      )}
      {view.kind === 'ready' && view.status.canClaim && (
        <form ref={form} method="post" action="/api/checkout/claim">
          <input type="hidden" name="session_id" value={sessionId} />
          <input type="hidden" name="locale" value={locale} />
          <p>{t('claiming')}</p>
          <button type="submit" className="button">
            {t('continue')}
          </button>
        </form>
      )}
      {view.kind === 'ready' && view.status.outcome === 'NEW_ACCOUNT' && !view.status.canClaim && (
        <p>{t.rich('newAccount', { link: (c) => <a href={signInHref}>{c}</a> })}</p>
      )}
      {view.kind === 'ready' && view.status.outcome === 'EXISTING_ACCOUNT' && (
        <p>{t.rich('existingAccount', { strong: (c) => <strong>{c}</strong> })}</p>
      )}
      {view.kind === 'ready' && view.status.outcome === 'ALREADY_PATRON' && (
        <p>{t.rich('alreadyPatron', { link: (c) => <a href={localePath(locale, '/account')}>{c}</a> })}</p>
      )}
    </div>
  );
}
