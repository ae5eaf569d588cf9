'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

/**
 * Signs out (next-auth needs a CSRF-checked POST, which signOut() does) and goes to `callbackUrl`.
 * Reader pages pass `labels` in the reader's language (signin.signOut); staff pages use the English default.
 */
export function SignOutButton({
  callbackUrl = '/',
  className,
  labels = { button: 'Sign out', pending: 'Signing out…' },
}: {
  callbackUrl?: string;
  className?: string;
  labels?: { button: string; pending: string };
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ callbackUrl });
      }}
    >
      {pending ? labels.pending : labels.button}
    </button>
  );
}
