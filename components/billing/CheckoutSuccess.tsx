'use client';
import Link from 'next/link';
/**
 * The success page's status box: polls /api/checkout/status until the webhook has confirmed the
 * membership (never trusts the redirect alone). Mount with the `session_id` search param.
 */
import { useEffect, useState } from 'react';

type State =
  { kind: 'pending' } | { kind: 'active'; tierName: string | null; mode: string } | { kind: 'error'; message: string } | { kind: 'slow' };

export function CheckoutSuccess({ sessionId, pollMs = 2000, maxPolls = 30 }: { sessionId: string; pollMs?: number; maxPolls?: number }) {
  const [state, setState] = useState<State>({ kind: 'pending' });
  useEffect(() => {
    let stopped = false;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      polls++;
      try {
        const res = await fetch(`/api/checkout/status?session_id=${encodeURIComponent(sessionId)}`, { cache: 'no-store' });
        const body = (await res.json()) as { state?: string; tierName?: string | null; mode?: string; error?: string };
        if (stopped) return;
        if (!res.ok) return setState({ kind: 'error', message: body.error ?? 'We could not find this checkout.' });
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
  }, [sessionId, pollMs, maxPolls]);

  return (
    <div aria-live="polite" role="status" className="checkout-success">
      {state.kind === 'pending' && <p>Thank you! We&rsquo;re confirming your payment with our payment provider&hellip;</p>}
      {state.kind === 'active' && state.mode === 'payment' && (
        <p>Your contribution has been received. Thank you for supporting independent journalism!</p>
      )}
      {state.kind === 'active' && state.mode !== 'payment' && (
        <>
          <p>
            <strong>Welcome aboard!</strong> You are now a{state.tierName ? ` ${state.tierName}` : ''} patron. A confirmation email is on
            its way.
          </p>
          <p>
            <Link href="/topics">Vote on our next stories</Link> · <Link href="/account">Manage your membership</Link>
          </p>
        </>
      )}
      {state.kind === 'slow' && (
        <p>
          Your payment is taking longer than usual to confirm. You don&rsquo;t need to pay again: check <a href="/account">your account</a>{' '}
          in a few minutes.
        </p>
      )}
      {state.kind === 'error' && <p role="alert">{state.message}</p>}
    </div>
  );
}
