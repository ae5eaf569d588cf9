'use client';
/**
 * Counts its parent call to action once per page view: when at least half of it has been on screen,
 * or (kind "support") as soon as the page opens. Sends `{ kind, source, placement }` to /api/cta with
 * navigator.sendBeacon: no cookies, no identifiers, no third parties; nothing at all when the reader
 * asks not to be tracked (Do Not Track or Global Privacy Control).
 */
import { useEffect, useRef } from 'react';

export function trackingAllowed(nav: Navigator & { globalPrivacyControl?: boolean }): boolean {
  return nav.doNotTrack !== '1' && nav.globalPrivacyControl !== true;
}

function send(kind: 'view' | 'support', source: string, placement: string) {
  const body = JSON.stringify({ kind, source, placement });
  // text/plain is a CORS-safelisted type, so browsers send the beacon without restrictions.
  if (navigator.sendBeacon?.(`/api/cta`, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return;
  void fetch('/api/cta', {
    method: 'POST',
    body,
    keepalive: true,
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
  }).catch(() => undefined);
}

export function CtaBeacon({ kind = 'view', source, placement }: { kind?: 'view' | 'support'; source: string; placement: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!trackingAllowed(navigator)) return;
    if (kind === 'support') {
      send('support', source, placement);
      return;
    }
    const target = ref.current?.parentElement;
    if (!target || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          send('view', source, placement);
        }
      },
      { threshold: 0.5 },
    );
    io.observe(target);
    return () => io.disconnect();
  }, [kind, source, placement]);
  return <span ref={ref} hidden data-cta-beacon={placement} />;
}
