'use client';

import { useEffect, useState } from 'react';

type Me = { email: string; name?: string | null; role: 'READER' | 'EDITOR' | 'ADMIN' | string };

/**
 * Personalisation happens here, in the browser, so cached pages stay identical for everyone.
 * Until /api/me answers (or if it fails / does not exist yet) the reader sees "Sign in".
 */
export function AccountLink() {
  const [user, setUser] = useState<Me | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/me', { credentials: 'same-origin', cache: 'no-store', signal: controller.signal, headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : { user: null }))
      .then((data: { user?: Me | null }) => setUser(data && typeof data === 'object' && data.user ? data.user : null))
      .catch(() => {
        /* offline, aborted or no endpoint: stay signed out */
      });
    return () => controller.abort();
  }, []);

  if (!user) {
    return (
      <a href="/signin" className="account-link">
        Sign in
      </a>
    );
  }
  const staff = user.role === 'EDITOR' || user.role === 'ADMIN';
  return (
    <span className="account-link">
      {staff ? <a href="/desk">Desk</a> : null}
      <a href="/account" title={user.email}>
        Account
      </a>
    </span>
  );
}
