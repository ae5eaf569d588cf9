'use client';
/**
 * A call-to-action slot whose message fits the reader (lib/cta/ask.ts, lib/cta/messages.ts). The cached
 * page carries the static default (children); after hydration one request per page view (shared by every
 * slot) to GET /api/cta/ask says who is reading, and the slot swaps in:
 * - signed-in reader: their "become a patron" ask; lapsed patron: "come back" (/support preselects the
 *   old tier); both keep `data-cta` (so they count in the funnel, and patrons' CSS rule hides them);
 * - patron: the referral ask (`data-ask="referral"`, no `data-cta`: it is not a patron call to action).
 * Other features put their own asks into a slot by rendering them as the slot's children or next to it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { toLocale } from '@/lib/i18n/locales';
import type { Ask } from '@/lib/cta/ask';
import { ctaMessage, type CtaSlotName } from '@/lib/cta/messages';
import { CtaBeacon } from './CtaBeacon';

let pending: Promise<Ask | null> | null = null;

/** One request per page load for all the slots on it. */
export function loadAsk(): Promise<Ask | null> {
  pending ??= fetch('/api/cta/ask', { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<Ask>) : null))
    .catch(() => null);
  return pending;
}

export function CtaSlot({
  slot,
  slug,
  children,
  extra,
}: {
  slot: CtaSlotName;
  slug: string | null;
  children: ReactNode;
  extra?: ReactNode;
}) {
  const [ask, setAsk] = useState<Ask | null>(null);
  const t = useTranslations('cta.slot');
  const locale = toLocale(useLocale());
  useEffect(() => {
    let live = true;
    void loadAsk().then((a) => {
      if (live) setAsk(a);
    });
    return () => {
      live = false;
    };
  }, []);
  const m = ctaMessage(ask, slot, slug, t, locale);
  const cls = slot === 'inline' ? 'cta cta--inline' : 'cta cta--end';
  if (m.variant === 'default') return <>{children}</>;
  if (m.variant === 'referral') return <ReferralAsk slot={slot} heading={m.heading} text={m.text} link={m.link} className={cls} />;
  return (
    <aside className={cls} data-cta={slot} data-ask={m.kind} aria-label={m.heading}>
      <h2>{m.heading}</h2>
      <p>{m.text}</p>
      <p>
        <a href={m.href} className="button">
          {m.label}
        </a>
      </p>
      {extra}
      <CtaBeacon source={slug ?? ''} placement={slot} />
    </aside>
  );
}

function ReferralAsk({
  slot,
  heading,
  text,
  link,
  className,
}: {
  slot: CtaSlotName;
  heading: string;
  text: string;
  link: string;
  className: string;
}) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations('cta.slot');
  const id = `referral-link-${slot}`;
  return (
    <aside className={className} data-ask="referral" data-slot={slot} aria-label={t('referralLabel')}>
      <h2>{heading}</h2>
      <p>{text}</p>
      <p>
        <label htmlFor={id}>{t('yourLink')}</label>{' '}
        <input id={id} readOnly value={link} size={Math.min(48, link.length)} onFocus={(e) => e.currentTarget.select()} />{' '}
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </p>
    </aside>
  );
}
