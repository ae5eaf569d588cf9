'use client';

import { useEffect, useState, type ReactNode } from 'react';
import styles from '../../topics.module.css';

type Labels = Record<'failed' | 'following' | 'unfollowed' | 'unfollow' | 'follow' | 'voted' | 'stopped', string>;
type State = { signedIn: boolean; following: boolean; voted: boolean; emailsStopped: boolean };

/**
 * The only per-reader part of a topic's (cached) progress page: asks /api/topics/<id>/follow whether
 * the reader follows the topic and lets them follow or unfollow it.
 */
export function FollowButton({ topicId, signIn, labels }: { topicId: string; signIn: ReactNode; labels: Labels }) {
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
    return <p className={styles.meta}>{signIn}</p>;
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
      if (!r.ok || !body) setMessage(body?.error ?? labels.failed);
      else {
        setState(body);
        setMessage(follow ? labels.following : labels.unfollowed);
      }
    } catch {
      setMessage(labels.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.row} style={{ justifyContent: 'flex-start' }}>
      {state.following ? (
        <button type="button" className={styles.secondary} onClick={() => toggle(false)} disabled={busy}>
          {labels.unfollow}
        </button>
      ) : (
        <button type="button" className={styles.button} onClick={() => toggle(true)} disabled={busy}>
          {labels.follow}
        </button>
      )}
      <span className={styles.meta}>
        {state.following && state.voted ? labels.voted : null}
        {state.emailsStopped ? labels.stopped : null}
      </span>
      <p role="status" aria-live="polite" className={styles.ok} style={{ width: '100%' }}>
        {message}
      </p>
    </div>
  );
}
