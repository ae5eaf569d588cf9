'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

/** Signs out (next-auth needs a CSRF-checked POST, which signOut() does) and goes to `callbackUrl`. */
export function SignOutButton({ callbackUrl = '/', className }: { callbackUrl?: string; className?: string }) {
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
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
