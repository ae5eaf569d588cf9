'use client';
/**
 * The success page for a reader who paid first (not signed in): polls /api/checkout/status (which
 * answers only the browser holding this checkout's claim cookie) until the webhook has found or created
 * the account. A new account is signed in by posting the claim (POST /api/checkout/claim); an address
 * that already had an account is told to open the emailed sign-in link.
 */
import { useEffect, useRef, useState } from 'react';

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
  useEffect(() => {
    let stopped = false;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      polls++;
      try {
        const res = await fetch(`/api/checkout/status?session_id=${encodeURIComponent(sessionId)}`, { cache: 'no-store' });
        const body = (await res.json()) as Partial<Status> & { error?: string };
        if (stopped) return;
        if (!res.ok) return setView({ kind: 'unknown', message: body.error ?? 'We could not find this checkout.' });
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
  }, [sessionId, pollMs, maxPolls]);

  const claimable = view.kind === 'ready' && view.status.canClaim;
  useEffect(() => {
    if (claimable) form.current?.requestSubmit();
  }, [claimable]);

  return (
    <div aria-live="polite" role="status" className="checkout-success" data-testid="guest-checkout-status">
      {view.kind === 'pending' && <p>Thank you! We&rsquo;re confirming your payment with our payment provider&hellip;</p>}
      {view.kind === 'slow' && (
        <p>
          Your payment is taking longer than usual to confirm. You don&rsquo;t need to pay again:{' '}
          <a href="/signin?callbackUrl=%2Faccount">sign in</a> with the address you paid with in a few minutes.
        </p>
      )}
      {view.kind === 'unknown' && (
        <p>
          {view.message} <a href="/signin?callbackUrl=%2Faccount">Sign in</a>
        </p>
      )}
      {view.kind === 'ready' && view.status.canClaim && (
        <form ref={form} method="post" action="/api/checkout/claim">
          <input type="hidden" name="session_id" value={sessionId} />
          <p>Payment confirmed. Signing you in&hellip;</p>
          <button type="submit" className="button">
            Continue
          </button>
        </form>
      )}
      {view.kind === 'ready' && view.status.outcome === 'NEW_ACCOUNT' && !view.status.canClaim && (
        <p>
          Your membership is ready. <a href="/signin?callbackUrl=%2Faccount">Sign in</a> with the address you paid with to see it.
        </p>
      )}
      {view.kind === 'ready' && view.status.outcome === 'EXISTING_ACCOUNT' && (
        <p>
          <strong>Thank you!</strong> This address already has an account, so your membership was added to it. We&rsquo;ve emailed you a
          sign-in link: open it to see your membership and vote.
        </p>
      )}
      {view.kind === 'ready' && view.status.outcome === 'ALREADY_PATRON' && (
        <p>
          You are already a patron, so we cancelled this second membership and refunded the payment. See <a href="/account">your account</a>{' '}
          (we&rsquo;ve emailed you too).
        </p>
      )}
    </div>
  );
}
