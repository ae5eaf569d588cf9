'use client';
import Link from 'next/link';
/**
 * The success page's status box: polls /api/checkout/status until the webhook has confirmed the
 * membership (never trusts the redirect alone). Mount with the `session_id` search param.
 */
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { localePath, toLocale } from '@/lib/i18n/locales';

type State =
  { kind: 'pending' } | { kind: 'active'; tierName: string | null; mode: string } | { kind: 'error'; message: string } | { kind: 'slow' };

export function CheckoutSuccess({ sessionId, pollMs = 2000, maxPolls = 30 }: { sessionId: string; pollMs?: number; maxPolls?: number }) {
  const [state, setState] = useState<State>({ kind: 'pending' });
  const locale = toLocale(useLocale());
  const t = useTranslations('membership.success');
  const notFound = t('notFound');
  useEffect(() => {
    let stopped = false;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      polls++;
      try {
        const res = await fetch(`/api/checkout/status?${new URLSearchParams({ session_id: sessionId, locale })}`, { cache: 'no-store' });
        const body = (await res.json()) as { state?: string; tierName?: string | null; mode?: string; error?: string };
        if (stopped) return;
        if (!res.ok) return setState({ kind: 'error', message: body.error ?? notFound });
        if (body.state === 'active')
          return setState({ kind: 'active', tierName: body.tierName ?? null, mode: body.mode ?? 'subscription' });
      } catch {
        // Network hiccup: keep polling.
      }
      if (stopped) return;
      if (polls >= maxPolls) return setState({ kind: 'slow' });
      timer = setTimeout(poll, pollMs);
    }
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [sessionId, pollMs, maxPolls, locale, notFound]);

  return (
    <div aria-live="polite" role="status" className="checkout-success">
      {state.kind === 'pending' && <p>{t('pending')}</p>}
      {state.kind === 'active' && state.mode === 'payment' && <p>{t('contribution')}</p>}
      {state.kind === 'active' && state.mode !== 'payment' && (
        <>
          <p>
            {state.tierName
              ? t.rich('welcomeTier', { tier: state.tierName, strong: (c) => <strong>{c}</strong> })
              : t.rich('welcome', { strong: (c) => <strong>{c}</strong> })}
          </p>
          <p>
            {t.rich('next', {
              vote: (c) => <Link href={localePath(locale, '/topics')}>{c}</Link>,
              account: (c) => <Link href={localePath(locale, '/account')}>{c}</Link>,
            })}
          </p>
        </>
      )}
      {state.kind === 'slow' && <p>{t.rich('slow', { link: (c) => <a href={localePath(locale, '/account')}>{c}</a> })}</p>}
      {state.kind === 'error' && <p role="alert">{state.message}</p>}
    </div>
  );
}
