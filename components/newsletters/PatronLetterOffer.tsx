'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from './newsletters.module.css';

/**
 * On the checkout success page: offers a new patron the patrons' letter in one click (signed in:
 * POST /api/newsletters/me). It is sent only while they are a patron, decided when it is sent.
 */
export function PatronLetterOffer({ newsletter }: { newsletter: { id: string; name: string; description: string } }) {
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'error'>('idle');
  const t = useTranslations('newsletters.offer');
  async function subscribe() {
    setState('sending');
    const res = await fetch('/api/newsletters/me', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ newsletterId: newsletter.id }),
    }).catch(() => null);
    setState(res?.ok ? 'done' : 'error');
  }
  return (
    <aside className={styles.offer} aria-labelledby="patron-letter-title" data-testid="patron-letter-offer">
      <h2 id="patron-letter-title" className={styles.heading}>
        {newsletter.name}
      </h2>
      <p>{newsletter.description}</p>
      {state === 'done' ? (
        <p role="status" className={styles.done}>
          {t('done', { name: newsletter.name })}
        </p>
      ) : (
        <button type="button" className="button" onClick={subscribe} disabled={state === 'sending'}>
          {t('get', { name: newsletter.name })}
        </button>
      )}
      {state === 'error' ? (
        <p role="alert" className={styles.error}>
          {t('error')}
        </p>
      ) : null}
    </aside>
  );
}
