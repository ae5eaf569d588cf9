import Link from 'next/link';

/** Shown on every page while mail goes to the local outbox or payments to the local Stripe stand-in. */
export function TestModeRibbon({ mail, stripe }: { mail: boolean; stripe: boolean }) {
  const parts = [stripe ? 'payments use the local Stripe stand-in' : null, mail ? 'emails go to the local mailbox' : null].filter(Boolean);
  return (
    <div className="test-mode-ribbon" role="note" data-testid="test-mode">
      <strong>Test mode</strong>: {parts.join('; ')}. {mail ? <Link href="/dev/mailbox">Open the mailbox</Link> : null}
    </div>
  );
}
