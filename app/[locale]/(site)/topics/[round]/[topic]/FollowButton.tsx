'use client';

import { useEffect, useState } from 'react';
import styles from '../../topics.module.css';

type State = { signedIn: boolean; following: boolean; voted: boolean; emailsStopped: boolean };

/**
 * The only per-reader part of a topic's (cached) progress page: asks /api/topics/<id>/follow whether
 * the reader follows the topic and lets them follow or unfollow it.
 */
export function FollowButton({ topicId, signInHref }: { topicId: string; signInHref: string }) {
  const [state, setState] = useState<State | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/topics/${encodeURIComponent(topicId)}/follow`;

  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: controller.signal, headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<State>) : null))
      .then((s) => s && setState(s))
      .catch(() => undefined);
    return () => controller.abort();
  }, [url]);

  if (!state) return null;
  if (!state.signedIn) {
    return (
      <p className={styles.meta}>
        <a href={signInHref}>Sign in to follow this topic</a> and get its updates by email.
      </p>
    );
  }

  async function toggle(follow: boolean) {
    setBusy(true);
    setMessage(null);
    try {
      const r = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ follow }),
      });
      const body = (await r.json().catch(() => null)) as (State & { error?: string }) | null;
      if (!r.ok || !body) setMessage(body?.error ?? 'That did not work. Please try again.');
      else {
        setState(body);
        setMessage(follow ? 'Following: each update comes to you by email.' : 'Unfollowed: no more emails about this topic.');
      }
    } catch {
      setMessage('That did not work. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.row} style={{ justifyContent: 'flex-start' }}>
      {state.following ? (
        <button type="button" className={styles.secondary} onClick={() => toggle(false)} disabled={busy}>
          Following ✓ (unfollow)
        </button>
      ) : (
        <button type="button" className={styles.button} onClick={() => toggle(true)} disabled={busy}>
          Follow this topic
        </button>
      )}
      <span className={styles.meta}>
        {state.following && state.voted ? 'You voted for it, so its updates come to you by email.' : null}
        {state.emailsStopped ? 'You stopped topic emails; following turns them back on.' : null}
      </span>
      <p role="status" aria-live="polite" className={styles.ok} style={{ width: '100%' }}>
        {message}
      </p>
    </div>
  );
}
